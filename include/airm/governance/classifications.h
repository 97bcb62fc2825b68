// Stored EU AI Act classifications of AI systems: every run is kept with its
// answers and ruleset; the newest one is the system's tier.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/governance/eu_ai_act.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::governance {

struct StoredClassification {
  EuAiActClassification result;
  std::string answers_json;
  std::string classified_at;
  std::string classified_by;
};

Status SaveClassification(store::Database& tx, int64_t system_id, const StoredClassification& c);
// The newest classification of the system; nullopt when it was never classified.
Result<std::optional<StoredClassification>> LatestClassification(store::Database& db,
                                                                 int64_t system_id);

}  // namespace airm::governance
