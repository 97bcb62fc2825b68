// The five-pitfalls scorecard: for each of the five practices of continuous
// AI risk management, whether a system meets it, measured from the controls
// airm judged on the store's evidence (coverage.h), never self-declared.
//   monitoring   continuous monitoring          AIRM-MONITOR, AIRM-LOG
//   evaluation   risk-relevant evaluation       AIRM-PERF, AIRM-FAIR
//   failure      failure-mode testing           AIRM-CHAOS
//   provenance   lineage and provenance         AIRM-LINEAGE, AIRM-DQ, AIRM-CARD
//   governance   governance                     AIRM-TIER, AIRM-RISK, AIRM-TREAT,
//                                               AIRM-APPROVE, AIRM-AUDIT
// A practice is met when all its controls are met, partial when some are met
// or expired, missing otherwise.
#pragma once

#include <string>
#include <vector>

#include "airm/governance/coverage.h"

namespace airm::governance {

struct PracticeScore {
  std::string practice = "";  // monitoring | evaluation | failure | provenance | governance
  std::string title = "";     // plain words: "Continuous monitoring"
  std::string status = "";    // met | partial | missing
  std::vector<std::string> controls_met = {};
  std::vector<std::string> controls_not_met = {};  // missing or expired
  std::string advice = "";                         // what to do next, in plain words ("" when met)
};

// The five practices, in the order above.
std::vector<PracticeScore> ScorePractices(const SystemCoverage& system);

// Portfolio roll-up: per practice, how many systems meet it.
struct PracticeTally {
  std::string practice = "";
  std::string title = "";
  int met = 0, partial = 0, missing = 0;
};
std::vector<PracticeTally> TallyPractices(
    const std::vector<std::vector<PracticeScore>>& per_system);

}  // namespace airm::governance
