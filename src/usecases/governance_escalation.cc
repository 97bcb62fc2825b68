#include "airm/usecases/governance_escalation.h"

#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "airm/governance/coverage.h"
#include "airm/governance/risk_register.h"
#include "airm/governance/system_view.h"
#include "airm/small_file.h"
#include "airm/store/timestamp.h"
#include "airm/usecases/store_access.h"
#include "board_reviews.h"
#include "governance_scope.h"
#include "system_evidence.h"

namespace airm::usecases {
namespace {

// The people directory and the escalation rules of the workspace's airm.yaml
// (defaults and no directory for a bare store or a workspace without it).
Status LoadConfig(const store::Workspace& ws, EscalationStatus* out) {
  if (ws.root.empty()) return Status::Ok();
  const std::string path = (std::filesystem::path(ws.root) / store::kWorkspaceFile).string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::Ok();
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, "workspace file"));
  AIRM_ASSIGN_OR_RETURN(out->people, governance::ParsePeopleDirectory(text, path));
  AIRM_ASSIGN_OR_RETURN(out->config, governance::ParseEscalationConfig(text, path, &out->people));
  return Status::Ok();
}

// warn "escalation.unknown_person", once per person: someone holds an overdue
// item but the directory (when there is one) has no entry for them, so its
// notifications go to the channels' own addresses.
void UnknownPeople(const EscalationStatus& st, std::vector<Finding>* findings) {
  if (!st.people.Configured()) return;
  std::map<std::string, std::vector<std::string>> subjects;  // person -> items they hold
  for (const governance::Escalation& e : st.report.escalations) {
    const std::string holder = governance::HolderOf(e);
    if (!holder.empty() && !st.people.Find(holder)) subjects[holder].push_back(e.item.subject);
  }
  for (const auto& [person, items] : subjects) {
    std::string list;
    for (const std::string& s : items) list += (list.empty() ? "" : ", ") + s;
    Finding f =
        MakeFinding(Severity::kWarn, "escalation.unknown_person", "person:" + person,
                    person + " holds " + list + " but is not in people: (" + st.people.source +
                        "); their notifications go to the channels' own addresses");
    findings->push_back(std::move(f));
  }
}

// The approvals of `r` that stopped counting, when its state is not approved.
std::optional<governance::StaleApproval> StaleOf(const governance::AiSystem& sys,
                                                 const store::ModelVersion& v,
                                                 const internal::BoardReview& r) {
  if (r.state.state == "approved") return std::nullopt;
  governance::StaleApproval out{.system = sys.name, .model = v.Ref(), .board = r.board.name};
  if (!r.state.lapsed.empty()) {
    out.reason = "evidence_expired";
    for (const governance::SignOff& s : r.state.lapsed) out.signers.push_back(s.signer);
    out.controls = r.state.lapsed_controls;
    std::string controls;
    for (const std::string& c : out.controls) controls += (controls.empty() ? "" : ", ") + c;
    out.detail = "the evidence the approval of " + v.Ref() + " rested on is no longer current (" +
                 controls + "); board " + r.board.name + " must decide again";
    return out;
  }
  std::string refs;
  for (const governance::SignOff& s : r.state.stale) {
    if (s.decision == "reject") continue;
    out.signers.push_back(s.signer);
    if (refs.find(s.model_ref) == std::string::npos)
      refs += (refs.empty() ? "" : ", ") + s.model_ref;
  }
  if (out.signers.empty()) return std::nullopt;
  out.reason = "model_changed";
  out.detail = "approvals of " + refs + " do not cover " + v.Ref() + " (a new artifact); board " +
               r.board.name + " must decide again";
  return out;
}

// Risks, approval conditions and late reviews of one system, and the
// approvals that stopped counting.
Status DueItemsOf(store::Database& db, const governance::AiSystem& sys,
                  const governance::EscalationConfig& config, const internal::EvidenceStore& where,
                  const std::string& today, std::vector<governance::DueItem>* out,
                  std::vector<governance::StaleApproval>* stale) {
  AIRM_ASSIGN_OR_RETURN(governance::SystemView view, governance::LoadSystemView(db, sys));
  for (const governance::Risk& r : view.risks) {
    if (!r.due_date || (r.status != "open" && r.status != "in-progress")) continue;
    out->push_back({.kind = "risk",
                    .subject = "risk:" + r.Key(),
                    .system = sys.name,
                    .owner = r.owner,
                    .due = *r.due_date,
                    .what = r.title});
  }
  // Critical alerts of the system's monitors that fire and nobody acknowledged.
  for (const std::string& monitor : internal::MonitorsOfSystem(view, where)) {
    AIRM_RETURN_IF_ERROR(db.QueryEach(
        "SELECT episode_uid, alert, fired_window_end FROM alert_episodes WHERE monitor = ? AND "
        "severity = 'critical' AND state = 'firing' AND acked_at IS NULL AND fired_window_end IS "
        "NOT NULL ORDER BY id",
        {monitor}, [&](const store::Row& row) {
          const std::optional<std::string> due =
              governance::AddDays(row.Text(2), config.alert_sla_days);
          if (!due) return Status::Ok();
          out->push_back({.kind = "alert",
                          .subject = "alert:" + row.Text(0),
                          .system = sys.name,
                          .owner = sys.owner,
                          .due = *due,
                          .what = "critical alert " + row.Text(1) + " of monitor " + monitor +
                                  " firing since " + row.Text(2) + ", not acknowledged"});
          return Status::Ok();
        }));
  }
  AIRM_ASSIGN_OR_RETURN(std::vector<store::ModelVersion> newest,
                        internal::NewestVersions(db, view.models));
  std::set<std::string> met;
  if (!newest.empty()) {
    AIRM_ASSIGN_OR_RETURN(met, internal::MetControlsOfSystem(db, sys, where, today));
  }
  for (const store::ModelVersion& v : newest) {
    AIRM_ASSIGN_OR_RETURN(std::vector<internal::BoardReview> reviews,
                          internal::ReviewsOf(db, v, &met));
    bool approved = false;
    for (const internal::BoardReview& r : reviews) {
      if (std::optional<governance::StaleApproval> s = StaleOf(sys, v, r)) {
        stale->push_back(std::move(*s));
      }
      if (r.state.state != "approved") continue;
      approved = true;
      for (const governance::SignOff& s : r.state.current) {
        for (size_t i = 0; i < s.conditions.size() && i < s.condition_due.size(); ++i) {
          if (s.condition_due[i].empty()) continue;
          out->push_back({.kind = "condition",
                          .subject = "model:" + v.Ref(),
                          .system = sys.name,
                          .owner = s.signer,
                          .due = s.condition_due[i],
                          .what = s.conditions[i] + " (board " + r.board.name + ")"});
        }
      }
    }
    if (approved) continue;
    std::optional<std::string> due = governance::AddDays(v.registered_at, config.review_sla_days);
    if (!due) continue;
    out->push_back({.kind = "review",
                    .subject = "model:" + v.Ref(),
                    .system = sys.name,
                    .owner = "",
                    .due = *due,
                    .what = "no board has approved it within " +
                            std::to_string(config.review_sla_days) + " days of registration"});
  }
  return Status::Ok();
}

}  // namespace

Status EscalationStatusOptions::Validate() const { return internal::ValidateToday(today); }

Result<EscalationStatus> GetEscalationStatus(const EscalationStatusOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(internal::EvidenceStore where, internal::OpenEvidenceStore(options.store));
  EscalationStatus out;
  AIRM_RETURN_IF_ERROR(LoadConfig(where.workspace(), &out));
  out.today = internal::TodayOr(options.today);
  std::vector<governance::DueItem> items;
  AIRM_RETURN_IF_ERROR(where.db().ReadTransaction([&](store::Database& tx) -> Status {
    internal::ScopedEvidenceMemo memo(&where);
    items.clear();
    out.stale_approvals.clear();
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::AiSystem> systems,
                          internal::SelectSystems(tx, options.system));
    for (const governance::AiSystem& s : systems) {
      AIRM_RETURN_IF_ERROR(
          DueItemsOf(tx, s, out.config, where, out.today, &items, &out.stale_approvals));
    }
    return Status::Ok();
  }));
  out.items = static_cast<int>(items.size());
  out.report = governance::EvaluateEscalations(out.config, items, out.today);
  UnknownPeople(out, &out.report.findings);
  for (const governance::StaleApproval& s : out.stale_approvals) {
    out.report.findings.push_back(MakeFinding(Severity::kWarn, "escalation.stale_approval",
                                              "model:" + s.model, s.system + ": " + s.detail));
  }
  return out;
}

}  // namespace airm::usecases
