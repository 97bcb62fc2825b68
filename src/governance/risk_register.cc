#include "airm/governance/risk_register.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <span>

#include "airm/store/timestamp.h"
#include "choices.h"

namespace airm::governance {
namespace {

using internal::ListOf;
using internal::OneOf;

Status CheckScale(int value, const char* flag) {
  if (value < 1 || value > 5) {
    return Status::InvalidArgument(std::string(flag) + " " + std::to_string(value) +
                                   ": expected 1 to 5");
  }
  return Status::Ok();
}

constexpr const char* kRiskColumns =
    "r.id, s.name, r.title, r.description, r.category, r.inherent_likelihood, r.inherent_impact, "
    "r.residual_likelihood, r.residual_impact, r.controls_json, r.treatment, r.owner, r.due_date, "
    "r.status, r.created_at, r.created_by, r.updated_at, r.updated_by";

Risk RiskFromRow(const store::Row& row) {
  Risk r;
  r.id = row.Int(0);
  r.system = row.Text(1);
  r.title = row.Text(2);
  r.description = row.Text(3);
  r.category = row.Text(4);
  r.inherent_likelihood = static_cast<int>(row.Int(5));
  r.inherent_impact = static_cast<int>(row.Int(6));
  if (auto v = row.OptionalInt(7)) r.residual_likelihood = static_cast<int>(*v);
  if (auto v = row.OptionalInt(8)) r.residual_impact = static_cast<int>(*v);
  nlohmann::json controls = nlohmann::json::parse(row.Text(9), nullptr, false);
  if (controls.is_array()) {
    for (const auto& c : controls) {
      if (c.is_string()) r.controls.push_back(c.get<std::string>());
    }
  }
  r.treatment = row.Text(10);
  r.owner = row.Text(11);
  r.due_date = row.OptionalText(12);
  r.status = row.Text(13);
  r.created_at = row.Text(14);
  r.created_by = row.Text(15);
  r.updated_at = row.Text(16);
  r.updated_by = row.Text(17);
  return r;
}

store::Value OptionalInt(const std::optional<int>& v) {
  return v ? store::Value(int64_t{*v}) : store::Value(std::monostate{});
}

}  // namespace

RiskMatrix RiskMatrix::Default() {
  RiskMatrix m;
  for (int l = 1; l <= 5; ++l) {
    for (int i = 1; i <= 5; ++i) {
      const int score = l * i;
      m.ratings[l - 1][i - 1] = score <= 4    ? "low"
                                : score <= 9  ? "medium"
                                : score <= 16 ? "high"
                                              : "critical";
    }
  }
  return m;
}

Result<RiskMatrix> ParseRiskMatrix(const std::string& text, const std::string& path) {
  auto error = [&](const YAML::Node& node, const std::string& what) {
    return internal::YamlNodeError(path, node, what);
  };
  RiskMatrix m;
  m.source = path;
  try {
    const YAML::Node doc = YAML::Load(text);
    if (!doc.IsMap() || !doc["ratings"]) {
      return Status::ParseError(path + ":1: expected a mapping with 'ratings' (five rows of five)");
    }
    const YAML::Node rows = doc["ratings"];
    if (!rows.IsSequence() || rows.size() != 5) {
      return error(rows, "'ratings' must list five rows, likelihood 1 to 5");
    }
    for (size_t l = 0; l < 5; ++l) {
      const YAML::Node row = rows[l];
      if (!row.IsSequence() || row.size() != 5) {
        return error(
            row, "ratings row " + std::to_string(l + 1) + " must list five ratings, impact 1 to 5");
      }
      for (size_t i = 0; i < 5; ++i) {
        if (!row[i].IsScalar() || row[i].Scalar().empty()) {
          return error(row[i], "rating for likelihood " + std::to_string(l + 1) + ", impact " +
                                   std::to_string(i + 1) + " must be a word such as 'high'");
        }
        m.ratings[l][i] = row[i].Scalar();
      }
    }
  } catch (const YAML::Exception& e) {
    return internal::YamlExceptionError(path, e);
  }
  return m;
}

std::string Risk::Key() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "R-%03lld", static_cast<long long>(id));
  return buf;
}

std::optional<std::string> ParseDueDate(const std::string& text) {
  if (text.size() != 10 || !store::ParseIso8601(text)) return std::nullopt;
  return text;
}

Status ValidateRisk(const Risk& r) {
  if (r.title.empty()) return Status::InvalidArgument("--title is required");
  if (r.owner.empty()) return Status::InvalidArgument("--owner is required (who answers for it)");
  if (!OneOf(r.category, kRiskCategories)) {
    return Status::InvalidArgument("--category '" + r.category + "': expected one of " +
                                   ListOf(kRiskCategories));
  }
  if (!OneOf(r.treatment, kRiskTreatments)) {
    return Status::InvalidArgument("--treatment '" + r.treatment + "': expected one of " +
                                   ListOf(kRiskTreatments));
  }
  if (!OneOf(r.status, kRiskStatuses)) {
    return Status::InvalidArgument("--status '" + r.status + "': expected one of " +
                                   ListOf(kRiskStatuses));
  }
  AIRM_RETURN_IF_ERROR(CheckScale(r.inherent_likelihood, "--likelihood"));
  AIRM_RETURN_IF_ERROR(CheckScale(r.inherent_impact, "--impact"));
  if (r.residual_likelihood.has_value() != r.residual_impact.has_value()) {
    return Status::InvalidArgument(
        "--residual-likelihood and --residual-impact go together (give both or neither)");
  }
  if (r.residual_likelihood) {
    AIRM_RETURN_IF_ERROR(CheckScale(*r.residual_likelihood, "--residual-likelihood"));
    AIRM_RETURN_IF_ERROR(CheckScale(*r.residual_impact, "--residual-impact"));
  }
  if (r.due_date && !ParseDueDate(*r.due_date)) {
    return Status::InvalidArgument("--due '" + *r.due_date + "': expected a date YYYY-MM-DD");
  }
  return Status::Ok();
}

Result<Risk> InsertRisk(store::Database& tx, int64_t system_id, const Risk& r) {
  AIRM_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO risks (system_id, title, description, category, inherent_likelihood, "
               "inherent_impact, residual_likelihood, residual_impact, controls_json, treatment, "
               "owner, due_date, status, created_at, created_by, updated_at, updated_by) VALUES "
               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {system_id, r.title, r.description, r.category, int64_t{r.inherent_likelihood},
                int64_t{r.inherent_impact}, OptionalInt(r.residual_likelihood),
                OptionalInt(r.residual_impact), nlohmann::json(r.controls).dump(), r.treatment,
                r.owner, r.due_date ? store::Value(*r.due_date) : store::Value(std::monostate{}),
                r.status, r.created_at, r.created_by, r.updated_at, r.updated_by}));
  return GetRisk(tx, rows.at(0).Int(0));
}

Result<int64_t> ParseRiskId(const std::string& text) {
  std::string digits = text;
  if (digits.rfind("R-", 0) == 0 || digits.rfind("r-", 0) == 0) digits = digits.substr(2);
  if (digits.empty() || digits.size() > 15 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::InvalidArgument("risk id '" + text + "': expected R-NNN or a number");
  }
  return std::stoll(digits);
}

Result<Risk> GetRisk(store::Database& db, int64_t id) {
  AIRM_ASSIGN_OR_RETURN(auto rows, db.Query(std::string("SELECT ") + kRiskColumns +
                                                " FROM risks r JOIN ai_systems s ON s.id = "
                                                "r.system_id WHERE r.id = ?",
                                            {id}));
  if (rows.empty()) {
    Risk probe;
    probe.id = id;
    return Status::NotFound("no risk " + probe.Key() +
                            " in the register; `airm risk list` shows it");
  }
  return RiskFromRow(rows[0]);
}

Result<std::vector<Risk>> ListRisks(store::Database& db, int64_t system_id) {
  std::vector<Risk> out;
  std::string sql = std::string("SELECT ") + kRiskColumns +
                    " FROM risks r JOIN ai_systems s ON s.id = r.system_id";
  std::vector<store::Value> params;
  if (system_id > 0) {
    sql += " WHERE r.system_id = ?";
    params.push_back(system_id);
  }
  sql += " ORDER BY r.id";
  AIRM_RETURN_IF_ERROR(db.QueryEach(sql, params, [&](const store::Row& row) {
    out.push_back(RiskFromRow(row));
    return Status::Ok();
  }));
  return out;
}

Status SaveRisk(store::Database& tx, const Risk& r) {
  return tx.Execute(
      "UPDATE risks SET title = ?, description = ?, category = ?, inherent_likelihood = ?, "
      "inherent_impact = ?, residual_likelihood = ?, residual_impact = ?, controls_json = ?, "
      "treatment = ?, owner = ?, due_date = ?, status = ?, updated_at = ?, updated_by = ? "
      "WHERE id = ?",
      {r.title, r.description, r.category, int64_t{r.inherent_likelihood},
       int64_t{r.inherent_impact}, OptionalInt(r.residual_likelihood),
       OptionalInt(r.residual_impact), nlohmann::json(r.controls).dump(), r.treatment, r.owner,
       r.due_date ? store::Value(*r.due_date) : store::Value(std::monostate{}), r.status,
       r.updated_at, r.updated_by, r.id});
}

std::vector<Finding> RiskFindings(const std::vector<Risk>& risks, const RiskMatrix& matrix,
                                  const std::string& today) {
  std::vector<Finding> warns, infos;
  for (const Risk& r : risks) {
    const bool open = r.status == "open" || r.status == "in-progress";
    if (open && r.due_date && *r.due_date < today) {
      warns.push_back(MakeFinding(Severity::kWarn, "risk.overdue", r.Key(),
                                  r.Key() + " (" + r.title + ", owner " + r.owner + ") was due " +
                                      *r.due_date + " and is still " + r.status));
    }
    if (r.residual_likelihood &&
        *r.residual_likelihood * *r.residual_impact > r.inherent_likelihood * r.inherent_impact) {
      warns.push_back(MakeFinding(Severity::kWarn, "risk.residual_above_inherent", r.Key(),
                                  r.Key() + ": the residual rating (" +
                                      matrix.Rating(*r.residual_likelihood, *r.residual_impact) +
                                      ") scores above the inherent one; check the controls"));
    }
    if (!r.residual_likelihood && open) {
      infos.push_back(MakeFinding(Severity::kInfo, "risk.residual_unassessed", r.Key(),
                                  r.Key() + " has no residual rating yet"));
    }
  }
  warns.insert(warns.end(), infos.begin(), infos.end());
  return warns;
}

}  // namespace airm::governance
