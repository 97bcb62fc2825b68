// The hand-over from monitoring to governance (issue 9 §2, issue 10 §4):
//   airm monitor pack --quarter 2026-Q1 --json pack.json
//   airm risk reassess --pack pack.json --system credit-scoring
// reads the quarterly pack as written, binds its SHA-256 as the evidence of
// a reassessment of the system, applies what the pack observed about the
// system to its risk register by the rules of airm/governance/reassessment.h,
// and reopens the review of the system's models: sign-offs made before it no
// longer count (governance::EvaluateReview, "review.reassessed"), so the
// board decides again under its usual quorum and separation of duties. One
// transaction: the risks added and re-scored, the reassessment record and
// their audit entries ("risk.add", "risk.update", "risk.reassess").
//
// What the pack observed about a system: its monitors whose model the system
// links — each drift column that drifted in a window (robustness, warning),
// each alert episode that fired in the quarter (robustness for drift
// schedules, else performance, or bias when the expression reads fairness or
// segments; the episode's severity), each segment whose realized metric in
// the quarter is clearly below the model's in the same windows (bias; the
// rule of airm/governance/weak_segments.h) — and the pack's incidents of the
// system (their category and severity). A pack already applied to the system
// changes nothing (info "reassessment.already_applied").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/governance/reassessment.h"
#include "airm/usecases/governance_systems.h"

namespace airm::usecases {

struct ReassessRisksOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string pack = "";    // --pack FILE: `airm monitor pack --json` output
  std::string system = "";  // --system NAME
  Status Validate() const;  // InvalidArgument naming --pack or --system
};

struct RiskReassessed : GovernanceWriteResult {
  governance::Reassessment reassessment;  // as stored (or as found, when already applied)
  bool already_applied = false;
  std::vector<std::string> reopened_models = {};  // the system's models whose review reopened
};

// Errors, with nothing written: IoError / NotFound naming the pack file;
// InvalidArgument when it is not a quarterly pack or holds nothing about the
// system; NotFound for an unknown system.
Result<RiskReassessed> ReassessRisks(const ReassessRisksOptions& options);

// Pure: the quarter and the observations the pack document `text` (read from
// `path`, for messages) holds about `system`, whose linked model names are
// `models`.
struct PackObservations {
  std::string quarter;
  std::vector<governance::Observation> observations;
};
Result<PackObservations> ReadPackObservations(const std::string& text, const std::string& path,
                                              const std::string& system,
                                              const std::vector<std::string>& models);

}  // namespace airm::usecases
