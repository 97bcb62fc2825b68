#include "airm/usecases/quarterly_pack.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "airm/monitor/windows.h"
#include "airm/store/monitor_windows.h"
#include "airm/store/timestamp.h"
#include "monitor_workspace.h"

namespace airm::usecases {

using nlohmann::json;

namespace {

// "2026-Q1" -> (2026, 1).
std::optional<std::pair<int, int>> ParseQuarter(const std::string& text) {
  if (text.size() != 7 || text[4] != '-' || text[5] != 'Q' || text[6] < '1' || text[6] > '4') {
    return std::nullopt;
  }
  for (int i = 0; i < 4; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  return std::pair{std::stoi(text.substr(0, 4)), text[6] - '0'};
}

std::optional<double> Number(const json& doc, std::initializer_list<const char*> path) {
  const json* node = &doc;
  for (const char* key : path) {
    if (!node->is_object()) return std::nullopt;
    auto it = node->find(key);
    if (it == node->end()) return std::nullopt;
    node = &*it;
  }
  if (node->is_number()) return node->get<double>();
  return std::nullopt;
}

// The stored documents are airm's own, but a value of another type than
// expected is a gap here, never an exception (nlohmann's value() throws).
std::optional<bool> BoolAt(const json& node, const char* key) {
  if (!node.is_object()) return std::nullopt;
  auto it = node.find(key);
  if (it == node.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

std::string TextAt(const json& node, const char* key) {
  if (!node.is_object()) return "";
  auto it = node.find(key);
  return it != node.end() && it->is_string() ? it->get<std::string>() : "";
}

// verdict.<which>.drifted of a drift document.
std::optional<bool> Drifted(const json& doc, const char* which) {
  if (!doc.is_object() || !doc.contains("verdict") || !doc["verdict"].is_object()) {
    return std::nullopt;
  }
  auto it = doc["verdict"].find(which);
  return it == doc["verdict"].end() ? std::nullopt : BoolAt(*it, "drifted");
}

constexpr const char* kPackMetrics[] = {"roc_auc", "accuracy", "f1"};

// The systems of the pack's monitors' models and their incidents of the
// quarter (in UTC: incidents carry no time zone).
Status AddIncidents(store::Database& db, QuarterlyPack* pack) {
  const auto bounds = QuarterBoundsUtc(pack->quarter);
  if (!bounds) return Status::Internal("quarterly pack: bad quarter " + pack->quarter);
  const auto& [start, end] = *bounds;
  pack->quarter_start = start;
  pack->quarter_end = end;
  std::set<std::string> systems;
  for (const QuarterlyPackMonitor& m : pack->monitors) {
    if (m.model.empty()) continue;
    AIRM_ASSIGN_OR_RETURN(
        std::vector<governance::AiSystem> linking,
        governance::SystemsLinkingModel(db, m.model.substr(0, m.model.find('@'))));
    for (const governance::AiSystem& s : linking) {
      if (!systems.insert(s.name).second) continue;
      AIRM_ASSIGN_OR_RETURN(
          std::vector<governance::Incident> incidents,
          governance::ListIncidents(db, {.system_id = s.id, .from = start, .to = end}));
      for (governance::Incident& i : incidents) pack->incidents.push_back(std::move(i));
    }
  }
  pack->systems.assign(systems.begin(), systems.end());
  std::stable_sort(pack->incidents.begin(), pack->incidents.end(),
                   [](const governance::Incident& a, const governance::Incident& b) {
                     return a.opened_at < b.opened_at;
                   });
  return Status::Ok();
}

}  // namespace

std::string QuarterOfDate(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return "";
  for (int i : {0, 1, 2, 3, 5, 6}) {
    if (date[i] < '0' || date[i] > '9') return "";
  }
  const int month = std::stoi(date.substr(5, 2));
  if (month < 1 || month > 12) return "";
  return date.substr(0, 4) + "-Q" + std::to_string((month - 1) / 3 + 1);
}

std::optional<std::pair<std::string, std::string>> QuarterBoundsUtc(const std::string& quarter) {
  const auto parsed = ParseQuarter(quarter);
  if (!parsed) return std::nullopt;
  const auto [year, q] = *parsed;
  char start[32], end[32];
  std::snprintf(start, sizeof start, "%04d-%02d-01T00:00:00Z", year, 3 * q - 2);
  std::snprintf(end, sizeof end, "%04d-%02d-01T00:00:00Z", q == 4 ? year + 1 : year,
                q == 4 ? 1 : 3 * q + 1);
  return std::pair<std::string, std::string>{start, end};
}

Status QuarterlyPackOptions::Validate() const {
  if (!ParseQuarter(quarter)) {
    return Status::InvalidArgument("--quarter: expected YYYY-Qn (e.g. 2026-Q1), got '" + quarter +
                                   "'");
  }
  return Status::Ok();
}

Result<QuarterlyPack> BuildQuarterlyPack(const QuarterlyPackOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  const auto [year, q] = *ParseQuarter(options.quarter);
  AIRM_ASSIGN_OR_RETURN(internal::MonitorWorkspace ws,
                        internal::OpenMonitorWorkspace(options.store));
  if (!options.monitor.empty()) {
    AIRM_RETURN_IF_ERROR(internal::FindMonitor(ws, options.monitor).status());
  }
  // The middle of the quarter's middle month, in UTC: inside the quarter in
  // every time zone, so the zone's quarter window around it is the one asked.
  const int month = 3 * q - 1;
  const std::string middle =
      std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month) + "-15";
  const std::optional<std::string> canonical = store::ParseIso8601(middle);
  if (!canonical) return Status::Internal("quarterly pack: cannot read the date " + middle);
  const int64_t inside = monitor::CanonicalToSeconds(*canonical);

  QuarterlyPack pack{.quarter = options.quarter};
  store::Database& db = *ws.opened.db;
  for (const monitor::MonitorSpec& m : ws.config->monitors) {
    if (!options.monitor.empty() && m.name != options.monitor) continue;
    const monitor::Window quarter =
        monitor::WindowContaining(inside, monitor::Cadence::kQuarter, m.zone);
    QuarterlyPackMonitor out{.monitor = m.name,
                             .model = m.model,
                             .time_zone = m.time_zone,
                             .quarter_start = monitor::SecondsToCanonical(quarter.start),
                             .quarter_end = monitor::SecondsToCanonical(quarter.end)};
    AIRM_ASSIGN_OR_RETURN(std::vector<store::MonitorWindowRecord> records,
                          store::ListMonitorWindows(db, m.name, ""));
    std::map<std::pair<std::string, std::string>, PackDriftColumn> columns;
    for (const store::MonitorWindowRecord& r : records) {
      // A window belongs to the quarter it starts in (a rolling window may
      // reach back before it).
      if (r.window_start < out.quarter_start || r.window_start >= out.quarter_end) continue;
      json doc = r.result_json ? json::parse(*r.result_json, nullptr, false) : json::object();
      if (doc.is_discarded() || !doc.is_object()) {
        return Status::Corrupt("monitor '" + m.name + "' window " + r.label +
                               ": the stored result is not a JSON object");
      }
      out.windows.push_back({.schedule = r.schedule,
                             .label = r.label,
                             .status = r.status,
                             .rows = r.row_count,
                             .version = r.version,
                             .input_drift = Drifted(doc, "input_drift"),
                             .output_drift = Drifted(doc, "output_drift")});
      if (doc.contains("columns") && doc["columns"].is_array()) {
        for (const json& c : doc["columns"]) {
          const std::string name = TextAt(c, "name");
          if (name.empty()) continue;
          PackDriftColumn& col = columns[{r.schedule, name}];
          col.schedule = r.schedule;
          col.column = name;
          ++col.windows;
          if (BoolAt(c, "drifted").value_or(false)) ++col.drifted;
          const std::optional<double> effect = Number(c, {"effect_size"});
          if (effect && (!col.max_effect_size || *effect > *col.max_effect_size)) {
            col.max_effect_size = effect;
            col.max_window = r.label;
          }
        }
      }
      const bool evaluation = doc.contains("estimated") || doc.contains("metrics");
      if (!evaluation) continue;
      for (const char* metric : kPackMetrics) {
        out.performance.push_back(
            {.schedule = r.schedule,
             .label = r.label,
             .status = r.status,
             .metric = metric,
             .realized = Number(doc, {"metrics", metric, "value"}),
             .estimated = Number(doc, {"estimated", metric}),
             .estimated_lower = Number(doc, {"estimated", "bands", metric, "lower"}),
             .estimated_upper = Number(doc, {"estimated", "bands", metric, "upper"})});
      }
      if (!doc.contains("segments") || !doc["segments"].is_array()) continue;
      for (const json& s : doc["segments"]) {
        for (const char* metric : kPackMetrics) {
          const std::optional<double> value = Number(s, {"metrics", metric, "value"});
          if (!value) continue;
          out.segments.push_back({.schedule = r.schedule,
                                  .label = r.label,
                                  .column = TextAt(s, "column"),
                                  .value = TextAt(s, "value"),
                                  .rows = static_cast<uint64_t>(Number(s, {"rows"}).value_or(0)),
                                  .sufficient = BoolAt(s, "sufficient").value_or(false),
                                  .metric = metric,
                                  .realized = value});
        }
      }
    }
    for (auto& [key, col] : columns) out.drift.push_back(std::move(col));
    std::stable_sort(
        out.drift.begin(), out.drift.end(),
        [](const PackDriftColumn& a, const PackDriftColumn& b) { return a.drifted > b.drifted; });
    AIRM_ASSIGN_OR_RETURN(std::vector<store::AlertEpisode> episodes,
                          store::ListAlertEpisodes(db, {.monitor = m.name}));
    for (const store::AlertEpisode& e : episodes) {
      if (e.first_window_start >= out.quarter_end || e.last_window_end <= out.quarter_start) {
        continue;
      }
      out.alerts.push_back(e);
      if (e.fired_window_end && *e.fired_window_end > out.quarter_start &&
          *e.fired_window_end <= out.quarter_end) {
        out.fired.push_back(e);
      }
    }
    std::stable_sort(out.fired.begin(), out.fired.end(),
                     [](const store::AlertEpisode& a, const store::AlertEpisode& b) {
                       return (a.severity == "critical") > (b.severity == "critical");
                     });
    pack.monitors.push_back(std::move(out));
  }
  AIRM_RETURN_IF_ERROR(AddIncidents(db, &pack));
  return pack;
}

}  // namespace airm::usecases
