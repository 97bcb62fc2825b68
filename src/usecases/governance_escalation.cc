#include "airm/usecases/governance_escalation.h"

#include <filesystem>

#include "airm/governance/coverage.h"
#include "airm/governance/risk_register.h"
#include "airm/governance/system_view.h"
#include "airm/small_file.h"
#include "airm/store/timestamp.h"
#include "airm/usecases/store_access.h"
#include "board_reviews.h"
#include "governance_scope.h"

namespace airm::usecases {
namespace {

Result<governance::EscalationConfig> LoadConfig(const store::Workspace& ws) {
  if (ws.root.empty()) return governance::EscalationConfig{};
  const std::string path = (std::filesystem::path(ws.root) / store::kWorkspaceFile).string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return governance::EscalationConfig{};
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, "workspace file"));
  return governance::ParseEscalationConfig(text, path);
}

// Risks, approval conditions and late reviews of one system.
Status DueItemsOf(store::Database& db, const governance::AiSystem& sys,
                  const governance::EscalationConfig& config,
                  std::vector<governance::DueItem>* out) {
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
  AIRM_ASSIGN_OR_RETURN(std::vector<store::ModelVersion> newest,
                        internal::NewestVersions(db, view.models));
  for (const store::ModelVersion& v : newest) {
    AIRM_ASSIGN_OR_RETURN(std::vector<internal::BoardReview> reviews, internal::ReviewsOf(db, v));
    bool approved = false;
    for (const internal::BoardReview& r : reviews) {
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
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  EscalationStatus out;
  AIRM_ASSIGN_OR_RETURN(out.config, LoadConfig(opened.workspace));
  out.today = internal::TodayOr(options.today);
  std::vector<governance::DueItem> items;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& tx) -> Status {
    items.clear();
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::AiSystem> systems,
                          internal::SelectSystems(tx, options.system));
    for (const governance::AiSystem& s : systems) {
      AIRM_RETURN_IF_ERROR(DueItemsOf(tx, s, out.config, &items));
    }
    return Status::Ok();
  }));
  out.items = static_cast<int>(items.size());
  out.report = governance::EvaluateEscalations(out.config, items, out.today);
  return out;
}

}  // namespace airm::usecases
