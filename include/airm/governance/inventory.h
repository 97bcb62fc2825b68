// The AI-system inventory: systems with their accountable owner and context,
// the models that belong to each (their deployments and logged predictions
// follow), and what serves or predicts without belonging to any system.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::governance {

// Allowed values, in the order help texts list them.
inline constexpr const char* kDecisionTypes[] = {"automated", "human-in-the-loop"};
inline constexpr const char* kLifecycleStates[] = {"planned", "development", "validation",
                                                   "production", "retired"};
inline constexpr const char* kDataCategories[] = {"none", "personal", "special-category"};

struct AiSystem {
  int64_t id = 0;
  std::string name;
  std::string owner;
  std::string business_unit;
  std::string purpose;
  std::string decision_type;
  std::string affected_people;
  std::vector<std::string> data_categories;  // {"none"} or personal / special-category
  std::string lifecycle_state;
  std::string created_at;
  std::string created_by;
};

// InvalidArgument naming the flag for a value outside the lists above, an
// empty required field, or "none" together with another data category.
Status ValidateSystemFields(const AiSystem& system);

// InvalidArgument when the name is taken.
Result<AiSystem> InsertSystem(store::Database& tx, const AiSystem& system);
// NotFound "no AI system named X; `airm system list` shows the inventory".
Result<AiSystem> GetSystemByName(store::Database& db, const std::string& name);
Result<std::vector<AiSystem>> ListSystems(store::Database& db);

struct LinkedModel {
  std::string model;  // model name
  int64_t versions = 0;
  std::string linked_at;
  std::string linked_by;
};
Result<std::vector<LinkedModel>> ModelsOfSystem(store::Database& db, int64_t system_id);

// Links model `model_name` (all its versions) to the system. NotFound for an
// unknown model; returns false when the link already existed.
Result<bool> LinkModel(store::Database& tx, int64_t system_id, const std::string& model_name,
                       const std::string& at, const std::string& by);

// Findings for what belongs to no inventoried system, most severe first:
//   fail "inventory.unlinked_deployment"  a version of an unlinked model serves now
//   fail "inventory.unlinked_predictions" predictions were logged for an unlinked model
//   warn "inventory.unlinked_model"       a registered model is in no system
Result<std::vector<Finding>> UnlinkedFindings(store::Database& db);

}  // namespace airm::governance
