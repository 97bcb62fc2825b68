#include "airm/governance/reassessment.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace airm::governance {
namespace {

using nlohmann::json;

bool Counts(const Observation& o) { return o.severity == "warning" || o.severity == "critical"; }

int Raised(int from, int floor) { return std::min(5, std::max(from + 1, floor)); }

std::string Capitalized(const std::string& s) {
  std::string out = s;
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

json ObservationsJson(const std::vector<Observation>& observations) {
  json out = json::array();
  for (const Observation& o : observations) {
    out.push_back({{"category", o.category},
                   {"severity", o.severity},
                   {"source", o.source},
                   {"subject", o.subject},
                   {"detail", o.detail}});
  }
  return out;
}

json ChangesJson(const std::vector<RiskChange>& changes) {
  json out = json::array();
  for (const RiskChange& c : changes) {
    out.push_back({{"risk", c.risk},
                   {"action", c.action},
                   {"category", c.category},
                   {"rule", c.rule},
                   {"likelihood_from", c.likelihood_from},
                   {"likelihood_to", c.likelihood_to},
                   {"residual_from", c.residual_from ? json(*c.residual_from) : json()},
                   {"residual_to", c.residual_to ? json(*c.residual_to) : json()},
                   {"because", c.because}});
  }
  return out;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}
int Int(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}
std::optional<int> OptInt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

// Written by InsertReassessment; anything else reads as empty rather than
// failing the reviews that read it.
Reassessment FromRow(const store::Row& row) {
  Reassessment r{.id = row.Int(0),
                 .system = row.Text(1),
                 .quarter = row.Text(2),
                 .pack_digest = row.Text(3),
                 .pack_path = row.Text(4),
                 .last_signoff_id = row.Int(5),
                 .opened_at = row.Text(8),
                 .opened_by = row.Text(9)};
  const json observations = json::parse(row.Text(6), nullptr, false);
  if (observations.is_array()) {
    for (const json& o : observations) {
      if (!o.is_object()) continue;
      r.observations.push_back({Str(o, "category"), Str(o, "severity"), Str(o, "source"),
                                Str(o, "subject"), Str(o, "detail")});
    }
  }
  const json changes = json::parse(row.Text(7), nullptr, false);
  if (changes.is_array()) {
    for (const json& c : changes) {
      if (!c.is_object()) continue;
      RiskChange change{.risk = Str(c, "risk"),
                        .action = Str(c, "action"),
                        .category = Str(c, "category"),
                        .rule = Str(c, "rule"),
                        .likelihood_from = Int(c, "likelihood_from"),
                        .likelihood_to = Int(c, "likelihood_to"),
                        .residual_from = OptInt(c, "residual_from"),
                        .residual_to = OptInt(c, "residual_to")};
      if (c.contains("because") && c["because"].is_array()) {
        for (const json& b : c["because"]) {
          if (b.is_string()) change.because.push_back(b.get<std::string>());
        }
      }
      r.changes.push_back(std::move(change));
    }
  }
  return r;
}

constexpr const char* kReassessmentColumns =
    "r.id, s.name, r.quarter, r.pack_digest, r.pack_path, r.last_signoff_id, "
    "r.observations_json, r.changes_json, r.opened_at, r.opened_by";

}  // namespace

std::optional<std::string> EndOfNextQuarter(const std::string& quarter) {
  if (quarter.size() != 7 || quarter[4] != '-' || quarter[5] != 'Q' || quarter[6] < '1' ||
      quarter[6] > '4' || !std::all_of(quarter.begin(), quarter.begin() + 4, [](char c) {
        return c >= '0' && c <= '9';
      })) {
    return std::nullopt;
  }
  int year = std::stoi(quarter.substr(0, 4));
  int next = quarter[6] - '0' + 1;
  if (next == 5) {
    next = 1;
    ++year;
  }
  static constexpr const char* kEnds[] = {"-03-31", "-06-30", "-09-30", "-12-31"};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", year);
  return std::string(buf) + kEnds[next - 1];
}

std::vector<PlannedChange> PlanReassessment(const AiSystem& system, const std::vector<Risk>& risks,
                                            const std::vector<Observation>& observations,
                                            const std::string& quarter,
                                            const std::string& pack_digest) {
  std::vector<PlannedChange> out;
  for (const char* category : kRiskCategories) {
    std::vector<const Observation*> seen;
    bool critical = false;
    for (const Observation& o : observations) {
      if (o.category != category || !Counts(o)) continue;
      seen.push_back(&o);
      critical = critical || o.severity == "critical";
    }
    if (seen.empty()) continue;
    const int floor = critical ? 4 : 3;
    const std::string rule = critical ? "R2" : "R1";
    std::vector<std::string> because;
    for (const Observation* o : seen) because.push_back(o->subject);
    bool matched = false;
    for (const Risk& r : risks) {
      if (r.category != category || r.status == "closed") continue;
      matched = true;
      PlannedChange p;
      p.risk = r;
      p.change = {.risk = r.Key(),
                  .category = category,
                  .rule = rule,
                  .likelihood_from = r.inherent_likelihood,
                  .likelihood_to = Raised(r.inherent_likelihood, floor),
                  .because = because};
      p.risk.inherent_likelihood = p.change.likelihood_to;
      if (r.residual_likelihood) {
        p.change.residual_from = r.residual_likelihood;
        p.change.residual_to = Raised(*r.residual_likelihood, floor);
        p.risk.residual_likelihood = p.change.residual_to;
      }
      p.writes = p.change.likelihood_to != p.change.likelihood_from ||
                 p.change.residual_to != p.change.residual_from;
      p.change.action = p.writes ? "rescored" : "at_maximum";
      out.push_back(std::move(p));
    }
    if (matched) continue;
    std::string description = "Added by the risk reassessment of " + quarter + " (pack " +
                              pack_digest + ") from what monitoring observed:";
    for (const Observation* o : seen) description += " " + o->detail;
    PlannedChange p;
    p.is_new = p.writes = true;
    p.risk = {.system = system.name,
              .title = Capitalized(category) + " issues observed in " + quarter,
              .description = description,
              .category = category,
              .inherent_likelihood = floor,
              .inherent_impact = floor,
              .treatment = "mitigate",
              .owner = system.owner,
              .due_date = EndOfNextQuarter(quarter),
              .status = "open"};
    p.change = {.action = "added",
                .category = category,
                .rule = "R3",
                .likelihood_from = 0,
                .likelihood_to = floor,
                .because = because};
    out.push_back(std::move(p));
  }
  return out;
}

std::string Reassessment::Key() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "RA-%03lld", static_cast<long long>(id));
  return buf;
}

std::string Reassessment::Describe() const {
  const std::string digest =
      pack_digest.size() > 19 ? pack_digest.substr(0, 19) + "…" : pack_digest;
  return Key() + " of " + quarter + " (pack " + digest + ")";
}

Result<Reassessment> InsertReassessment(store::Database& tx, int64_t system_id,
                                        const Reassessment& r) {
  AIRM_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO risk_reassessments (system_id, quarter, pack_digest, pack_path, "
               "last_signoff_id, observations_json, changes_json, opened_at, opened_by) VALUES "
               "(?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {system_id, r.quarter, r.pack_digest, r.pack_path, r.last_signoff_id,
                ObservationsJson(r.observations).dump(), ChangesJson(r.changes).dump(), r.opened_at,
                r.opened_by}));
  Reassessment out = r;
  out.id = rows.at(0).Int(0);
  return out;
}

Result<std::optional<Reassessment>> FindReassessment(store::Database& db, int64_t system_id,
                                                     const std::string& pack_digest) {
  AIRM_ASSIGN_OR_RETURN(auto rows,
                        db.Query(std::string("SELECT ") + kReassessmentColumns +
                                     " FROM risk_reassessments r JOIN ai_systems s ON s.id = "
                                     "r.system_id WHERE r.system_id = ? AND r.pack_digest = ?",
                                 {system_id, pack_digest}));
  if (rows.empty()) return std::optional<Reassessment>{};
  return std::optional<Reassessment>{FromRow(rows[0])};
}

Result<std::vector<Reassessment>> ReassessmentsOf(store::Database& db, int64_t system_id) {
  std::vector<Reassessment> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(std::string("SELECT ") + kReassessmentColumns +
                                        " FROM risk_reassessments r JOIN ai_systems s ON s.id = "
                                        "r.system_id WHERE r.system_id = ? ORDER BY r.id",
                                    {system_id}, [&](const store::Row& row) {
                                      out.push_back(FromRow(row));
                                      return Status::Ok();
                                    }));
  return out;
}

Result<int64_t> NewestSignOffId(store::Database& db) {
  AIRM_ASSIGN_OR_RETURN(auto rows, db.Query("SELECT MAX(id) FROM review_signoffs"));
  return rows.empty() || rows[0].IsNull(0) ? int64_t{0} : rows[0].Int(0);
}

Result<std::optional<Reassessment>> ReopeningOfModel(store::Database& db, int64_t model_id) {
  AIRM_ASSIGN_OR_RETURN(
      auto rows, db.Query(std::string("SELECT ") + kReassessmentColumns +
                              " FROM risk_reassessments r JOIN ai_systems s ON s.id = "
                              "r.system_id JOIN ai_system_models m ON m.system_id = r.system_id "
                              "WHERE m.model_id = ? ORDER BY r.last_signoff_id DESC, r.id DESC "
                              "LIMIT 1",
                          {model_id}));
  if (rows.empty()) return std::optional<Reassessment>{};
  return std::optional<Reassessment>{FromRow(rows[0])};
}

}  // namespace airm::governance
