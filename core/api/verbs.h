#pragma once

#include <QStringList>

// The verbs' names: the words of `staffettactl VERB...`. staffettactl's registry is keyed by
// these and the console's client calls them by these, so a verb is named in one place.
// (`queue ACTION` takes its last word from api::queueActionName.)
namespace staffetta::api::verbs {

using namespace Qt::Literals::StringLiterals;

inline const QStringList Info{u"info"_s};
inline const QStringList PolicyGet{u"policy"_s, u"get"_s};
inline const QStringList PolicyApply{u"policy"_s, u"apply"_s};
inline const QStringList PolicyDiff{u"policy"_s, u"diff"_s};
inline const QStringList PolicyHistory{u"policy"_s, u"history"_s};
inline const QStringList PolicyRollback{u"policy"_s, u"rollback"_s};
inline const QStringList Usage{u"usage"_s};
inline const QStringList Audit{u"audit"_s};
inline const QStringList QueueList{u"queue"_s, u"list"_s};
inline const QStringList QueueShow{u"queue"_s, u"show"_s};
inline const QString Queue = u"queue"_s; // + an action's name
inline const QStringList BansList{u"bans"_s, u"list"_s};
inline const QStringList BansLog{u"bans"_s, u"log"_s};
inline const QStringList BansUnban{u"bans"_s, u"unban"_s};
inline const QStringList BansWhitelist{u"bans"_s, u"whitelist"_s};
inline const QStringList BansWhitelistAdd{u"bans"_s, u"whitelist"_s, u"add"_s};
inline const QStringList BansWhitelistRemove{u"bans"_s, u"whitelist"_s, u"remove"_s};
inline const QStringList Search{u"search"_s};
inline const QStringList Trace{u"trace"_s};
inline const QStringList Stats{u"stats"_s};
inline const QStringList AccountsList{u"accounts"_s, u"list"_s};
inline const QStringList AccountsAdd{u"accounts"_s, u"add"_s};
inline const QStringList AccountsRemove{u"accounts"_s, u"remove"_s};
inline const QStringList AccountsPasswd{u"accounts"_s, u"passwd"_s};
inline const QStringList AccountsSuspend{u"accounts"_s, u"suspend"_s};
inline const QStringList AccountsResume{u"accounts"_s, u"resume"_s};
inline const QStringList AlertsList{u"alerts"_s, u"list"_s};
inline const QStringList AlertsAck{u"alerts"_s, u"ack"_s};
inline const QStringList ReputationCheck{u"reputation"_s, u"check"_s};
inline const QStringList ReputationShow{u"reputation"_s, u"show"_s};
inline const QStringList ReputationHistory{u"reputation"_s, u"history"_s};

} // namespace staffetta::api::verbs
