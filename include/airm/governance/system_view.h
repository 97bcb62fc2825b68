// One AI system as reports show it: its inventory record, its models, its
// current EU AI Act tier and its risks.
#pragma once

#include <optional>
#include <vector>

#include "airm/governance/classifications.h"
#include "airm/governance/inventory.h"
#include "airm/governance/risk_register.h"

namespace airm::governance {

struct SystemView {
  AiSystem system = {};
  std::vector<LinkedModel> models = {};
  std::optional<StoredClassification> classification = std::nullopt;
  std::vector<Risk> risks = {};
};

// Reads the models, the newest classification and the risks of `system`.
Result<SystemView> LoadSystemView(store::Database& db, const AiSystem& system);

}  // namespace airm::governance
