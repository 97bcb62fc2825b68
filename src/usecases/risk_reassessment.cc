#include "airm/usecases/risk_reassessment.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "airm/governance/weak_segments.h"
#include "airm/sha256.h"
#include "airm/small_file.h"
#include "airm/store/timestamp.h"
#include "airm/usecases/incidents.h"
#include "governance_write.h"

namespace airm::usecases {
namespace {

using governance::AuditEvent;
using nlohmann::json;

// The pack is airm's own document, but a value of another type than expected
// is a gap here, never an exception.
std::string Text(const json& node, const char* key) {
  if (!node.is_object()) return "";
  auto it = node.find(key);
  return it != node.end() && it->is_string() ? it->get<std::string>() : "";
}
int64_t Count(const json& node, const char* key) {
  if (!node.is_object()) return 0;
  auto it = node.find(key);
  return it != node.end() && it->is_number() ? it->get<int64_t>() : 0;
}
const json& List(const json& node, const char* key) {
  static const json kEmpty = json::array();
  if (!node.is_object()) return kEmpty;
  auto it = node.find(key);
  return it != node.end() && it->is_array() ? *it : kEmpty;
}

// A pack number: a JSON number, or nullopt (null is undefined, not 0).
std::optional<double> Number(const json& node, const char* key) {
  if (!node.is_object()) return std::nullopt;
  auto it = node.find(key);
  return it != node.end() && it->is_number() ? std::optional<double>(it->get<double>())
                                             : std::nullopt;
}

// The monitor's realized metrics per evaluation window, whole (`performance`)
// and by segment (`segments`), read by the weak-segment rule.
std::vector<governance::Observation> WeakSegments(const std::string& monitor, const json& m) {
  std::vector<governance::WindowMetric> overall, segments;
  for (const json& p : List(m, "performance")) {
    const std::optional<double> realized = Number(p, "realized");
    if (!realized) continue;
    overall.push_back({.schedule = Text(p, "schedule"),
                       .window = Text(p, "window"),
                       .metric = Text(p, "metric"),
                       .realized = *realized});
  }
  for (const json& s : List(m, "segments")) {
    const std::optional<double> realized = Number(s, "realized");
    const int64_t rows = Count(s, "rows");
    if (!realized || rows <= 0) continue;
    segments.push_back({.schedule = Text(s, "schedule"),
                        .window = Text(s, "window"),
                        .column = Text(s, "column"),
                        .value = Text(s, "value"),
                        .metric = Text(s, "metric"),
                        .rows = static_cast<uint64_t>(rows),
                        .realized = *realized});
  }
  return governance::WeakSegmentObservations(monitor, overall, segments);
}

std::string ModelName(const std::string& reference) {
  return reference.substr(0, reference.find('@'));
}

std::string Scale(int l, const std::optional<int>& r) {
  return std::to_string(l) + (r ? " (residual " + std::to_string(*r) + ")" : "");
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

Status ReassessRisksOptions::Validate() const {
  if (pack.empty()) {
    return Status::InvalidArgument("risk reassess needs --pack FILE (`airm monitor pack --json`)");
  }
  if (pack == "-") {
    return Status::InvalidArgument(
        "--pack -: the pack is evidence bound by its digest; give the file it was written to");
  }
  if (system.empty()) return Status::InvalidArgument("risk reassess needs --system NAME");
  return Status::Ok();
}

Result<PackObservations> ReadPackObservations(const std::string& text, const std::string& path,
                                              const std::string& system,
                                              const std::vector<std::string>& models) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || Text(doc, "kind") != "quarterly_risk_pack") {
    return Status::InvalidArgument(
        "--pack " + path +
        ": not a quarterly risk pack (expected the JSON of `airm monitor pack --json`, kind "
        "quarterly_risk_pack)");
  }
  PackObservations out{.quarter = Text(doc, "quarter"), .observations = {}};
  if (!governance::EndOfNextQuarter(out.quarter)) {
    return Status::InvalidArgument("--pack " + path + ": quarter '" + out.quarter +
                                   "' is not YYYY-Qn");
  }
  bool about_system = false;
  std::vector<std::string> watched;
  for (const json& m : List(doc, "monitors")) {
    const std::string monitor = Text(m, "monitor");
    const std::string model = Text(m, "model");
    if (!model.empty()) watched.push_back(model);
    if (model.empty() ||
        std::find(models.begin(), models.end(), ModelName(model)) == models.end()) {
      continue;
    }
    about_system = true;
    for (const json& c : List(m, "drift")) {
      const int64_t drifted = Count(c, "drifted");
      if (drifted == 0) continue;
      const std::string column = Text(c, "column");
      out.observations.push_back({.category = "robustness",
                                  .severity = "warning",
                                  .source = "drift",
                                  .subject = monitor + "/" + column,
                                  .detail = "Column " + column + " of monitor " + monitor +
                                            " drifted in " + std::to_string(drifted) + " of " +
                                            std::to_string(Count(c, "windows")) + " windows."});
    }
    for (governance::Observation& o : WeakSegments(monitor, m)) {
      out.observations.push_back(std::move(o));
    }
    for (const json& e : List(m, "fired")) {
      const std::string alert = Text(e, "alert"), severity = Text(e, "severity");
      out.observations.push_back(
          {.category = AlertCategory(Text(e, "schedule"), Text(e, "expression")),
           .severity = severity,
           .source = "alert",
           .subject = Text(e, "episode_id"),
           .detail = "Alert " + alert + " (" + severity + ") of monitor " + monitor +
                     " fired in the window ending " + Text(e, "fired_window_end") + "."});
    }
  }
  for (const json& i : List(doc, "incidents")) {
    if (Text(i, "system") != system) continue;
    about_system = true;
    const std::string id = Text(i, "id"), severity = Text(i, "severity");
    out.observations.push_back(
        {.category = Text(i, "category"),
         .severity = severity,
         .source = "incident",
         .subject = id,
         .detail = "Incident " + id + " (" + severity + "): " + Text(i, "title") + "."});
  }
  if (!about_system) {
    return Status::InvalidArgument(
        "--pack " + path + ": the pack holds nothing about system '" + system +
        "' (its monitors watch " + (watched.empty() ? "no model" : Joined(watched)) + "; '" +
        system + "' links " + (models.empty() ? "no model" : Joined(models)) +
        ", and none of its incidents is in the pack)");
  }
  return out;
}

Result<RiskReassessed> ReassessRisks(const ReassessRisksOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  // Read and hashed before the store opens: the digest is of these bytes.
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(options.pack, "quarterly pack"));
  const std::string digest = "sha256:" + Sha256Hex(text);
  RiskReassessed out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        out.already_applied = false;
        out.reopened_models.clear();
        AIRM_ASSIGN_OR_RETURN(governance::AiSystem system,
                              governance::GetSystemByName(tx, options.system));
        AIRM_ASSIGN_OR_RETURN(std::vector<governance::LinkedModel> linked,
                              governance::ModelsOfSystem(tx, system.id));
        for (const governance::LinkedModel& m : linked) out.reopened_models.push_back(m.model);
        AIRM_ASSIGN_OR_RETURN(
            PackObservations seen,
            ReadPackObservations(text, options.pack, system.name, out.reopened_models));
        AIRM_ASSIGN_OR_RETURN(std::optional<governance::Reassessment> earlier,
                              governance::FindReassessment(tx, system.id, digest));
        if (earlier) {
          out.already_applied = true;
          out.reassessment = *earlier;
          return std::vector<AuditEvent>{};
        }
        AIRM_ASSIGN_OR_RETURN(std::vector<governance::Risk> risks,
                              governance::ListRisks(tx, system.id));
        std::vector<governance::PlannedChange> plan =
            governance::PlanReassessment(system, risks, seen.observations, seen.quarter, digest);
        const std::string now = store::UtcNow();
        governance::Reassessment r{.system = system.name,
                                   .quarter = seen.quarter,
                                   .pack_digest = digest,
                                   .pack_path = options.pack,
                                   .observations = seen.observations,
                                   .opened_at = now,
                                   .opened_by = out.actor.name};
        std::vector<AuditEvent> events;
        for (governance::PlannedChange& p : plan) {
          if (p.is_new) {
            p.risk.created_at = p.risk.updated_at = now;
            p.risk.created_by = p.risk.updated_by = out.actor.name;
            AIRM_ASSIGN_OR_RETURN(p.risk, governance::InsertRisk(tx, system.id, p.risk));
            p.change.risk = p.risk.Key();
          } else if (p.writes) {
            p.risk.updated_at = now;
            p.risk.updated_by = out.actor.name;
            AIRM_RETURN_IF_ERROR(governance::SaveRisk(tx, p.risk));
          }
          r.changes.push_back(p.change);
          if (!p.writes) continue;
          events.push_back(
              {.action = p.is_new ? "risk.add" : "risk.update",
               .subject = "risk:" + p.risk.Key(),
               .details = {
                   {"system", system.name},
                   {"title", p.risk.title},
                   {"category", p.risk.category},
                   {"likelihood",
                    p.is_new ? Scale(p.change.likelihood_to, {})
                             : Scale(p.change.likelihood_from, p.change.residual_from) + " -> " +
                                   Scale(p.change.likelihood_to, p.change.residual_to)},
                   {"rule", p.change.rule},
                   {"because", Joined(p.change.because)},
                   {"quarter", seen.quarter},
                   {"pack_digest", digest}}});
        }
        AIRM_ASSIGN_OR_RETURN(r.last_signoff_id, governance::NewestSignOffId(tx));
        AIRM_ASSIGN_OR_RETURN(out.reassessment, governance::InsertReassessment(tx, system.id, r));
        for (AuditEvent& e : events) e.details["reassessment"] = out.reassessment.Key();
        std::vector<std::string> changed;
        for (const governance::RiskChange& c : r.changes) {
          changed.push_back(c.risk + " " + c.action);
        }
        events.push_back({.action = "risk.reassess",
                          .subject = "system:" + system.name,
                          .details = {{"reassessment", out.reassessment.Key()},
                                      {"quarter", seen.quarter},
                                      {"pack_digest", digest},
                                      {"pack_path", options.pack},
                                      {"observations", std::to_string(seen.observations.size())},
                                      {"changes", Joined(changed)},
                                      {"reopened_models", Joined(out.reopened_models)},
                                      {"last_signoff_id", std::to_string(r.last_signoff_id)}}});
        return events;
      }));
  const governance::Reassessment& r = out.reassessment;
  if (out.already_applied) {
    out.findings.push_back(MakeFinding(Severity::kInfo, "reassessment.already_applied", r.Key(),
                                       "this pack (" + digest + ") was applied to " + r.system +
                                           " as " + r.Key() + " on " + r.opened_at +
                                           "; nothing changed"));
    return out;
  }
  if (!out.reopened_models.empty()) {
    out.findings.push_back(MakeFinding(
        Severity::kWarn, "review.reopened", r.system,
        "the review of " + Joined(out.reopened_models) + " is reopened by " + r.Describe() +
            ": sign-offs made before it no longer count; the board decides again"));
  }
  for (const governance::RiskChange& c : r.changes) {
    std::string what =
        c.action == "added"
            ? "added (" + c.category + ", likelihood " + std::to_string(c.likelihood_to) + ")"
        : c.action == "rescored"
            ? "re-scored (" + c.category + "): likelihood " + std::to_string(c.likelihood_from) +
                  " -> " + std::to_string(c.likelihood_to)
            : "already at the highest likelihood (" + c.category + ")";
    out.findings.push_back(
        MakeFinding(Severity::kInfo, "risk.reassessed", c.risk,
                    c.risk + " " + what + " by rule " + c.rule + ", from " + Joined(c.because)));
  }
  return out;
}

}  // namespace airm::usecases
