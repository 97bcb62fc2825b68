// SystemLineage (GET /api/systems/{name}/lineage, the dashboard's system
// page): per model linked to an AI system, each version that serves it (an
// open deployment in any environment; without one, the newest version),
// that version's newest chaos verdicts (`airm chaos --model NAME@VERSION`
// records them) and the lineage graph around it (airm/lineage/model_graph.h).
#pragma once

#include <string>
#include <vector>

#include "airm/lineage/model_graph.h"
#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

// Chaos verdicts shown per serving version: enough to see a trend.
inline constexpr int64_t kChaosVerdictsShown = 5;

struct SystemLineageOptions {
  store::LocateOptions store = {};
  std::string system = "";
  Status Validate() const;  // InvalidArgument without a system name
};

struct SystemLineage {
  std::string system;
  std::vector<lineage::ServingModel> models;  // in link order
};

// NotFound naming the system when there is none of that name.
Result<SystemLineage> GetSystemLineage(const SystemLineageOptions& options);

}  // namespace airm::usecases
