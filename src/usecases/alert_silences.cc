#include "airm/usecases/alert_silences.h"

#include "airm/monitor/silences.h"
#include "airm/store/timestamp.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

Result<store::AlertSilence> CreateSilence(const SilenceOptions& options) {
  if (options.matchers.empty()) {
    return Status::InvalidArgument("--match: give at least one LABEL=VALUE (e.g. alert=x-drift)");
  }
  store::AlertSilence silence{.created_by = options.by, .comment = options.comment};
  for (const std::string& text : options.matchers) {
    AIRM_ASSIGN_OR_RETURN(store::SilenceMatcher m, monitor::ParseSilenceMatcher(text));
    silence.matchers.push_back(std::move(m));
  }
  std::optional<std::string> until = store::ParseIso8601(options.until);
  if (!until) {
    return Status::InvalidArgument("--until: expected an ISO 8601 time with a zone, got '" +
                                   options.until + "'");
  }
  const std::string now = options.now.empty() ? store::UtcNow() : options.now;
  if (*until <= now) {
    return Status::InvalidArgument("--until " + *until + " is not in the future (now " + now + ")");
  }
  silence.until = *until;
  silence.created_at = now;
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  AIRM_RETURN_IF_ERROR(opened.db->WriteTransaction(
      [&](store::Database& tx) { return store::CreateAlertSilence(tx, &silence); }));
  return silence;
}

Result<std::vector<store::AlertSilence>> ListSilences(const SilenceListOptions& options) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  return store::ListAlertSilences(*opened.db, options.include_expired ? "" : store::UtcNow());
}

Status ExpireSilence(const store::LocateOptions& where, const std::string& uid) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(where));
  return opened.db->WriteTransaction(
      [&](store::Database& tx) { return store::ExpireAlertSilence(tx, uid, ""); });
}

}  // namespace airm::usecases
