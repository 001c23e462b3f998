#pragma once

#include "api/info.h"
#include "test_support.h"

namespace staffetta::test {

// Integration tests run against the lab relay named by STAFFETTA_LAB_ENV.
class LabTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(Lab::get().ok()) << "STAFFETTA_LAB_ENV does not name a lab.env";
    }
};

// `staffettactl info`, run on the relay host as the lab's SSH key would run it.
api::RelayInfo localInfo();
QStringList bannedIps(const QString &jail);
void unban(const QString &jail, const QString &ip);
// tests/lab/lab VERB --dir LAB_DIR (policy-restart, policy-stop, ...).
void labCommand(const QString &verb);
// The lab Postfix instance's mail_version.
QString labPostfixVersion();

} // namespace staffetta::test
