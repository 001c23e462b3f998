#pragma once

#include "common/error.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace staffetta::ui {

// The questions a connection must ask a person. An interface, so that tests answer them
// (KeePassXC's MessageBox::setNextAnswer idea) while the console shows real dialogs.
// Every question is asynchronous: the answer comes through the callback.
class Prompter
{
public:
    virtual ~Prompter() = default;

    // An unknown host key: trust this fingerprint? (error.details has host, fingerprint, key_type)
    virtual void askTrustHostKey(const QString &relayName, const Error &error,
                                 std::function<void(bool trust)> answer) = 0;

    struct SecretAnswer
    {
        QString secret;
        bool saveInKeychain = false;
    };
    // A password or key passphrase is needed. nullopt: the user declined.
    virtual void askSecret(const QString &relayName, const Error &error,
                           std::function<void(std::optional<SecretAnswer>)> answer) = 0;
};

// Real dialogs, window-modal and non-blocking (no nested event loop).
class DialogPrompter final : public Prompter
{
    Q_DECLARE_TR_FUNCTIONS(DialogPrompter)
public:
    explicit DialogPrompter(QWidget *parent)
        : m_parent(parent)
    {}
    void askTrustHostKey(const QString &relayName, const Error &error,
                         std::function<void(bool)> answer) override;
    void askSecret(const QString &relayName, const Error &error,
                   std::function<void(std::optional<SecretAnswer>)> answer) override;

private:
    QWidget *m_parent;
};

} // namespace staffetta::ui
