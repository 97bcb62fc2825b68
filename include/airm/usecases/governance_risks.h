// The risk register as use cases:
//   airm risk add --system S --title … --category … --likelihood L --impact I …
//   airm risk update R-NNN [--status …] [--residual-likelihood L --residual-impact I] …
//   airm risk list [--system S]        (and `airm risk export --csv/--json`)
// The rating matrix is --matrix FILE, else DIR/risk-matrix.yaml of the
// workspace when present, else RiskMatrix::Default().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/governance/risk_register.h"
#include "airm/usecases/governance_systems.h"

namespace airm::usecases {

struct AddRiskOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string matrix_path = "";  // --matrix FILE
  governance::Risk risk = {};    // risk.system names the AI system
  Status Validate() const;
};
struct RiskWritten : GovernanceWriteResult {
  governance::Risk risk;
  governance::RiskMatrix matrix;
  std::vector<std::string> changed;  // field names an update changed
};
Result<RiskWritten> AddRisk(const AddRiskOptions& options);

// Only the fields given change; the rest keep their values.
struct RiskChanges {
  std::optional<std::string> title, description, category, treatment, owner, due_date, status;
  std::optional<int> inherent_likelihood, inherent_impact;
  std::optional<int> residual_likelihood, residual_impact;
  std::optional<std::vector<std::string>> controls;  // replaces the list
};
struct UpdateRiskOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string matrix_path = "";
  std::string risk_id = "";  // R-NNN or NNN
  RiskChanges changes = {};
  Status Validate() const;  // InvalidArgument when nothing would change
};
Result<RiskWritten> UpdateRisk(const UpdateRiskOptions& options);

struct ListRisksOptions {
  store::LocateOptions store = {};
  std::string matrix_path = "";
  std::string system = "";  // "" = every system
  std::string today = "";   // YYYY-MM-DD for overdue findings; "" = today (UTC)
  Status Validate() const;
};
struct RiskRegister {
  std::vector<governance::Risk> risks;
  governance::RiskMatrix matrix;
  std::vector<Finding> findings;
};
Result<RiskRegister> ListRisks(const ListRisksOptions& options);

}  // namespace airm::usecases
