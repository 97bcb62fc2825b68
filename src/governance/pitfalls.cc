#include "airm/governance/pitfalls.h"

namespace airm::governance {
namespace {

struct Practice {
  const char* id;
  const char* title;
  std::vector<const char*> controls;
  const char* advice;
};

const std::vector<Practice>& Practices() {
  static const std::vector<Practice> kPractices = {
      {"monitoring",
       "Continuous monitoring",
       {"AIRM-MONITOR", "AIRM-LOG"},
       "Log the model's predictions and run a drift monitor on them (airm predictions log, "
       "monitors in airm.yaml, airm monitor run)."},
      {"evaluation",
       "Risk-relevant evaluation",
       {"AIRM-PERF", "AIRM-FAIR"},
       "Record the model's performance overall and for the groups of people it affects "
       "(model register --metrics with segments)."},
      {"failure",
       "Failure-mode testing",
       {"AIRM-CHAOS"},
       "Test how the version that serves fails under bad inputs and load (airm chaos --model "
       "NAME@VERSION records the verdict), at least once a quarter."},
      {"provenance",
       "Lineage and provenance",
       {"AIRM-LINEAGE", "AIRM-DQ", "AIRM-CARD"},
       "Record the training data by digest, check its quality, and register a model card."},
      {"governance",
       "Governance",
       {"AIRM-TIER", "AIRM-RISK", "AIRM-TREAT", "AIRM-APPROVE", "AIRM-AUDIT"},
       "Classify the system, register and treat its risks, and have a review board approve the "
       "version that serves."},
  };
  return kPractices;
}

}  // namespace

std::vector<PracticeScore> ScorePractices(const SystemCoverage& system) {
  std::vector<PracticeScore> out;
  for (const Practice& p : Practices()) {
    PracticeScore score{.practice = p.id, .title = p.title};
    int touched = 0;
    for (const char* id : p.controls) {
      std::string status = "missing";
      for (const ControlStatus& c : system.controls) {
        if (c.control == id) status = c.status;
      }
      if (status == "met") {
        score.controls_met.push_back(id);
      } else {
        score.controls_not_met.push_back(id);
      }
      touched += status != "missing";
    }
    score.status = score.controls_not_met.empty() ? "met" : touched > 0 ? "partial" : "missing";
    if (score.status != "met") score.advice = p.advice;
    out.push_back(std::move(score));
  }
  return out;
}

std::vector<PracticeTally> TallyPractices(
    const std::vector<std::vector<PracticeScore>>& per_system) {
  std::vector<PracticeTally> out;
  for (const Practice& p : Practices()) out.push_back({.practice = p.id, .title = p.title});
  for (const std::vector<PracticeScore>& scores : per_system) {
    for (size_t i = 0; i < scores.size() && i < out.size(); ++i) {
      out[i].met += scores[i].status == "met";
      out[i].partial += scores[i].status == "partial";
      out[i].missing += scores[i].status == "missing";
    }
  }
  return out;
}

}  // namespace airm::governance
