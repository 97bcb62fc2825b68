// `airm escalation notify`: the escalation status turned into notifications
// through the monitor's alerting outbox (one sender, one retry policy, one
// dedup key), with an audit entry per notification newly queued.
#include <filesystem>

#include "airm/alerting/channels.h"
#include "airm/store/monitor_run_lock.h"
#include "airm/usecases/governance_escalation.h"
#include "governance_scope.h"
#include "governance_write.h"
#include "monitor_workspace.h"

namespace airm::usecases {
namespace {

alerting::Notification ToNotification(const governance::Escalation& e, const std::string& recipient,
                                      const governance::Person* person, const std::string& key,
                                      const std::string& today) {
  const std::string held =
      e.level == "owner"  ? "with its owner " + recipient + " (within the grace)"
      : recipient.empty() ? "escalated, to nobody: set escalation.default_to"
                          : "escalated to " + recipient + " (step " + std::to_string(e.step) + ")";
  alerting::Notification n{
      .alert_name = "escalation " + e.item.subject + " (" + e.item.system + ")",
      .monitor = "governance",
      .severity = e.level == "escalated" ? alerting::AlertSeverity::kCritical
                                         : alerting::AlertSeverity::kWarning,
      .state = alerting::AlertState::kFiring,
      .window_start = e.item.due + "T00:00:00Z",
      .window_end = today + "T00:00:00Z",
      .expression = "",
      .observed = std::nullopt,
      .summary = e.item.system + ": " + e.item.what + " (" + e.item.subject + ") is " +
                 std::to_string(e.days_overdue) + " days past " + e.item.due + "; " + held,
      .labels = {{"item", e.item.kind},
                 {"subject", e.item.subject},
                 {"system", e.item.system},
                 {"level", e.level},
                 {"step", std::to_string(e.step)},
                 {"recipient", recipient.empty() ? "unassigned" : recipient}},
      .episode_id = key,
      .started_at = e.item.due + "T00:00:00Z",
      .recipient = std::nullopt};
  if (person && (!person->email.empty() || !person->webhook.empty())) {
    n.recipient = alerting::Recipient{
        .person = person->id, .email = person->email, .webhook = person->webhook};
  }
  return n;
}

}  // namespace

Status NotifyEscalationsOptions::Validate() const { return internal::ValidateToday(today); }

Result<EscalationsNotified> NotifyEscalations(const NotifyEscalationsOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  EscalationsNotified out;
  AIRM_ASSIGN_OR_RETURN(
      out.status, GetEscalationStatus(
                      {.store = options.store, .system = options.system, .today = options.today}));
  AIRM_ASSIGN_OR_RETURN(internal::GovernanceSession session,
                        internal::OpenGovernanceSession(options.store, options.actor));
  out.actor = session.actor;
  if (session.opened.workspace.root.empty()) {
    return Status::InvalidArgument(
        "escalation notify needs a workspace whose airm.yaml declares alerting.channels, not a "
        "bare store");
  }
  const std::string yaml =
      (std::filesystem::path(session.opened.workspace.root) / store::kWorkspaceFile).string();
  AIRM_ASSIGN_OR_RETURN(alerting::AlertingConfig config, alerting::LoadAlertingConfig(yaml));
  if (config.channels.empty()) {
    return Status::InvalidArgument("no alerting channels in " + yaml +
                                   " (alerting.channels): escalations have nowhere to go");
  }
  for (const std::string& c : options.channels) {
    if (config.Find(c)) continue;
    std::string known;
    for (const alerting::Channel& k : config.channels)
      known += (known.empty() ? "" : ", ") + k.name;
    return Status::InvalidArgument("--channel '" + c + "': no such channel in " + yaml +
                                   " (known: " + known + ")");
  }
  alerting::DeliveryOptions delivery = options.delivery;
  delivery.only_channels = options.channels;

  std::vector<alerting::Outgoing> outgoing;
  for (const governance::Escalation& e : out.status.report.escalations) {
    const std::string recipient = governance::HolderOf(e);
    if (e.level == "owner" && recipient.empty()) continue;
    EscalationNotice notice{.escalation = e, .recipient = recipient};
    const governance::Person* person =
        recipient.empty() ? nullptr : out.status.people.Find(recipient);
    if (person) notice.person = *person;
    notice.key = "escalation:" + e.item.subject + ":" + e.item.due + ":step-" +
                 std::to_string(e.step) + ":" + (recipient.empty() ? "unassigned" : recipient);
    outgoing.push_back(
        {.notification = ToNotification(e, recipient, person, notice.key, out.status.today)});
    out.notices.push_back(std::move(notice));
  }

  AIRM_ASSIGN_OR_RETURN(
      out.audit_head,
      internal::CommitGovernanceWrite(
          session, [&](store::Database& tx) -> Result<std::vector<governance::AuditEvent>> {
            std::vector<governance::AuditEvent> events;
            out.queued_now = 0;
            for (EscalationNotice& n : out.notices) {
              // Queued before on any channel: an earlier run notified it.
              AIRM_ASSIGN_OR_RETURN(
                  std::vector<store::Row> seen,
                  tx.Query("SELECT COUNT(*) FROM alert_outbox WHERE episode_id = ?", {n.key}));
              n.queued_now = seen.at(0).Int(0) == 0;
              if (!n.queued_now) continue;
              ++out.queued_now;
              const governance::Escalation& e = n.escalation;
              events.push_back({.action = "escalation.notify",
                                .subject = e.item.subject,
                                .details = {{"system", e.item.system},
                                            {"recipient", n.recipient},
                                            {"level", e.level},
                                            {"step", std::to_string(e.step)},
                                            {"days_overdue", std::to_string(e.days_overdue)},
                                            {"due", e.item.due},
                                            {"person", n.person ? n.person->id : ""},
                                            {"email", n.person ? n.person->email : ""},
                                            {"notification", n.key}}});
            }
            alerting::DeliveryReport queued;
            AIRM_RETURN_IF_ERROR(
                alerting::QueueNotifications(tx, config, outgoing, delivery, &queued));
            return events;
          }));

  // Sent under the monitor run lock, as a monitor run sends, so the two never
  // send the same outbox row at once; when a run holds it, that run sends.
  store::Database& db = *session.opened.db;
  const store::RunLockHolder me = internal::MakeRunLockHolder();
  if (Status locked = store::AcquireMonitorRunLock(db, me, internal::RunLockHolderAlive);
      !locked.ok()) {
    if (locked.code() != StatusCode::kUnavailable) return locked;
    out.held_by_monitor_run = locked.message();
    return out;
  }
  alerting::DeliveryReport report;
  Status drained = alerting::DrainOutbox(db, config, delivery, &report);
  Status released = store::ReleaseMonitorRunLock(db, me);
  AIRM_RETURN_IF_ERROR(drained);
  AIRM_RETURN_IF_ERROR(released);
  out.delivery = std::move(report);
  return out;
}

}  // namespace airm::usecases
