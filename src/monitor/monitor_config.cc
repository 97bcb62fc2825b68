#include "airm/monitor/monitor_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "airm/gate.h"
#include "airm/small_file.h"
#include "airm/store/database.h"
#include "airm/store/reference.h"
#include "airm/store/timestamp.h"

namespace airm::monitor {

const char* CadenceName(Cadence cadence) {
  switch (cadence) {
    case Cadence::kDay:
      return "day";
    case Cadence::kWeek:
      return "week";
    case Cadence::kMonth:
      return "month";
    case Cadence::kQuarter:
      return "quarter";
  }
  return "week";
}

const char* AnalysisName(Analysis analysis) {
  return analysis == Analysis::kEvaluation ? "evaluation" : "drift";
}

std::string Schedule::Key() const {
  return std::string(CadenceName(every)) + "-" + AnalysisName(analysis) +
         (rolling > 1 ? "-rolling" + std::to_string(rolling) : "");
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kCritical:
      return "critical";
  }
  return "warning";
}

std::vector<AlertRule::LearnedBound> AlertRule::LearnedBounds() const {
  if (!learn) return {};
  switch (learned_side) {
    case ThresholdSide::kBoth:
      return {{"<", "lower"}, {">", "upper"}};
    case ThresholdSide::kLower:
      return {{learned_op, "lower"}};
    case ThresholdSide::kUpper:
      return {{learned_op, "upper"}};
  }
  return {};
}

const MonitorSpec* MonitorsConfig::Find(const std::string& name) const {
  for (const MonitorSpec& m : monitors) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::vector<std::string> MonitorsConfig::Names() const {
  std::vector<std::string> names;
  for (const MonitorSpec& m : monitors) names.push_back(m.name);
  return names;
}

std::optional<int64_t> ParseDurationSeconds(const std::string& text) {
  if (text.size() < 2) return std::nullopt;
  int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    case 'w':
      unit = 7 * 86400;
      break;
    default:
      return std::nullopt;
  }
  const std::string digits = text.substr(0, text.size() - 1);
  if (digits.empty() || digits.size() > 6 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(digits) * unit;
}

std::optional<int> ParseUtcOffset(const std::string& text) {
  if (text == "UTC" || text == "Z" || text == "Etc/UTC") return 0;
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
  for (size_t i : {1, 2, 4, 5}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hours = (text[1] - '0') * 10 + (text[2] - '0');
  const int minutes = (text[4] - '0') * 10 + (text[5] - '0');
  if (hours > 14 || minutes > 59) return std::nullopt;
  const int total = hours * 60 + minutes;
  return text[0] == '-' ? -total : total;
}

namespace {

// Reads one monitor entry; every error names the file, the line and the key.
class EntryReader {
 public:
  explicit EntryReader(const std::string& source) : source_(source) {}

  Status Error(const YAML::Node& node, const std::string& key, const std::string& what) const {
    return Status::ParseError(source_ + ":" + std::to_string(std::max(node.Mark().line, 0) + 1) +
                              ": " + key + ": " + what);
  }

  // A required or optional scalar; *out is left alone when absent.
  Status Scalar(const YAML::Node& map, const char* key, const std::string& path, bool required,
                std::string* out) const {
    const YAML::Node value = map[key];
    if (!value) {
      return required ? Error(map, path + "." + key, "required key is missing") : Status::Ok();
    }
    if (!value.IsScalar()) return Error(value, path + "." + key, "expected a single value");
    *out = value.as<std::string>();
    if (required && out->empty()) return Error(value, path + "." + key, "must not be empty");
    return Status::Ok();
  }

  // A scalar or a list of scalars.
  Status Names(const YAML::Node& map, const char* key, const std::string& path,
               std::vector<std::string>* out) const {
    const YAML::Node value = map[key];
    if (!value) return Status::Ok();
    if (value.IsScalar()) {
      out->push_back(value.as<std::string>());
      return Status::Ok();
    }
    if (!value.IsSequence()) return Error(value, path + "." + key, "expected a name or a list");
    for (const YAML::Node& item : value) {
      if (!item.IsScalar()) return Error(item, path + "." + key, "expected a column name");
      out->push_back(item.as<std::string>());
    }
    return Status::Ok();
  }

  Status Keys(const YAML::Node& map, const std::string& path,
              const std::set<std::string>& known) const {
    for (const auto& entry : map) {
      const std::string key = entry.first.as<std::string>();
      if (!known.count(key)) {
        std::string list;
        for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
        return Error(entry.first, path + "." + key, "unknown key (known: " + list + ")");
      }
    }
    return Status::Ok();
  }

  Status Map(const YAML::Node& node, const std::string& path) const {
    return node.IsMap() ? Status::Ok() : Error(node, path, "expected a mapping");
  }

  Status Roles(const YAML::Node& node, const std::string& path, RoleAssignment* roles) const {
    AIRM_RETURN_IF_ERROR(Map(node, path));
    AIRM_RETURN_IF_ERROR(Keys(
        node, path,
        {"target", "prediction", "score", "id", "timestamp", "segment", "sensitive", "ignore"}));
    AIRM_RETURN_IF_ERROR(Names(node, "target", path, &roles->target));
    AIRM_RETURN_IF_ERROR(Names(node, "prediction", path, &roles->prediction));
    AIRM_RETURN_IF_ERROR(Names(node, "score", path, &roles->score));
    AIRM_RETURN_IF_ERROR(Names(node, "id", path, &roles->id));
    AIRM_RETURN_IF_ERROR(Names(node, "timestamp", path, &roles->timestamp));
    AIRM_RETURN_IF_ERROR(Names(node, "segment", path, &roles->segment));
    AIRM_RETURN_IF_ERROR(Names(node, "sensitive", path, &roles->sensitive));
    return Names(node, "ignore", path, &roles->ignore);
  }

  Status Schedules(const YAML::Node& node, const std::string& path,
                   std::vector<Schedule>* out) const {
    if (!node.IsSequence() || node.size() == 0) {
      return Error(node, path, "expected a list of {every, analysis}");
    }
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      const YAML::Node item = node[i];
      AIRM_RETURN_IF_ERROR(Map(item, item_path));
      AIRM_RETURN_IF_ERROR(Keys(item, item_path, {"every", "analysis", "vs_previous", "rolling"}));
      std::string every, analysis = "drift", vs_previous = "false", rolling = "1";
      AIRM_RETURN_IF_ERROR(Scalar(item, "rolling", item_path, false, &rolling));
      AIRM_RETURN_IF_ERROR(Scalar(item, "every", item_path, true, &every));
      AIRM_RETURN_IF_ERROR(Scalar(item, "analysis", item_path, false, &analysis));
      AIRM_RETURN_IF_ERROR(Scalar(item, "vs_previous", item_path, false, &vs_previous));
      Schedule schedule;
      if (every == "day") {
        schedule.every = Cadence::kDay;
      } else if (every == "week") {
        schedule.every = Cadence::kWeek;
      } else if (every == "month") {
        schedule.every = Cadence::kMonth;
      } else if (every == "quarter") {
        schedule.every = Cadence::kQuarter;
      } else {
        return Error(item["every"], item_path + ".every",
                     "expected day, week, month or quarter, got '" + every + "'");
      }
      if (analysis == "evaluation") {
        schedule.analysis = Analysis::kEvaluation;
      } else if (analysis != "drift") {
        return Error(item["analysis"], item_path + ".analysis",
                     "expected drift or evaluation, got '" + analysis + "'");
      }
      if (vs_previous != "true" && vs_previous != "false" && vs_previous != "rows") {
        return Error(item["vs_previous"], item_path + ".vs_previous",
                     "expected true (from the previous window's stored profile), rows (its rows "
                     "read again) or false, got '" +
                         vs_previous + "'");
      }
      schedule.vs_previous = vs_previous != "false";
      schedule.vs_previous_rows = vs_previous == "rows";
      char* rolling_end = nullptr;
      const long periods = std::strtol(rolling.c_str(), &rolling_end, 10);
      if (rolling.empty() || *rolling_end != '\0' || periods < 1 || periods > 366) {
        return Error(item["rolling"], item_path + ".rolling",
                     "expected a number of periods from 1 to 366, got '" + rolling + "'");
      }
      schedule.rolling = static_cast<int>(periods);
      if (schedule.rolling > 1 && schedule.vs_previous) {
        return Error(item["vs_previous"], item_path + ".vs_previous",
                     "rolling windows overlap their previous window; compare calendar windows");
      }
      if (schedule.vs_previous && schedule.analysis != Analysis::kDrift) {
        return Error(
            item["vs_previous"], item_path + ".vs_previous",
            "the previous-window comparison is a drift comparison; this schedule is " + analysis);
      }
      for (const Schedule& s : *out) {
        if (s.Key() == schedule.Key()) {
          return Error(item, item_path, "schedule '" + s.Key() + "' is declared twice");
        }
      }
      out->push_back(schedule);
    }
    return Status::Ok();
  }

  // The range a number must fall in; an open end excludes the bound itself.
  struct Range {
    double min = 0;
    double max = 0;
    bool open_min = false;
    bool open_max = false;
  };

  Status Number(const YAML::Node& map, const char* key, const std::string& path, const Range& range,
                double* out) const {
    std::string text;
    AIRM_RETURN_IF_ERROR(Scalar(map, key, path, false, &text));
    if (!map[key]) return Status::Ok();
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    const bool ok = !text.empty() && *end == '\0' && std::isfinite(v) &&
                    (range.open_min ? v > range.min : v >= range.min) &&
                    (range.open_max ? v < range.max : v <= range.max);
    if (!ok) {
      char bounds[96];
      std::snprintf(bounds, sizeof bounds, "%s%g, %g%s", range.open_min ? "(" : "[", range.min,
                    range.max, range.open_max ? ")" : "]");
      return Error(map[key], path + "." + key,
                   "expected a number in " + std::string(bounds) + ", got '" + text + "'");
    }
    *out = v;
    return Status::Ok();
  }

  Status Count(const YAML::Node& map, const char* key, const std::string& path, long min, long max,
               int* out) const {
    std::string text;
    AIRM_RETURN_IF_ERROR(Scalar(map, key, path, false, &text));
    if (!map[key]) return Status::Ok();
    char* end = nullptr;
    const long n = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || n < min || n > max) {
      return Error(map[key], path + "." + key,
                   "expected a whole number from " + std::to_string(min) + " to " +
                       std::to_string(max) + ", got '" + text + "'");
    }
    *out = static_cast<int>(n);
    return Status::Ok();
  }

  // `learn:` of an alert rule, and its `when`: one comparison with `learned`.
  Status Learn(const YAML::Node& item, const std::string& item_path, AlertRule* rule) const {
    const YAML::Node node = item["learn"];
    const std::string path = item_path + ".learn";
    AIRM_RETURN_IF_ERROR(Map(node, path));
    AIRM_RETURN_IF_ERROR(
        Keys(node, path, {"from", "method", "k", "q", "min_windows", "windows", "until", "rows"}));
    LearnSpec spec;
    AIRM_RETURN_IF_ERROR(Scalar(node, "from", path, false, &spec.from));
    if (spec.from != "backfill" && spec.from != "reference") {
      return Error(node["from"], path + ".from",
                   "expected backfill (the schedule's earlier stored windows) or reference "
                   "(chunks of the monitor's reference), got '" +
                       spec.from + "'");
    }
    // Each source has its own span keys: windows/until pick stored windows,
    // rows sizes the reference's chunks.
    for (const char* key : spec.from == "reference" ? std::vector<const char*>{"windows", "until"}
                                                    : std::vector<const char*>{"rows"}) {
      if (node[key]) {
        return Error(node[key], path + "." + key,
                     std::string(key) +
                         " is for from: " + (spec.from == "reference" ? "backfill" : "reference") +
                         "; from: " + spec.from +
                         (spec.from == "reference" ? " takes rows (the chunk size)"
                                                   : " takes windows and until"));
      }
    }
    int rows = 0;
    AIRM_RETURN_IF_ERROR(Count(node, "rows", path, 2, 1000000000, &rows));
    spec.rows = rows;
    std::string method = "mean_sigma";
    AIRM_RETURN_IF_ERROR(Scalar(node, "method", path, false, &method));
    if (method == "quantile") {
      spec.method = LearnMethod::kQuantile;
    } else if (method != "mean_sigma") {
      return Error(node["method"], path + ".method",
                   "expected mean_sigma or quantile, got '" + method + "'");
    }
    if (spec.method == LearnMethod::kMeanSigma && node["q"]) {
      return Error(node["q"], path + ".q", "q is for method: quantile; mean_sigma takes k");
    }
    if (spec.method == LearnMethod::kQuantile && node["k"]) {
      return Error(node["k"], path + ".k", "k is for method: mean_sigma; quantile takes q");
    }
    AIRM_RETURN_IF_ERROR(Number(node, "k", path, {.min = 0, .max = 10, .open_min = true}, &spec.k));
    AIRM_RETURN_IF_ERROR(Number(
        node, "q", path, {.min = 0.5, .max = 1, .open_min = true, .open_max = true}, &spec.q));
    AIRM_RETURN_IF_ERROR(Count(node, "min_windows", path, 2, 1000, &spec.min_windows));
    AIRM_RETURN_IF_ERROR(Count(node, "windows", path, 2, 100000, &spec.windows));
    if (spec.windows > 0 && spec.windows < spec.min_windows) {
      return Error(node["windows"], path + ".windows",
                   "learning from the last " + std::to_string(spec.windows) +
                       " windows can never reach min_windows " + std::to_string(spec.min_windows));
    }
    std::string until;
    AIRM_RETURN_IF_ERROR(Scalar(node, "until", path, false, &until));
    if (node["until"]) {
      std::optional<std::string> canonical = store::ParseIso8601(until);
      if (!canonical) {
        return Error(node["until"], path + ".until",
                     "expected an ISO 8601 date or date-time, got '" + until + "'");
      }
      spec.until = *canonical;
    }
    auto comparison = GatePlaceholder(rule->when, "learned");
    if (!comparison.ok())
      return Error(item["when"], item_path + ".when", comparison.status().message());
    if (!*comparison || (*comparison)->op == "==") {
      return Error(item["when"], item_path + ".when",
                   "with learn, expected one comparison with the learned threshold: PATH > "
                   "learned, PATH < learned, or PATH != learned (outside the learned band), got '" +
                       rule->when + "'");
    }
    rule->learned_path = (*comparison)->path;
    rule->learned_op = (*comparison)->op;
    rule->learned_side = rule->learned_op == "!="     ? ThresholdSide::kBoth
                         : rule->learned_op[0] == '<' ? ThresholdSide::kLower
                                                      : ThresholdSide::kUpper;
    rule->learn = spec;
    return Status::Ok();
  }

  // `fdr: 0.05` or `fdr: {level: 0.05, windows: 8}`.
  Status Fdr(const YAML::Node& monitor, const std::string& path, FdrSpec* out) const {
    const YAML::Node node = monitor["fdr"];
    if (node.IsScalar()) {
      return Number(monitor, "fdr", path, {.min = 0, .max = 1, .open_min = true, .open_max = true},
                    &out->level);
    }
    AIRM_RETURN_IF_ERROR(Map(node, path + ".fdr"));
    AIRM_RETURN_IF_ERROR(Keys(node, path + ".fdr", {"level", "windows"}));
    if (!node["level"]) return Error(node, path + ".fdr.level", "required key is missing");
    AIRM_RETURN_IF_ERROR(Number(node, "level", path + ".fdr",
                                {.min = 0, .max = 1, .open_min = true, .open_max = true},
                                &out->level));
    return Count(node, "windows", path + ".fdr", 1, 100000, &out->windows);
  }

  Status Alerts(const YAML::Node& node, const std::string& path,
                std::vector<AlertRule>* out) const {
    if (!node.IsSequence()) return Error(node, path, "expected a list of alert rules");
    for (size_t i = 0; i < node.size(); ++i) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      const YAML::Node item = node[i];
      AIRM_RETURN_IF_ERROR(Map(item, item_path));
      AIRM_RETURN_IF_ERROR(
          Keys(item, item_path, {"name", "when", "severity", "for", "repeat", "learn"}));
      AlertRule rule;
      AIRM_RETURN_IF_ERROR(Scalar(item, "name", item_path, true, &rule.name));
      AIRM_RETURN_IF_ERROR(Scalar(item, "when", item_path, true, &rule.when));
      std::string severity = "warning";
      AIRM_RETURN_IF_ERROR(Scalar(item, "severity", item_path, false, &severity));
      if (severity == "info") {
        rule.severity = Severity::kInfo;
      } else if (severity == "warning") {
        rule.severity = Severity::kWarning;
      } else if (severity == "critical") {
        rule.severity = Severity::kCritical;
      } else {
        return Error(item["severity"], item_path + ".severity",
                     "expected info, warning or critical, got '" + severity + "'");
      }
      std::string for_text = "1";
      AIRM_RETURN_IF_ERROR(Scalar(item, "for", item_path, false, &for_text));
      char* end = nullptr;
      const long n = std::strtol(for_text.c_str(), &end, 10);
      if (for_text.empty() || *end != '\0' || n < 1 || n > 1000) {
        return Error(item["for"], item_path + ".for",
                     "expected a number of windows from 1 to 1000, got '" + for_text + "'");
      }
      rule.for_windows = static_cast<int>(n);
      std::string repeat;
      AIRM_RETURN_IF_ERROR(Scalar(item, "repeat", item_path, false, &repeat));
      if (!repeat.empty()) {
        std::optional<int64_t> seconds = ParseDurationSeconds(repeat);
        if (!seconds || *seconds < 60) {
          return Error(item["repeat"], item_path + ".repeat",
                       "expected a duration of at least a minute such as 30m, 12h or 7d, got '" +
                           repeat + "'");
        }
        rule.repeat_seconds = *seconds;
      }
      if (item["learn"]) {
        AIRM_RETURN_IF_ERROR(Learn(item, item_path, &rule));
      } else if (MentionsPlaceholder(rule.when, "learned")) {
        return Error(item["when"], item_path + ".when",
                     "compares with 'learned' but the rule has no learn: {method: mean_sigma, k: "
                     "3} or {method: quantile, q: 0.99}");
      }
      for (const AlertRule& r : *out) {
        if (r.name == rule.name) {
          return Error(item, item_path + ".name", "alert '" + rule.name + "' is declared twice");
        }
      }
      out->push_back(std::move(rule));
    }
    return Status::Ok();
  }

  Result<MonitorSpec> Monitor(const YAML::Node& node, const std::string& path) const {
    AIRM_RETURN_IF_ERROR(Map(node, path));
    AIRM_RETURN_IF_ERROR(Keys(node, path,
                              {"name", "model", "reference", "current", "roles", "time_zone",
                               "start", "schedules", "alerts", "fdr"}));
    MonitorSpec m;
    m.line = std::max(node.Mark().line, 0) + 1;
    AIRM_RETURN_IF_ERROR(Scalar(node, "name", path, true, &m.name));
    Status name_ok = store::ValidateName(m.name, "monitor name");
    if (!name_ok.ok()) return Error(node["name"], path + ".name", name_ok.message());
    AIRM_RETURN_IF_ERROR(Scalar(node, "model", path, false, &m.model));

    const YAML::Node reference = node["reference"];
    if (!reference) return Error(node, path + ".reference", "required key is missing");
    AIRM_RETURN_IF_ERROR(Map(reference, path + ".reference"));
    AIRM_RETURN_IF_ERROR(Keys(reference, path + ".reference", {"file", "dataset"}));
    AIRM_RETURN_IF_ERROR(Scalar(reference, "file", path + ".reference", false, &m.reference.file));
    AIRM_RETURN_IF_ERROR(
        Scalar(reference, "dataset", path + ".reference", false, &m.reference.dataset));
    if (m.reference.file.empty() == m.reference.dataset.empty()) {
      return Error(reference, path + ".reference", "expected exactly one of file or dataset");
    }

    const YAML::Node current = node["current"];
    if (!current) return Error(node, path + ".current", "required key is missing");
    AIRM_RETURN_IF_ERROR(Map(current, path + ".current"));
    AIRM_RETURN_IF_ERROR(
        Keys(current, path + ".current",
             {"files", "timestamp", "predictions", "sqlite", "postgres", "query"}));
    std::string predictions = "false";
    AIRM_RETURN_IF_ERROR(Scalar(current, "predictions", path + ".current", false, &predictions));
    if (predictions != "true" && predictions != "false") {
      return Error(current["predictions"], path + ".current.predictions",
                   "expected true or false, got '" + predictions + "'");
    }
    m.current.predictions = predictions == "true";
    if (current["sqlite"] || current["postgres"] || current["query"]) {
      if (m.current.predictions || current["files"] || current["timestamp"] ||
          (current["sqlite"] && current["postgres"])) {
        return Error(current, path + ".current",
                     "expected one source: files with timestamp, predictions: true, or sqlite "
                     "or postgres with query");
      }
      if (current["postgres"]) {
        AIRM_RETURN_IF_ERROR(
            Scalar(current, "postgres", path + ".current", true, &m.current.postgres));
        if (!store::IsPostgresUrl(m.current.postgres)) {
          return Error(current["postgres"], path + ".current.postgres",
                       "expected a postgresql:// URL");
        }
      } else {
        AIRM_RETURN_IF_ERROR(Scalar(current, "sqlite", path + ".current", true, &m.current.sqlite));
      }
      AIRM_RETURN_IF_ERROR(Scalar(current, "query", path + ".current", true, &m.current.query));
      const bool has_start = m.current.query.find(":start") != std::string::npos;
      const bool has_end = m.current.query.find(":end") != std::string::npos;
      if (!has_start || !has_end) {
        return Error(current["query"], path + ".current.query",
                     "the query must select one window's rows with the parameters :start and "
                     ":end (or :start_epoch and :end_epoch)");
      }
    } else if (m.current.predictions) {
      if (current["files"] || current["timestamp"]) {
        return Error(current, path + ".current",
                     "expected either predictions: true or files with timestamp, not both");
      }
      if (m.model.empty()) {
        return Error(current, path + ".current.predictions",
                     "the prediction log needs the monitor's model (key 'model')");
      }
    } else {
      AIRM_RETURN_IF_ERROR(Scalar(current, "files", path + ".current", true, &m.current.files));
      AIRM_RETURN_IF_ERROR(
          Scalar(current, "timestamp", path + ".current", true, &m.current.timestamp));
    }

    if (node["roles"]) AIRM_RETURN_IF_ERROR(Roles(node["roles"], path + ".roles", &m.roles));

    AIRM_RETURN_IF_ERROR(Scalar(node, "time_zone", path, false, &m.time_zone));
    if (std::optional<int> offset = ParseUtcOffset(m.time_zone)) {
      m.zone = *offset;
    } else {
      Result<TimeZone> named = TimeZone::Named(m.time_zone);
      if (!named.ok()) {
        return Error(node["time_zone"], path + ".time_zone",
                     "expected UTC, a fixed offset like +02:00 or an IANA time zone name like "
                     "Europe/Paris, got '" +
                         m.time_zone + "' (" + named.status().message() + ")");
      }
      m.zone = *named;
    }

    std::string start;
    AIRM_RETURN_IF_ERROR(Scalar(node, "start", path, true, &start));
    std::optional<std::string> canonical = store::ParseIso8601(start);
    if (!canonical) {
      return Error(node["start"], path + ".start",
                   "expected an ISO 8601 date or date-time with a zone, got '" + start + "'");
    }
    m.start = *canonical;

    if (!node["schedules"]) return Error(node, path + ".schedules", "required key is missing");
    AIRM_RETURN_IF_ERROR(Schedules(node["schedules"], path + ".schedules", &m.schedules));
    for (const Schedule& s : m.schedules) {
      if (s.analysis != Analysis::kEvaluation) continue;
      if (m.roles.target.size() != 1 ||
          (m.roles.prediction.size() != 1 && m.roles.score.size() != 1)) {
        return Error(node["schedules"], path + ".schedules",
                     "an evaluation schedule needs roles.target and roles.prediction or "
                     "roles.score (one column each)");
      }
    }
    if (node["alerts"]) AIRM_RETURN_IF_ERROR(Alerts(node["alerts"], path + ".alerts", &m.alerts));
    if (node["fdr"]) {
      FdrSpec fdr;
      AIRM_RETURN_IF_ERROR(Fdr(node, path, &fdr));
      if (std::none_of(m.schedules.begin(), m.schedules.end(),
                       [](const Schedule& s) { return s.analysis == Analysis::kDrift; })) {
        return Error(node["fdr"], path + ".fdr",
                     "false-discovery control applies to drift schedules; this monitor has none");
      }
      m.fdr = fdr;
    }
    return m;
  }

 private:
  const std::string& source_;
};

}  // namespace

Result<MonitorsConfig> ParseMonitorsConfig(const std::string& text, const std::string& source) {
  MonitorsConfig config;
  config.source = source;
  EntryReader reader(source);
  try {
    YAML::Node doc = YAML::Load(text);
    if (!doc || doc.IsNull()) return config;
    if (!doc.IsMap()) return reader.Error(doc, "(top level)", "expected a mapping");
    const YAML::Node monitors = doc["monitors"];
    if (!monitors || monitors.IsNull()) return config;
    if (!monitors.IsSequence()) return reader.Error(monitors, "monitors", "expected a list");
    for (size_t i = 0; i < monitors.size(); ++i) {
      const std::string path = "monitors[" + std::to_string(i) + "]";
      AIRM_ASSIGN_OR_RETURN(MonitorSpec m, reader.Monitor(monitors[i], path));
      if (config.Find(m.name) != nullptr) {
        return reader.Error(monitors[i]["name"], path + ".name",
                            "monitor '" + m.name + "' is declared twice");
      }
      config.monitors.push_back(std::move(m));
    }
  } catch (const YAML::Exception& e) {
    return Status::ParseError(source + ":" + std::to_string(std::max(e.mark.line, 0) + 1) + ":" +
                              std::to_string(std::max(e.mark.column, 0) + 1) + ": " + e.msg);
  }
  return config;
}

Result<MonitorsConfig> LoadMonitorsConfig(const std::string& path) {
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, "workspace file"));
  return ParseMonitorsConfig(text, path);
}

}  // namespace airm::monitor
