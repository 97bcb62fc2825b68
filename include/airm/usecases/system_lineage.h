// SystemLineage (GET /api/systems/{name}/lineage, the dashboard's system
// page): per model linked to an AI system, each version that serves it (an
// open deployment in any environment; without one, the newest version),
// that version's newest chaos verdicts (`airm chaos --model NAME@VERSION`
// records them), its serving side — the prediction log in a few numbers
// (airm/store/prediction_log_summary.h) and the monitors of airm.yaml that
// watch it, with their newest window and open alerts — and the lineage graph
// around it all (airm/lineage/model_graph.h).
//
// A monitor watches a version when its `model:` resolves to it; a monitor
// of files or SQL naming the model without a version (`model: credit`)
// watches every serving version of it. Reads stay bounded on a large store:
// the log from its batches, each monitor's newest window and open episodes
// by index, per schedule and rule.
#pragma once

#include <string>
#include <vector>

#include "airm/lineage/model_graph.h"
#include "airm/status.h"
#include "airm/store/workspace.h"
#include "airm/usecases/monitor_config_cache.h"

namespace airm::usecases {

// Chaos verdicts shown per serving version: enough to see a trend.
inline constexpr int64_t kChaosVerdictsShown = 5;

struct SystemLineageOptions {
  store::LocateOptions store = {};
  std::string system = "";
  // airm.yaml's monitors as a server keeps them; nullptr reads the file.
  MonitorConfigCache* config_cache = nullptr;
  Status Validate() const;  // InvalidArgument without a system name
};

struct SystemLineage {
  std::string system;
  std::vector<lineage::ServingModel> models;  // in link order
  // Why no monitor is shown ("monitors not read: …": a bare store file, an
  // airm.yaml that does not parse); "" when airm.yaml's monitors were read.
  std::string monitors_note;
};

// NotFound naming the system when there is none of that name.
Result<SystemLineage> GetSystemLineage(const SystemLineageOptions& options);

}  // namespace airm::usecases
