// Monitors declared in the workspace file (airm.yaml, key `monitors:`).
//
//   monitors:
//     - name: credit-weekly
//       model: credit@1                 # optional; NAME@VERSION resolved in the store
//       reference: {file: data/ref.csv} # or {dataset: NAME@VERSION}
//       current:
//         files: batches/*.csv          # a glob, relative to the workspace
//         timestamp: event_time         # assigns each row to its window
//       # or: current: {predictions: true}  (the model's prediction log)
//       roles: {target: y, prediction: p, id: [id], segment: [region], ignore: [note]}
//       time_zone: Europe/Paris         # or UTC, or a fixed offset "+02:00"
//       start: 2026-01-05               # the first window starts at or after this time
//       schedules:
//         - {every: week, analysis: drift, vs_previous: true}  # every: day | week | month |
//         quarter
//         - {every: month, analysis: evaluation}
//       alerts:
//         - {name: input-drift, when: drift, severity: warning, for: 2, repeat: 1d}
//         - {name: x-shift, when: "columns.x.effect_size > learned",
//            learn: {method: mean_sigma, k: 3, min_windows: 8, until: 2026-03-02}}
//         - {name: x-ref, when: "columns.x.statistic > learned",
//            learn: {from: reference, method: quantile, q: 0.99, rows: 500}}
//       fdr: 0.05                       # BH across columns × windows (fdr_family.h)
//
// Windows are calendar-aligned in the time zone: days at midnight, ISO weeks
// on Monday, months on the 1st, quarters in January/April/July/October.
// `when` is the one --fail-on gate language (airm/gate.h), read on each
// window's result JSON; the drift aliases `drift`, `quality` and `any` work.
//
// Errors: a malformed file or an entry of the wrong shape is kParseError
// naming the file, the line and the key ("airm.yaml:7: monitors[0].schedules[0].every:
// expected day, week, month or quarter, got 'fortnight'"). Names are checked
// in the store later (RunMonitors), where the candidates are known.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/monitor/fdr_family.h"
#include "airm/monitor/learned_threshold.h"
#include "airm/monitor/time_zone.h"
#include "airm/schema.h"
#include "airm/status.h"

namespace airm::monitor {

enum class Cadence { kDay, kWeek, kMonth, kQuarter };
// "day", "week", "month", "quarter".
const char* CadenceName(Cadence cadence);

// kDrift: the window against the reference (AnalyzeDrift). kEvaluation: the
// window's labelled rows (target not null) evaluated (AnalyzeEvaluation),
// which needs roles.target and a prediction or score role.
enum class Analysis { kDrift, kEvaluation };
const char* AnalysisName(Analysis analysis);

struct Schedule {
  Cadence every = Cadence::kWeek;
  Analysis analysis = Analysis::kDrift;
  // Drift only (`vs_previous: true`): each window is also compared with the
  // previous calendar window ("vs last week"), stored in the window's result
  // under `previous` (`previous.columns.x.effect_size` in rules): from that
  // window's stored profile, without reading its rows again (its rows only
  // when it has none). `vs_previous: rows` compares the rows, exactly.
  bool vs_previous = false;
  bool vs_previous_rows = false;
  // `rolling: N` (2..366): each window covers the last N periods, computed
  // every period ("the last 4 weeks, every week"); 1 = calendar windows.
  int rolling = 1;
  // "week-drift" ("week-drift-rolling4" when rolling): the key windows of
  // this schedule are stored under.
  std::string Key() const;
};

enum class Severity { kInfo, kWarning, kCritical };
const char* SeverityName(Severity severity);

struct AlertRule {
  std::string name;
  std::string when;  // gate expression
  Severity severity = Severity::kWarning;
  int for_windows = 1;  // consecutive windows the condition holds before firing
  // `repeat: 12h`: while the episode fires (not acknowledged, not silenced),
  // a reminder every this many seconds after it fired; 0 = none.
  int64_t repeat_seconds = 0;
  // `learn:` (airm/monitor/learned_threshold.h): `when` is one comparison
  // with the word `learned` ("columns.x.effect_size > learned"), whose value
  // is learned from earlier windows. learned_path / learned_op are that
  // comparison's path (as written) and operator; the side follows the
  // operator (> >= upper, < <= lower, != outside the band).
  std::optional<LearnSpec> learn = {};
  std::string learned_path = "";
  std::string learned_op = "";
  ThresholdSide learned_side = ThresholdSide::kUpper;

  // A learned rule's comparisons, one per side it fires on: the operator and
  // the bound of its `alert_thresholds` record it compares with ("lower" or
  // "upper"); `!=` is `<` lower and `>` upper. Empty without `learn`.
  struct LearnedBound {
    std::string op;
    std::string bound;
  };
  std::vector<LearnedBound> LearnedBounds() const;
};

struct ReferenceSpec {
  std::string file;     // a path (relative to the workspace root), or
  std::string dataset;  // a NAME@VERSION in the store
};

// Where a monitor's current data comes from: files, or (predictions: true)
// the store's prediction log of the monitor's model, by each prediction's
// logged time, with the features logged by `airm predictions log
// --store-features` and the output as column `prediction`.
//
// Or an SQL query on an SQLite file (`sqlite: data/events.db`, relative to
// the workspace), run once per window with the window's bounds bound as
// parameters: :start and :end (ISO 8601 UTC text, "2026-03-02T00:00:00Z"),
// :start_epoch and :end_epoch (seconds since the epoch); the query selects
// the rows of [start, end). Or the same on PostgreSQL (`postgres:
// postgresql://host/db`, a password from $PGPASSWORD or ~/.pgpass rather
// than the file), run in a read-only transaction.
struct CurrentSpec {
  std::string files;      // glob, relative to the workspace root
  std::string timestamp;  // the column assigning rows to windows (files only)
  bool predictions = false;
  std::string sqlite;    // an SQLite file, with `query`
  std::string postgres;  // or a PostgreSQL database (postgresql:// URL), with `query`
  std::string query;
};

struct MonitorSpec {
  std::string name;
  std::string model;  // "" = none
  ReferenceSpec reference;
  CurrentSpec current;
  RoleAssignment roles;
  TimeZone zone = {};  // what `time_zone` names: a fixed offset or an IANA zone
  std::string time_zone = "UTC";
  std::string start;  // canonical ISO 8601 UTC
  std::vector<Schedule> schedules;
  std::vector<AlertRule> alerts;
  // `fdr: 0.05` or `fdr: {level: 0.05, windows: 8}`: drift verdicts under
  // false-discovery control across columns × windows (airm/monitor/fdr_family.h).
  std::optional<FdrSpec> fdr;
  int line = 0;  // where the monitor starts in the file (1-based), for messages
};

struct MonitorsConfig {
  std::string source;  // the file, for messages
  std::vector<MonitorSpec> monitors;
  // nullptr when no monitor has this name.
  const MonitorSpec* Find(const std::string& name) const;
  std::vector<std::string> Names() const;
};

// Parses the `monitors:` key of a workspace file's text; `source` names the
// file in messages. A file without the key has no monitors (not an error).
Result<MonitorsConfig> ParseMonitorsConfig(const std::string& text, const std::string& source);

// Reads and parses `path` (ReadSmallFile).
Result<MonitorsConfig> LoadMonitorsConfig(const std::string& path);

// "90s", "30m", "12h", "7d", "2w" in seconds; nullopt otherwise.
std::optional<int64_t> ParseDurationSeconds(const std::string& text);

// Parses "UTC", "Z" or "+HH:MM" / "-HH:MM" into minutes east of UTC.
std::optional<int> ParseUtcOffset(const std::string& text);

}  // namespace airm::monitor
