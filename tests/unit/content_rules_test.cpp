// policy.json's content section: the relay's rules, an account's overrides, their validation.
#include "policy/diff.h"
#include "policy/policy.h"

#include "test_support.h"

#include <QJsonArray>

using namespace staffetta;
using namespace staffetta::policy;
using namespace Qt::Literals::StringLiterals;

namespace {
QStringList errorPaths(const Error &e)
{
    QStringList paths;
    for (const auto &v : e.details.value(u"errors"_s).toArray())
        paths.append(v.toObject().value(u"path"_s).toString());
    return paths;
}
} // namespace

TEST(ContentRules, AMissingSectionMeansTheRelayDocsAllowListInItalian)
{
    auto p = Policy::fromJson(R"({"schema_version": 1, "accounts": [{"login": "bob"}]})");
    ASSERT_TRUE(p.ok()) << p.error().message.toStdString();
    const Account *bob = p.value().account(u"bob"_s);
    EXPECT_EQ(p.value().attachmentMode(bob), AttachmentMode::AllowList);
    EXPECT_EQ(p.value().allowedExtensions(bob),
              (QStringList{u"pdf"_s, u"txt"_s, u"gif"_s, u"jpg"_s, u"png"_s}));
    EXPECT_EQ(p.value().language(bob), Language::Italian);
    EXPECT_EQ(p.value().bcc(bob).mode, BccMode::Off);
    EXPECT_EQ(p.value().content.noticeLines(Language::Italian, u"esempio.zip"_s),
              (QStringList{u"L'allegato \"esempio.zip\" ha violato la politica di sicurezza della "
                           u"vostra azienda."_s,
                           u"La spedizione e' stata bloccata. Per ulteriori informazioni, "
                           u"contattare l'Amministratore IT"_s}));
}

TEST(ContentRules, AnAccountOverridesEachPartAndRoundTrips)
{
    const QByteArray json = R"({"schema_version": 1,
      "content": {"language": "it", "attachments": {"mode": "allow_list", "allowed": ["PDF", "zip"],
                  "notice": {"en": "No \"{filename}\" here"}},
                  "bcc": {"mode": "mailbox", "mailbox": "archivio"}},
      "accounts": [{"login": "bob", "language": "en",
                    "content": {"attachments": {"mode": "off"},
                                "bcc": {"mode": "address", "address": "copies@archive.example"}}},
                   {"login": "carol", "content": {"attachments": {"allowed": ["txt"]}}}]})";
    auto p = Policy::fromJson(json);
    ASSERT_TRUE(p.ok()) << p.error().message.toStdString();
    const Policy &policy = p.value();
    const Account *bob = policy.account(u"bob"_s);
    const Account *carol = policy.account(u"carol"_s);
    EXPECT_EQ(policy.allowedExtensions(nullptr), (QStringList{u"pdf"_s, u"zip"_s}));
    EXPECT_EQ(policy.attachmentMode(bob), AttachmentMode::Off);
    EXPECT_EQ(policy.language(bob), Language::English);
    EXPECT_EQ(policy.bcc(bob).address, u"copies@archive.example"_s);
    EXPECT_EQ(policy.attachmentMode(carol), AttachmentMode::AllowList);
    EXPECT_EQ(policy.allowedExtensions(carol), QStringList{u"txt"_s});
    EXPECT_EQ(policy.bcc(carol).mailbox, u"archivio"_s);
    EXPECT_EQ(policy.content.noticeLines(Language::English, u"a\"b%c\u00e8.exe"_s),
              QStringList{u"No \"a_b_c?.exe\" here"_s});
    auto again = Policy::fromJson(policy.toJson());
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(again.value().toJson(), policy.toJson());
    // The default Italian notice is not written out; the edited English one is.
    EXPECT_FALSE(policy.toJson().contains("L'allegato"));
    EXPECT_TRUE(policy.toJson().contains("No \\\"{filename}\\\" here"));
}

TEST(ContentRules, EveryMistakeIsNamedWithItsPath)
{
    const QByteArray bad = R"({"schema_version": 1,
      "content": {"language": "fr", "colour": 1,
                  "attachments": {"mode": "deny", "allowed": [".pdf", "p df", "pdf", "PDF", 3],
                                  "notice": {"it": "riga\u0001", "de": "x"}},
                  "bcc": {"mode": "address", "address": "100%@x.example"}},
      "accounts": [{"login": "bob", "language": "IT",
                    "content": {"attachments": {"notice": {"it": "x"}},
                                "bcc": {"mode": "mailbox", "mailbox": "Not Valid", "address": "a@b.example"}}},
                   {"login": "carol", "content": {"bcc": {"mode": "sometimes"}}}]})";
    auto r = Policy::fromJson(bad);
    ASSERT_FALSE(r.ok());
    const QStringList paths = errorPaths(r.error());
    for (const QString &expected :
         {u"content.language"_s, u"content.colour"_s, u"content.attachments.mode"_s,
          u"content.attachments.allowed[0]"_s, u"content.attachments.allowed[1]"_s,
          u"content.attachments.allowed[3]"_s, u"content.attachments.allowed[4]"_s,
          u"content.attachments.notice.it"_s, u"content.attachments.notice.de"_s,
          u"content.bcc.address"_s, u"accounts[0].language"_s,
          u"accounts[0].content.attachments.notice"_s, u"accounts[0].content.bcc.mailbox"_s,
          u"accounts[0].content.bcc.address"_s, u"accounts[1].content.bcc.mode"_s}) {
        EXPECT_TRUE(paths.contains(expected))
            << "missing " << expected.toStdString() << " in " << paths.join(u", "_s).toStdString();
    }
    EXPECT_EQ(paths.size(), 15) << paths.join(u", "_s).toStdString();
}

TEST(ContentRules, TheSizeNoticeIsTheCustomersWording)
{
    EXPECT_EQ(sizeNoticeText(Language::Italian, 10485760),
              "La dimensione del messaggio che si sta tentando di inviare supera il "
              "limite di dimensione globale (10485760 byte) del server. Il messaggio non e' stato "
              "inviato; ridurre la dimensione del messaggio e riprovare.");
    EXPECT_TRUE(sizeNoticeText(Language::English, 20000).startsWith("The size"));
}

TEST(ContentRules, ChangesAreFieldsThatDiffAndRebase)
{
    auto base = Policy::fromJson(R"({"schema_version": 1, "accounts": [{"login": "bob"}]})");
    ASSERT_TRUE(base.ok());
    Policy edited = base.value();
    edited.content.allowedExtensions.append(u"zip"_s);
    edited.content.noticeEnglish = u"Blocked: {filename}"_s;
    Account *bob = edited.account(u"bob"_s);
    bob->language = Language::English;
    bob->content.bcc = Bcc{BccMode::Address, {}, u"copies@archive.example"_s};
    const QList<Change> changes = diff(base.value(), edited);
    QStringList lines;
    for (const Change &c : changes)
        lines.append(c.text());
    EXPECT_EQ(lines,
              (QStringList{
                  u"~ content.attachments.allowed: [\"pdf\",\"txt\",\"gif\",\"jpg\",\"png\"] → "
                  u"[\"pdf\",\"txt\",\"gif\",\"jpg\",\"png\",\"zip\"]"_s,
                  u"~ content.attachments.notice.en: "_s +
                      ContentRules::defaultNotice(Language::English) + u" → Blocked: {filename}"_s,
                  u"+ accounts[bob].content.bcc: {\"address\":\"copies@archive.example\","
                  u"\"mode\":\"address\"}"_s,
                  u"+ accounts[bob].language: en"_s}))
        << lines.join(u"\n"_s).toStdString();
    const Reach r = reach(changes);
    EXPECT_TRUE(r.relayWide);
    EXPECT_EQ(r.accounts, QStringList{u"bob"_s});
    // Replayed on the base, the changes give the edited policy back.
    const Rebased rebased = rebase(base.value(), changes);
    EXPECT_TRUE(rebased.conflicts.isEmpty());
    EXPECT_EQ(rebased.policy.toJson(), edited.toJson());
}
