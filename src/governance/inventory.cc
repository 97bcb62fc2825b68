#include "airm/governance/inventory.h"

#include <algorithm>
#include <span>

#include "choices.h"

namespace airm::governance {
namespace {

using internal::ListOf;
using internal::OneOf;

std::string JoinComma(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const size_t end = comma == std::string::npos ? text.size() : comma;
    if (end > start) out.push_back(text.substr(start, end - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

constexpr const char* kSystemColumns =
    "id, name, owner, business_unit, purpose, decision_type, affected_people, data_categories, "
    "lifecycle_state, created_at, created_by";

AiSystem SystemFromRow(const store::Row& row) {
  return {row.Int(0),  row.Text(1), row.Text(2), row.Text(3),
          row.Text(4), row.Text(5), row.Text(6), SplitComma(row.Text(7)),
          row.Text(8), row.Text(9), row.Text(10)};
}

}  // namespace

Status ValidateSystemFields(const AiSystem& s) {
  if (s.name.empty()) return Status::InvalidArgument("system add needs NAME");
  if (s.owner.empty())
    return Status::InvalidArgument("--owner is required (the accountable person)");
  if (s.purpose.empty()) return Status::InvalidArgument("--purpose is required");
  if (!OneOf(s.decision_type, kDecisionTypes)) {
    return Status::InvalidArgument("--decision-type '" + s.decision_type + "': expected one of " +
                                   ListOf(kDecisionTypes));
  }
  if (!OneOf(s.lifecycle_state, kLifecycleStates)) {
    return Status::InvalidArgument("--lifecycle '" + s.lifecycle_state + "': expected one of " +
                                   ListOf(kLifecycleStates));
  }
  if (s.data_categories.empty()) {
    return Status::InvalidArgument("--data-category is required (" + ListOf(kDataCategories) +
                                   "; repeat for several)");
  }
  for (const std::string& c : s.data_categories) {
    if (!OneOf(c, kDataCategories)) {
      return Status::InvalidArgument("--data-category '" + c + "': expected one of " +
                                     ListOf(kDataCategories));
    }
    if (c == "none" && s.data_categories.size() > 1) {
      return Status::InvalidArgument(
          "--data-category none cannot be combined with another category");
    }
  }
  return Status::Ok();
}

Result<AiSystem> InsertSystem(store::Database& tx, const AiSystem& s) {
  AIRM_ASSIGN_OR_RETURN(auto existing,
                        tx.Query("SELECT id FROM ai_systems WHERE name = ?", {s.name}));
  if (!existing.empty()) {
    return Status::InvalidArgument("an AI system named '" + s.name +
                                   "' is already in the inventory");
  }
  AIRM_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO ai_systems (name, owner, business_unit, purpose, decision_type, "
               "affected_people, data_categories, lifecycle_state, created_at, created_by) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {s.name, s.owner, s.business_unit, s.purpose, s.decision_type, s.affected_people,
                JoinComma(s.data_categories), s.lifecycle_state, s.created_at, s.created_by}));
  AiSystem out = s;
  out.id = rows.at(0).Int(0);
  return out;
}

Result<AiSystem> GetSystemByName(store::Database& db, const std::string& name) {
  AIRM_ASSIGN_OR_RETURN(auto rows, db.Query(std::string("SELECT ") + kSystemColumns +
                                                " FROM ai_systems WHERE name = ?",
                                            {name}));
  if (rows.empty()) {
    return Status::NotFound("no AI system named '" + name +
                            "'; `airm system list` shows the inventory");
  }
  return SystemFromRow(rows[0]);
}

Result<std::vector<AiSystem>> ListSystems(store::Database& db) {
  std::vector<AiSystem> out;
  AIRM_RETURN_IF_ERROR(
      db.QueryEach(std::string("SELECT ") + kSystemColumns + " FROM ai_systems ORDER BY name", {},
                   [&](const store::Row& row) {
                     out.push_back(SystemFromRow(row));
                     return Status::Ok();
                   }));
  return out;
}

Result<std::vector<LinkedModel>> ModelsOfSystem(store::Database& db, int64_t system_id) {
  std::vector<LinkedModel> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT m.name, (SELECT COUNT(*) FROM model_versions v WHERE v.model_id = m.id), "
      "l.linked_at, l.linked_by FROM ai_system_models l JOIN models m ON m.id = l.model_id "
      "WHERE l.system_id = ? ORDER BY m.name",
      {system_id}, [&](const store::Row& row) {
        out.push_back({row.Text(0), row.Int(1), row.Text(2), row.Text(3)});
        return Status::Ok();
      }));
  return out;
}

Result<bool> LinkModel(store::Database& tx, int64_t system_id, const std::string& model_name,
                       const std::string& at, const std::string& by) {
  AIRM_ASSIGN_OR_RETURN(auto model, tx.Query("SELECT id FROM models WHERE name = ?", {model_name}));
  if (model.empty()) {
    return Status::NotFound("--model '" + model_name +
                            "': no such model; register it with `airm model register` first");
  }
  AIRM_ASSIGN_OR_RETURN(auto existing,
                        tx.Query("SELECT 1 FROM ai_system_models WHERE system_id = ? AND "
                                 "model_id = ?",
                                 {system_id, model[0].Int(0)}));
  if (!existing.empty()) return false;
  AIRM_RETURN_IF_ERROR(
      tx.Execute("INSERT INTO ai_system_models (system_id, model_id, linked_at, linked_by) VALUES "
                 "(?, ?, ?, ?)",
                 {system_id, model[0].Int(0), at, by}));
  return true;
}

Result<std::vector<Finding>> UnlinkedFindings(store::Database& db) {
  std::vector<Finding> fails, warns;
  constexpr const char* kUnlinked =
      "NOT EXISTS (SELECT 1 FROM ai_system_models l WHERE l.model_id = m.id)";
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      std::string("SELECT m.name, v.version, d.environment, d.valid_from FROM deployments d "
                  "JOIN model_versions v ON v.id = d.model_version_id JOIN models m ON m.id = "
                  "v.model_id WHERE d.valid_to IS NULL AND ") +
          kUnlinked + " ORDER BY m.name, d.environment",
      {}, [&](const store::Row& row) {
        const std::string ref = row.Text(0) + "@" + row.Text(1);
        fails.push_back(MakeFinding(Severity::kFail, "inventory.unlinked_deployment", ref,
                                    ref + " serves in " + row.Text(2) + " (since " + row.Text(3) +
                                        ") but belongs to no inventoried AI system"));
        return Status::Ok();
      }));
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      std::string("SELECT m.name, v.version, SUM(b.row_count), MAX(b.logged_at) FROM "
                  "prediction_batches b JOIN model_versions v ON v.id = b.model_version_id JOIN "
                  "models m ON m.id = v.model_id WHERE ") +
          kUnlinked + " GROUP BY m.name, v.version ORDER BY m.name, v.version",
      {}, [&](const store::Row& row) {
        const std::string ref = row.Text(0) + "@" + row.Text(1);
        Finding f = MakeFinding(Severity::kFail, "inventory.unlinked_predictions", ref,
                                std::to_string(row.Int(2)) + " predictions of " + ref +
                                    " were logged (last " + row.Text(3) +
                                    ") but the model belongs to no inventoried AI system");
        f.evidence["predictions"] = static_cast<double>(row.Int(2));
        fails.push_back(std::move(f));
        return Status::Ok();
      }));
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      std::string("SELECT m.name, (SELECT COUNT(*) FROM model_versions v WHERE v.model_id = "
                  "m.id) FROM models m WHERE ") +
          kUnlinked + " ORDER BY m.name",
      {}, [&](const store::Row& row) {
        warns.push_back(MakeFinding(Severity::kWarn, "inventory.unlinked_model", row.Text(0),
                                    "model " + row.Text(0) + " (" + std::to_string(row.Int(1)) +
                                        " versions) belongs to no inventoried AI system"));
        return Status::Ok();
      }));
  fails.insert(fails.end(), warns.begin(), warns.end());
  return fails;
}

}  // namespace airm::governance
