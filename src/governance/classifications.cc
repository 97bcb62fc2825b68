#include "airm/governance/classifications.h"

#include <nlohmann/json.hpp>

namespace airm::governance {

Status SaveClassification(store::Database& tx, int64_t system_id, const StoredClassification& c) {
  return tx.Execute(
      "INSERT INTO ai_system_classifications (system_id, tier, rationale_json, answers_json, "
      "ruleset, classified_at, classified_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {system_id, c.result.tier, nlohmann::json(c.result.rationale).dump(), c.answers_json,
       c.result.ruleset, c.classified_at, c.classified_by});
}

Result<std::optional<StoredClassification>> LatestClassification(store::Database& db,
                                                                 int64_t system_id) {
  AIRM_ASSIGN_OR_RETURN(
      auto rows,
      db.Query("SELECT tier, rationale_json, answers_json, ruleset, classified_at, classified_by "
               "FROM ai_system_classifications WHERE system_id = ? ORDER BY id DESC LIMIT 1",
               {system_id}));
  if (rows.empty()) return std::optional<StoredClassification>();
  StoredClassification c;
  c.result.tier = rows[0].Text(0);
  nlohmann::json rationale = nlohmann::json::parse(rows[0].Text(1), nullptr, false);
  if (rationale.is_array()) {
    for (const auto& r : rationale) {
      if (r.is_string()) c.result.rationale.push_back(r.get<std::string>());
    }
  }
  c.answers_json = rows[0].Text(2);
  c.result.ruleset = rows[0].Text(3);
  c.classified_at = rows[0].Text(4);
  c.classified_by = rows[0].Text(5);
  return std::optional<StoredClassification>(std::move(c));
}

}  // namespace airm::governance
