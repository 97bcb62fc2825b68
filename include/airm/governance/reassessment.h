// The quarterly risk reassessment: observed behaviour, read from the
// monitoring pack, applied to a system's risk register by a fixed rule set,
// and the record that reopens the review of the system's models.
//
// The rules (docs/governance.md, "Quarterly reassessment"), per risk
// category, considering only warning and critical observations:
//   R1  an observation of the category re-scores every risk of the system in
//       that category whose status is not `closed`: inherent likelihood
//       L -> min(5, max(L + 1, 3)), and the residual likelihood the same way
//       when it is assessed;
//   R2  when one of those observations is critical, the floor is 4, not 3;
//   R3  when the system has no such risk, a new one is added: likelihood 3
//       (4 when critical), impact 3 (4 when critical), treatment mitigate,
//       owner the system's owner, due the last day of the following quarter,
//       its description listing the observations and the pack's digest.
// Info observations are kept in the record but change nothing. Every change
// names the observations it rests on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/governance/inventory.h"
#include "airm/governance/risk_register.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::governance {

struct Observation {
  std::string category = "";  // a risk category
  std::string severity = "";  // info | warning | critical
  std::string source = "";    // drift | alert | segment | incident
  std::string subject = "";   // "credit/x", an episode uid, "credit/region=south", "I-003"
  std::string detail = "";    // one sentence for people
};

struct RiskChange {
  std::string risk = "";    // "R-004"
  std::string action = "";  // added | rescored | at_maximum
  std::string category = "";
  std::string rule = "";    // R1, R2 or R3
  int likelihood_from = 0;  // 0 for an added risk
  int likelihood_to = 0;
  std::optional<int> residual_from = std::nullopt, residual_to = std::nullopt;
  std::vector<std::string> because = {};  // the observations' subjects
};

// One change the rules call for: the risk as it should be stored (id 0 for a
// new one) and what changed.
struct PlannedChange {
  Risk risk;
  RiskChange change;
  bool is_new = false;
  bool writes = false;  // false for at_maximum: nothing to store
};

// Pure: the rules above for `system`'s `risks` and the observations. Categories
// in kRiskCategories order, risks by id within one.
std::vector<PlannedChange> PlanReassessment(const AiSystem& system, const std::vector<Risk>& risks,
                                            const std::vector<Observation>& observations,
                                            const std::string& quarter,
                                            const std::string& pack_digest);

// "2026-Q1" -> "2026-06-30": the last day of the quarter after it; nullopt
// for text that is not YYYY-Qn.
std::optional<std::string> EndOfNextQuarter(const std::string& quarter);

struct Reassessment {
  int64_t id = 0;
  std::string system = "";
  std::string quarter = "";
  std::string pack_digest = "";  // "sha256:<hex>"
  std::string pack_path = "";
  int64_t last_signoff_id = 0;  // sign-offs up to this id no longer count
  std::vector<Observation> observations = {};
  std::vector<RiskChange> changes = {};
  std::string opened_at = "";
  std::string opened_by = "";
  std::string Key() const;  // "RA-001"
  // "RA-001 of 2026-Q1 (pack sha256:0123456789ab…)"
  std::string Describe() const;
};

Result<Reassessment> InsertReassessment(store::Database& tx, int64_t system_id,
                                        const Reassessment& reassessment);
// The system's reassessment of that pack, if it was applied already.
Result<std::optional<Reassessment>> FindReassessment(store::Database& db, int64_t system_id,
                                                     const std::string& pack_digest);
// Every reassessment of the system, oldest first.
Result<std::vector<Reassessment>> ReassessmentsOf(store::Database& db, int64_t system_id);
// The highest review_signoffs.id (0 when there is none).
Result<int64_t> NewestSignOffId(store::Database& db);
// The reassessment that reopened reviews of model `model_id` last: the one
// with the highest last_signoff_id among its systems' reassessments.
Result<std::optional<Reassessment>> ReopeningOfModel(store::Database& db, int64_t model_id);

}  // namespace airm::governance
