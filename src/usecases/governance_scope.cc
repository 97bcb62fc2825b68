#include "governance_scope.h"

#include "airm/governance/risk_register.h"
#include "airm/store/timestamp.h"

namespace airm::usecases::internal {

Status ValidateToday(const std::string& today) {
  if (!today.empty() && !governance::ParseDueDate(today)) {
    return Status::InvalidArgument("--today '" + today + "': expected a date YYYY-MM-DD");
  }
  return Status::Ok();
}

std::string TodayOr(const std::string& today) {
  return today.empty() ? store::UtcNow().substr(0, 10) : today;
}

Result<std::vector<governance::AiSystem>> SelectSystems(store::Database& db,
                                                        const std::string& name) {
  if (name.empty()) return governance::ListSystems(db);
  AIRM_ASSIGN_OR_RETURN(governance::AiSystem s, governance::GetSystemByName(db, name));
  return std::vector<governance::AiSystem>{std::move(s)};
}

}  // namespace airm::usecases::internal
