// The console words the relay's codes (core/client/texts.h): in Italian with the Italian
// translation loaded, whatever English the relay put in its message.
#include "client/policy_client.h"
#include "client/texts.h"
#include "policy/diff.h"
#include "policy/pattern.h"
#include "policy/policy.h"

#include "test_support.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTranslator>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

namespace {

class Italian : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(translator.load(u":/i18n/staffetta_it"_s));
        QCoreApplication::installTranslator(&translator);
    }
    void TearDown() override { QCoreApplication::removeTranslator(&translator); }
    QTranslator translator;
};

} // namespace

TEST_F(Italian, ARelayErrorIsWordedFromItsCodeAndDetails)
{
    const Error denied(ErrorCode::PermissionDenied, u"bob (role viewer) may not unban"_s,
                       {{u"role"_s, u"viewer"_s}, {u"permission"_s, u"unban"_s}});
    EXPECT_EQ(
        client::errorText(denied),
        u"Il tuo ruolo (viewer) non può rimuovere il blocco degli indirizzi su questo relay."_s);
    const Error conflict(ErrorCode::Conflict, u"the policy changed"_s,
                         {{u"base_revision"_s, 3}, {u"current_revision"_s, 5}});
    EXPECT_TRUE(client::errorText(conflict).startsWith(u"La policy è cambiata dalla revisione 3"_s))
        << client::errorText(conflict).toStdString();
    const Error notBanned(ErrorCode::NotFound, u"192.0.2.7 is not banned in any jail"_s,
                          {{u"address"_s, u"192.0.2.7"_s}, {u"reason"_s, u"not_banned"_s}});
    EXPECT_EQ(client::errorText(notBanned), u"192.0.2.7 non è bloccato in nessuna jail."_s);
    // A code this console does not know keeps the relay's own sentence.
    Error newer = Error::fromJson({{u"code"_s, u"from_the_future"_s}, {u"message"_s, u"later"_s}});
    EXPECT_EQ(client::errorText(newer), u"later"_s);
}

TEST_F(Italian, PatternProblemsAreTranslatableWithTheirParameter)
{
    policy::PatternProblem problem;
    ASSERT_FALSE(policy::SenderPattern::parse(u"a b@example.com"_s, &problem));
    EXPECT_EQ(problem.code, policy::PatternProblem::Code::ForbiddenCharacter);
    // The relay's English (invalid_policy) and the console's Italian say the same.
    EXPECT_EQ(problem.message(), u"contains ' ', which an address cannot contain"_s);
    EXPECT_EQ(client::patternProblemText(problem),
              u"contiene ' ', che un indirizzo non può contenere"_s);
    ASSERT_FALSE(policy::SenderPattern::parse(u"*@*.*"_s, &problem));
    EXPECT_EQ(client::patternProblemText(problem),
              u"corrisponderebbe a ogni dominio (il suo dominio non ha caratteri fissi)"_s);
}

TEST_F(Italian, BanReasonsActionReasonsAndReloadCodes)
{
    EXPECT_EQ(client::failureKindText(api::FailureKind::WrongCredentials), u"credenziali errate"_s);
    api::ActionResult held{u"ABC"_s, u"hold"_s, u"unchanged"_s, u"already on hold"_s,
                           u"already_held"_s};
    EXPECT_EQ(client::actionReasonText(held), u"già sospeso"_s);
    api::ActionResult failed{u"ABC"_s, u"hold"_s, u"failed"_s, u"postsuper: fatal"_s, {}};
    EXPECT_EQ(client::actionReasonText(failed), u"postsuper: fatal"_s);
    EXPECT_EQ(client::reloadText(u"reload_timeout"_s, u"english"_s),
              u"staffettad non ha confermato il ricaricamento entro 5 s; vedi il suo log."_s);
}

TEST_F(Italian, PolicyChangesAreEnglishOnTheRelayAndTranslatedInTheConsole)
{
    policy::Change change;
    change.op = policy::Change::Op::Remove;
    change.section = policy::Change::Section::Limit;
    change.field = u"daily_quota"_s;
    change.before = 300;
    // The CLI and the audit log: English whatever translator the process has.
    EXPECT_EQ(change.text(), u"- limits.daily_quota: 300 (back to the default)"_s);
    EXPECT_EQ(client::changeText(change),
              u"Per tutto il relay, quota giornaliera: valore rimosso (era 300)"_s);
}

// The review dialog speaks people: the account, the field in words, numbers as the chosen
// language writes them.
TEST_F(Italian, PolicyChangesSpeakPeopleInTheChosenLanguage)
{
    policy::Change quota;
    quota.op = policy::Change::Op::Modify;
    quota.section = policy::Change::Section::AccountLimit;
    quota.account = u"bob"_s;
    quota.field = u"daily_quota"_s;
    quota.before = 1000;
    quota.after = 2500;
    policy::Change sender;
    sender.op = policy::Change::Op::Add;
    sender.section = policy::Change::Section::AccountSender;
    sender.account = u"bob"_s;
    sender.item = u"*@shop.example"_s;
    policy::Change size;
    size.op = policy::Change::Op::Modify;
    size.section = policy::Change::Section::Limit;
    size.field = u"max_message_size"_s;
    size.before = 25 * 1024 * 1024;
    size.after = 10 * 1024 * 1024;
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::Italian, QLocale::Italy));
    EXPECT_EQ(client::changeText(quota), u"bob: quota giornaliera 1.000 → 2.500"_s);
    EXPECT_EQ(client::changeText(sender), u"bob può inviare come *@shop.example"_s);
    EXPECT_EQ(client::changeText(size),
              u"Per tutto il relay, dimensione massima del messaggio: 25 MB → 10 MB"_s);
    QCoreApplication::removeTranslator(&translator);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    EXPECT_EQ(client::changeText(quota), u"bob: daily quota 1,000 → 2,500"_s);
    EXPECT_EQ(client::changeText(sender), u"bob may send as *@shop.example"_s);
    QLocale::setDefault(before);
}

// An override says the relay default it replaces, and the one it gives way to, when the
// console knows the policy.
TEST_F(Italian, AnOverrideNamesTheRelaysDefault)
{
    policy::Change added;
    added.op = policy::Change::Op::Add;
    added.section = policy::Change::Section::AccountLimit;
    added.account = u"bob"_s;
    added.field = u"daily_quota"_s;
    added.after = 50;
    policy::Change removed = added;
    removed.op = policy::Change::Op::Remove;
    removed.after = QJsonValue::Undefined;
    removed.before = 500;
    policy::Change hourly = added;
    hourly.field = u"hourly_quota"_s;
    policy::Policy relay;
    relay.limits.dailyQuota = 300;
    EXPECT_EQ(client::changeText(added, &relay),
              u"bob: quota giornaliera 50 (al posto di 300 del relay)"_s);
    EXPECT_EQ(client::changeText(removed, &relay),
              u"bob: quota giornaliera come da relay, 300 (era 500)"_s);
    EXPECT_EQ(client::changeText(hourly, &relay),
              u"bob: quota oraria 50 (per il relay è disattivato)"_s);
}

TEST_F(Italian, InvalidPolicyPatternReasonsAreWordedFromTheirCodes)
{
    const QJsonObject bad{
        {u"schema_version"_s, 1},
        {u"accounts"_s, QJsonArray{QJsonObject{{u"login"_s, u"alice"_s},
                                               {u"senders"_s, QJsonArray{u"alice@example.com"_s,
                                                                         u"a b@example.com"_s}}}}}};
    auto refused = policy::Policy::fromJsonObject(bad);
    ASSERT_FALSE(refused.ok());
    const QJsonObject entry =
        refused.error().details.value(u"errors"_s).toArray().first().toObject();
    EXPECT_EQ(entry.value(u"path"_s).toString(), u"accounts[0].senders[1]"_s);
    EXPECT_EQ(entry.value(u"problem"_s).toString(), u"forbidden_character"_s);
    EXPECT_EQ(entry.value(u"argument"_s).toString(), u" "_s);
    // The relay's English...
    EXPECT_EQ(entry.value(u"reason"_s).toString(),
              u"\"a b@example.com\" is not a valid pattern: contains ' ', which an address cannot "
              u"contain"_s);
    // ...and the console's sentence, from the code.
    EXPECT_EQ(client::errorText(refused.error()),
              u"Il relay ha rifiutato la policy: accounts[0].senders[1]: \"a b@example.com\" non è "
              u"un modello valido: contiene ' ', che un indirizzo non può contenere"_s);
}

TEST_F(Italian, TheBanIsExplainedInWordsAHelpdeskCanRepeat)
{
    api::AddressReport r;
    r.address = u"127.0.0.2"_s;
    r.bans.append(api::Ban{});
    r.reason = api::FailureKind::WrongCredentials;
    r.reasonCounts.insert(u"wrong_credentials"_s, 3);
    r.lines.append({u"mail"_s,
                    u"warning: unknown[127.0.0.2]: SASL PLAIN authentication failed: , "
                    "sasl_username=bob"_s,
                    api::FailureKind::WrongCredentials});
    EXPECT_EQ(client::failedLogins(r), QStringList{u"bob"_s});
    EXPECT_EQ(client::failureExplanation(r),
              u"3 accessi non riusciti come bob — probabilmente il programma di posta del cliente "
              "ha una password vecchia."_s);
    EXPECT_TRUE(client::whitelistWarning().contains(u"all'infinito"_s));
}

// The conflict dialog's "who changed it": the relay's origin "local" and its ISO time are
// worded in the console's language.
TEST_F(Italian, AColleaguesRevisionIsSaidInTheConsolesLanguage)
{
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::Italian, QLocale::Italy));
    const QDateTime time(QDate(2026, 12, 3), QTime(8, 5), Qt::UTC);
    const Error e(
        ErrorCode::Conflict, u"the policy changed"_s,
        {{u"current_revision"_s, 8},
         {u"current_policy"_s, QJsonDocument::fromJson(policy::Policy{}.toJson()).object()},
         {u"their_revisions"_s, QJsonArray{QJsonObject{{u"revision"_s, 8},
                                                       {u"user"_s, u"carol"_s},
                                                       {u"role"_s, u"admin"_s},
                                                       {u"origin"_s, u"local"_s},
                                                       {u"time"_s, time.toString(Qt::ISODate)}}}}});
    auto conflict = client::Conflict::fromError(e);
    QLocale::setDefault(before);
    ASSERT_TRUE(conflict.ok()) << conflict.error().message.toStdString();
    ASSERT_EQ(conflict.value().theirAuthors.size(), 1);
    EXPECT_EQ(conflict.value().theirAuthors[0],
              u"revisione 8: carol (admin) sul relay stesso, "_s +
                  QLocale(QLocale::Italian, QLocale::Italy)
                      .toString(time.toLocalTime(), QLocale::ShortFormat));
}
