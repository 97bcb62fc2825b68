#include "airm/store/alert_silences.h"

#include "airm/sha256.h"
#include "store_util.h"

namespace airm::store {
namespace {

// One matcher a line, as SilenceMatcher::ToString writes it.
std::string MatchersText(const std::vector<SilenceMatcher>& matchers) {
  std::string text;
  for (const SilenceMatcher& m : matchers) text += (text.empty() ? "" : "\n") + m.ToString();
  return text;
}

Result<std::vector<SilenceMatcher>> ParseMatchersText(const std::string& text) {
  std::vector<SilenceMatcher> out;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(begin, end - begin);
    const size_t eq = line.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::Corrupt("alert_silences.matchers: cannot read '" + line + "'");
    }
    const bool not_equal = line[eq - 1] == '!';
    out.push_back({.label = line.substr(0, not_equal ? eq - 1 : eq),
                   .equal = !not_equal,
                   .value = line.substr(eq + 1)});
    begin = end + 1;
  }
  return out;
}

}  // namespace

Status CreateAlertSilence(Database& db, AlertSilence* s) {
  if (s->matchers.empty()) return Status::InvalidArgument("a silence needs at least one matcher");
  for (const SilenceMatcher& m : s->matchers) {
    if (m.label.empty() || m.label.find_first_of("=!\n") != std::string::npos ||
        m.value.find('\n') != std::string::npos) {
      return Status::InvalidArgument("silence matcher '" + m.ToString() +
                                     "': expected LABEL=VALUE or LABEL!=VALUE on one line");
    }
  }
  s->created_at = internal::NowIfEmpty(s->created_at);
  const std::string matchers = MatchersText(s->matchers);
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> count, db.Query("SELECT COUNT(*) FROM alert_silences"));
  s->silence_uid = Sha256Hex(matchers + "\n" + s->until + "\n" + s->created_at + "\n" +
                             std::to_string(count[0].Int(0)))
                       .substr(0, 12);
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> inserted,
      db.Query("INSERT INTO alert_silences (silence_uid, matchers, until, created_by, comment,"
               " created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
               {s->silence_uid, matchers, s->until, s->created_by, s->comment, s->created_at}));
  s->id = inserted[0].Int(0);
  return Status::Ok();
}

Result<std::vector<AlertSilence>> ListAlertSilences(Database& db, const std::string& at) {
  std::vector<AlertSilence> out;
  Status status = db.QueryEach(
      "SELECT id, silence_uid, matchers, until, created_by, comment, created_at"
      " FROM alert_silences WHERE (? = '' OR until > ?) ORDER BY id",
      {at, at}, [&](const Row& row) -> Status {
        AIRM_ASSIGN_OR_RETURN(std::vector<SilenceMatcher> matchers, ParseMatchersText(row.Text(2)));
        out.push_back({.id = row.Int(0),
                       .silence_uid = row.Text(1),
                       .matchers = std::move(matchers),
                       .until = row.Text(3),
                       .created_by = row.Text(4),
                       .comment = row.Text(5),
                       .created_at = row.Text(6)});
        return Status::Ok();
      });
  if (!status.ok()) return status;
  return out;
}

Status ExpireAlertSilence(Database& db, const std::string& uid, const std::string& at) {
  const std::string now = internal::NowIfEmpty(at);
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> updated,
      db.Query("UPDATE alert_silences SET until = ? WHERE silence_uid = ? RETURNING id",
               {now, uid}));
  if (!updated.empty()) return Status::Ok();
  AIRM_ASSIGN_OR_RETURN(std::vector<AlertSilence> active, ListAlertSilences(db, now));
  std::vector<std::string> ids;
  for (const AlertSilence& s : active) ids.push_back(s.silence_uid);
  return Status::NotFound("no silence '" + uid + "'; active silences: " +
                          (ids.empty() ? std::string("none") : internal::JoinLimited(ids)));
}

}  // namespace airm::store
