#include "airm/lineage/lineage_graph.h"

#include "airm/lineage/impact.h"
#include "airm/lineage/trace.h"

namespace airm::lineage {

std::string DatasetVersionRef::Reference() const { return name + "@" + std::to_string(version); }

const char* FileStateName(FileState state) {
  switch (state) {
    case FileState::kOk:
      return "ok";
    case FileState::kChanged:
      return "changed";
    case FileState::kMissing:
      return "missing";
    case FileState::kNotLocal:
      return "not_local";
  }
  return "not_local";
}

std::string DataNode::Label() const {
  return registrations.empty() ? digest : registrations.front().Reference();
}

std::string ModelVersionInfo::Reference() const { return name + "@" + version; }

std::string ImpactModel::Reference() const { return name + "@" + version; }

std::string ImpactLink::Text() const {
  if (!run_uuid.empty()) return "training run " + run_uuid;
  return role + ": " + dataset;
}

const char* TraceSideName(TraceSide side) {
  switch (side) {
    case TraceSide::kTraining:
      return "training";
    case TraceSide::kInference:
      return "inference";
    case TraceSide::kBoth:
      return "both";
  }
  return "training";
}

}  // namespace airm::lineage
