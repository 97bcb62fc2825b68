// The AI risk register: risks per AI system, rated inherent and residual on a
// 5 × 5 likelihood × impact matrix, with controls, treatment, owner, due date
// and status (ISO 31000 / ISO/IEC 23894 vocabulary).
//
// The matrix maps each (likelihood, impact) cell to a rating. The default
// rates the score L × I: 1–4 low, 5–9 medium, 10–16 high, 20–25 critical. An
// organisation replaces it with its own matrix file (ParseRiskMatrix).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::governance {

inline constexpr const char* kRiskCategories[] = {
    "bias", "robustness", "privacy", "security", "transparency", "performance", "legal"};
inline constexpr const char* kRiskTreatments[] = {"mitigate", "accept", "transfer", "avoid"};
inline constexpr const char* kRiskStatuses[] = {"open", "in-progress", "mitigated", "accepted",
                                                "closed"};

struct RiskMatrix {
  // ratings[likelihood - 1][impact - 1]
  std::array<std::array<std::string, 5>, 5> ratings;
  std::string source = "default";  // "default" or the file it came from
  static RiskMatrix Default();
  // REQUIRES: 1 <= likelihood, impact <= 5.
  const std::string& Rating(int likelihood, int impact) const {
    return ratings[likelihood - 1][impact - 1];
  }
};

// The matrix file:
//   ratings:            # five rows, likelihood 1 (rare) .. 5 (almost certain);
//     - [low, low, low, medium, medium]   # each five impacts 1 .. 5
//     ...
// ParseError naming the file and line for anything else.
Result<RiskMatrix> ParseRiskMatrix(const std::string& text, const std::string& path);

struct Risk {
  int64_t id = 0;
  std::string system;  // AI system name
  std::string title;
  std::string description = "";
  std::string category;
  int inherent_likelihood = 0;
  int inherent_impact = 0;
  std::optional<int> residual_likelihood = std::nullopt;  // nullopt: not assessed yet
  std::optional<int> residual_impact = std::nullopt;
  std::vector<std::string> controls = {};
  std::string treatment;
  std::string owner;
  std::optional<std::string> due_date = std::nullopt;  // YYYY-MM-DD
  std::string status = "open";
  std::string created_at = "";
  std::string created_by = "";
  std::string updated_at = "";
  std::string updated_by = "";
  std::string Key() const;  // "R-001"
};

// InvalidArgument naming the flag (--category, --likelihood, --due …).
Status ValidateRisk(const Risk& risk);
// "2026-12-31" for a plain calendar date, nullopt otherwise.
std::optional<std::string> ParseDueDate(const std::string& text);

Result<Risk> InsertRisk(store::Database& tx, int64_t system_id, const Risk& risk);
// NotFound "no risk R-007 …"; accepts "7" or "R-007".
Result<int64_t> ParseRiskId(const std::string& text);
Result<Risk> GetRisk(store::Database& db, int64_t id);
// All risks, or those of one system (system_id > 0), by id.
Result<std::vector<Risk>> ListRisks(store::Database& db, int64_t system_id = 0);
// Writes every field of `risk` (found by its id) back.
Status SaveRisk(store::Database& tx, const Risk& risk);

// Register findings as of `today` (YYYY-MM-DD): warn "risk.overdue" for an
// open risk past its due date, warn "risk.residual_above_inherent", info
// "risk.residual_unassessed".
std::vector<Finding> RiskFindings(const std::vector<Risk>& risks, const RiskMatrix& matrix,
                                  const std::string& today);

}  // namespace airm::governance
