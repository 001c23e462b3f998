// The abuse alerts through the lab relay: carol's burst over her baseline, indexed by
// staffetta-events, raises one alert whose e-mail (through the relay's own sendmail) lands in
// the sink addressed to her contact; a second burst the same day raises none; the lab's
// partner (of bob) neither sees nor acknowledges it; the admin's acknowledgement is audited.
#include "api/alerts.h"
#include "api/trace.h"
#include "client/relay_client.h"

#include "lab_helpers.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

#include <thread>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

class Alerts : public LabTest
{
protected:
    static QString carol() { return u"carol@"_s + labValue("LAB_LOCAL_DOMAIN"); }

    static api::AlertsListResult list(const QJsonObject &request)
    {
        auto r = api::AlertsListResult::fromJson(
            ctl({u"alerts"_s, u"list"_s}, QJsonDocument(request).toJson(QJsonDocument::Compact)));
        EXPECT_TRUE(r.ok());
        return r ? r.value() : api::AlertsListResult{};
    }
    static QJsonObject todaysCarolRate()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        return {{u"account"_s, u"carol"_s},
                {u"rule"_s, u"hourly_rate"_s},
                {u"from"_s, QDateTime(now.date(), QTime(0, 0), Qt::UTC).toString(Qt::ISODate)}};
    }
    // carol's messages accepted in the last hour, as the index has them.
    static qint64 carolsHour()
    {
        const QJsonObject r = ctl(
            {u"trace"_s},
            QJsonDocument(
                QJsonObject{{u"account"_s, u"carol"_s},
                            {u"from"_s,
                             QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate)},
                            {u"limit"_s, 1}})
                .toJson(QJsonDocument::Compact));
        return qint64(r.value(u"matched"_s).toDouble());
    }
    // `count` messages from carol to the blackhole, each queued (a Dovecot reload earlier in
    // the run may make one AUTH fail with 454: it is sent again).
    static void burst(const QString &tag, int count)
    {
        for (int i = 0; i < count; ++i) {
            const QString to = u"%1-%2@%3"_s.arg(tag).arg(i).arg(labValue("LAB_BLACKHOLE_DOMAIN"));
            bool queued = false;
            for (int attempt = 0; attempt < 5 && !queued; ++attempt)
                queued = anyReplyStartsWith(send({u"carol"_s, carol(), {to}, {}, {}}),
                                            u"250 2.0.0 Ok: queued"_s);
            ASSERT_TRUE(queued) << to.toStdString();
        }
    }
};

} // namespace

TEST_F(Alerts, ABurstOverTheBaselineRaisesOneAlertMailedToTheContactAndASecondBurstNone)
{
    ASSERT_EQ(list(todaysCarolRate()).matched, 0)
        << "carol already has today's hourly_rate alert: this test needs a fresh lab";
    const QString tag = u"alert-"_s + QUuid::createUuid().toString(QUuid::Id128).left(10);
    const QString contact = tag + u"-contact@"_s + labValue("LAB_BLACKHOLE_DOMAIN");
    // The baseline of a lab account is next to nothing: a minimum just over what carol sent
    // this hour, and a factor of 1, make the next 4 messages a burst.
    const qint64 before = carolsHour();
    const QJsonObject alerts{
        {u"contact"_s, contact},
        {u"notify"_s, QJsonArray{u"contact"_s}},
        {u"rules"_s, QJsonObject{{u"hourly_rate"_s,
                                  QJsonObject{{u"factor"_s, 1}, {u"min_count"_s, before + 3}}}}}};
    const QJsonObject applied = setAccountKey(u"carol"_s, u"alerts"_s, alerts, u"alerts test"_s);
    ASSERT_TRUE(applied.value(u"reloaded"_s).toBool());
    std::this_thread::sleep_for(std::chrono::seconds(2)); // staffetta-events reloads it too

    burst(tag + u"-a"_s, 4);
    api::Alert alert;
    ASSERT_TRUE(waitUntil(
        [&] {
            const auto found = list(todaysCarolRate());
            if (found.alerts.size() != 1 || found.alerts.front().notified.isEmpty())
                return false;
            alert = found.alerts.front();
            return true;
        },
        90000))
        << "no hourly_rate alert for carol was raised and mailed";
    EXPECT_EQ(alert.account, u"carol"_s);
    EXPECT_GE(alert.observed, double(before + 4));
    EXPECT_EQ(alert.threshold, double(before + 3));
    EXPECT_EQ(alert.notified, QStringList{contact});
    EXPECT_TRUE(alert.notifyError.isEmpty()) << alert.notifyError.toStdString();
    EXPECT_FALSE(alert.queueIds.isEmpty());
    EXPECT_FALSE(alert.acknowledged);

    // The e-mail went through the relay's Postfix to the sink, addressed to the contact, in
    // carol's language (the lab's default, Italian), with the evidence.
    QStringList mails;
    ASSERT_TRUE(waitUntil([&] { return !(mails = sinkFilesWith(contact)).isEmpty(); }, 60000))
        << "the alert's e-mail never reached the sink";
    ASSERT_EQ(mails.size(), 1);
    const QByteArray mail = readFile(mails.front());
    EXPECT_TRUE(mail.contains("To: " + contact.toUtf8())) << mail.toStdString();
    EXPECT_TRUE(mail.contains("Regola: hourly_rate")) << mail.toStdString();
    EXPECT_TRUE(mail.contains(alert.queueIds.front().toUtf8())) << mail.toStdString();
    EXPECT_TRUE(mail.contains("Auto-Submitted: auto-generated"));

    // A second burst the same day raises none, and mails nothing.
    burst(tag + u"-b"_s, 4);
    ASSERT_TRUE(waitUntil([&] { return carolsHour() >= before + 8; }, 60000));
    std::this_thread::sleep_for(std::chrono::seconds(12)); // past the next evaluations
    EXPECT_EQ(list(todaysCarolRate()).matched, 1);
    EXPECT_EQ(sinkFilesWith(contact).size(), 1);

    // bob's partner sees only bob's alerts, and cannot acknowledge carol's.
    auto partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    auto seen = await(partner.call({u"alerts"_s, u"list"_s}, "{\"limit\": 1000}"));
    ASSERT_TRUE(seen.ok()) << seen.error().message.toStdString();
    const auto partnerList = api::AlertsListResult::fromJson(seen.value());
    ASSERT_TRUE(partnerList.ok());
    for (const api::Alert &a : partnerList.value().alerts)
        EXPECT_EQ(a.account, u"bob"_s) << a.rule.toStdString();
    auto refused = await(partner.call(
        {u"alerts"_s, u"ack"_s},
        QJsonDocument(QJsonObject{{u"id"_s, alert.id}}).toJson(QJsonDocument::Compact)));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::NotFound);
    EXPECT_FALSE(list(todaysCarolRate()).alerts.front().acknowledged);

    // The admin acknowledges it, with a comment; it is kept and audited.
    const QJsonObject acked =
        ctl({u"alerts"_s, u"ack"_s, QString::number(alert.id)},
            QJsonDocument(QJsonObject{{u"comment"_s, u"carol's newsletter, agreed"_s}}).toJson());
    EXPECT_TRUE(acked.value(u"acknowledged"_s).toBool());
    const auto after = list(todaysCarolRate());
    ASSERT_EQ(after.alerts.size(), 1);
    EXPECT_TRUE(after.alerts.front().acknowledged);
    EXPECT_EQ(after.alerts.front().comment, u"carol's newsletter, agreed"_s);
    bool audited = false;
    for (const QJsonValue &e : ctl({u"audit"_s}).value(u"entries"_s).toArray())
        audited =
            audited ||
            (e.toObject().value(u"verb"_s).toString() == u"alerts ack"_s &&
             e.toObject().value(u"outcome"_s).toString() == u"done"_s &&
             e.toObject().value(u"summary"_s).toString().contains(u"alert %1"_s.arg(alert.id)));
    EXPECT_TRUE(audited);

    setAccountKey(u"carol"_s, u"alerts"_s, QJsonValue(QJsonValue::Undefined), u"alerts test"_s);
}
