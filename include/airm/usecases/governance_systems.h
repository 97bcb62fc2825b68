// The AI-system inventory as use cases:
//   airm system add NAME --owner … --purpose … --decision-type … --lifecycle …
//   airm system list            the inventory, with findings for models,
//                               deployments and predictions in no system
//   airm system show NAME       one system: models, tier, risks
//   airm system link NAME --model MODEL
//   airm system classify NAME --answers FILE   (EU AI Act tier)
// Every write is one transaction that also appends a signed entry to the
// audit log (airm/governance/audit_log.h), recording the acting person.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/governance/actor.h"
#include "airm/governance/audit_log.h"
#include "airm/governance/system_view.h"
#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

// What every governance write shares.
struct GovernanceWriteResult {
  governance::Actor actor;
  governance::TreeHead audit_head;  // the signed head after this command's entries
  std::vector<Finding> findings;
};

struct AddSystemOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;  // --actor; nullopt = not given
  governance::AiSystem system = {};                 // id / created_* are filled in
  Status Validate() const;
};
struct SystemAdded : GovernanceWriteResult {
  governance::AiSystem system;
};
Result<SystemAdded> AddSystem(const AddSystemOptions& options);

struct LinkSystemOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string system = "";
  std::vector<std::string> models = {};  // --model, at least one
  Status Validate() const;
};
struct SystemLinked : GovernanceWriteResult {
  governance::SystemView system;
  std::vector<std::string> linked;          // newly linked models
  std::vector<std::string> already_linked;  // info findings too
};
Result<SystemLinked> LinkSystem(const LinkSystemOptions& options);

struct ClassifySystemOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string system = "";
  std::string answers_path = "";  // --answers FILE (YAML)
  Status Validate() const;
};
struct SystemClassified : GovernanceWriteResult {
  governance::SystemView system;  // with the new classification
  std::optional<std::string> previous_tier;
};
Result<SystemClassified> ClassifySystem(const ClassifySystemOptions& options);

struct ListSystemsOptions {
  store::LocateOptions store = {};
  Status Validate() const { return Status::Ok(); }
};
struct SystemInventory {
  std::vector<governance::SystemView> systems;
  // governance::UnlinkedFindings, then per system: warn
  // "inventory.unclassified" for a system with no EU AI Act tier.
  std::vector<Finding> findings;
};
Result<SystemInventory> ListSystems(const ListSystemsOptions& options);

struct ShowSystemOptions {
  store::LocateOptions store = {};
  std::string system = "";
  Status Validate() const;
};
struct SystemShown {
  governance::SystemView system;
  governance::RiskMatrix matrix;  // the workspace's rating matrix
  std::vector<Finding> findings;  // the register's findings for its risks
};
Result<SystemShown> ShowSystem(const ShowSystemOptions& options);

}  // namespace airm::usecases
