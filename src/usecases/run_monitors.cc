#include "airm/usecases/run_monitors.h"

#include <glob.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>

#include "airm/alerting/channels.h"
#include "airm/drift.h"
#include "airm/evaluate.h"
#include "airm/governance/actor.h"
#include "airm/governance/audit_log.h"
#include "airm/governance/signing.h"
#include "airm/monitor/monitor_config.h"
#include "airm/monitor/window_rows.h"
#include "airm/monitor/windows.h"
#include "airm/profile.h"
#include "airm/profile_drift.h"
#include "airm/reader.h"
#include "airm/report.h"
#include "airm/report/estimated_performance.h"
#include "airm/store/datasets.h"
#include "airm/store/models.h"
#include "airm/store/monitor_run_lock.h"
#include "airm/store/monitor_window_profiles.h"
#include "airm/store/monitor_windows.h"
#include "airm/store/prediction_window.h"
#include "airm/store/reference.h"
#include "airm/store/timestamp.h"
#include "airm/usecases/incidents.h"
#include "airm/usecases/load_input.h"
#include "airm/usecases/run_drift.h"
#include "airm/version.h"
#include "governance_write.h"
#include "monitor_alerts.h"
#include "monitor_learning.h"
#include "monitor_merged_windows.h"
#include "monitor_reference_learning.h"
#include "monitor_workspace.h"
#include "sql_window_source.h"
#include "window_estimate.h"

namespace airm::usecases {

namespace fs = std::filesystem;
using alerting::Notification;
using monitor::MonitorSpec;
using monitor::Schedule;
using monitor::Window;

const std::map<std::string, std::vector<std::string>>& DriftWindowAliases() {
  return DriftGateAliases();
}

Status RunMonitorsOptions::Validate() const {
  if (!as_of.empty() && !store::ParseIso8601(as_of)) {
    return Status::InvalidArgument("--as-of: expected an ISO 8601 time with a zone, got '" + as_of +
                                   "'");
  }
  if (!backfill_from.empty() && !store::ParseIso8601(backfill_from)) {
    return Status::InvalidArgument("--backfill: expected an ISO 8601 date or time, got '" +
                                   backfill_from + "'");
  }
  if (!recompute_from.empty() && !store::ParseIso8601(recompute_from)) {
    return Status::InvalidArgument("--recompute: expected an ISO 8601 date or time, got '" +
                                   recompute_from + "'");
  }
  if (max_windows == 0) return Status::InvalidArgument("max_windows must be at least 1");
  return ValidateDriftConfig(drift);
}

namespace {

// A current-data file of a monitor. A run first reads each file's times
// only (first and last); the whole table is read when a window covers the
// file and released when a window no longer does, so a run holds the files
// of one window, not the whole glob (a year of daily files at 100,000 rows
// held 6.5 GB and scanned every row's time for every window).
struct CurrentFile {
  std::string path;
  InputInfo info;
  int64_t first = 0, last = -1;  // the earliest and latest row time; last < first: no rows
  size_t rows = 0;
  // The rows, read when a window first covers the file (a cache: windows
  // are computed one at a time, in time order within a schedule).
  mutable std::optional<Table> table;
  mutable std::vector<int64_t> times;  // each row's time, with the table
};

// Every file the glob matches, sorted; relative patterns are taken from the
// workspace root.
Result<std::vector<std::string>> GlobFiles(const std::string& pattern, const std::string& root) {
  const std::string full =
      fs::path(pattern).is_absolute() ? pattern : (fs::path(root) / pattern).string();
  glob_t matches{};
  const int rc = glob(full.c_str(), GLOB_ERR, nullptr, &matches);
  std::vector<std::string> files;
  if (rc == 0) {
    for (size_t i = 0; i < matches.gl_pathc; ++i) files.emplace_back(matches.gl_pathv[i]);
  }
  globfree(&matches);
  if (rc != 0 && rc != GLOB_NOMATCH) {
    return Status::IoError("current.files '" + pattern + "': cannot list " + full);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Holds the run lock for its lifetime. A holder given by the caller (the daemon, which holds the
// lock across runs) is re-entered and left held.
class LockGuard {
 public:
  LockGuard(store::Database& db, const store::RunLockHolder* caller)
      : db_(db), me_(caller ? *caller : internal::MakeRunLockHolder()), owned_(caller == nullptr) {}
  ~LockGuard() {
    if (held_ && owned_) (void)store::ReleaseMonitorRunLock(db_, me_);
  }
  Status Acquire() {
    AIRM_RETURN_IF_ERROR(store::AcquireMonitorRunLock(db_, me_, internal::RunLockHolderAlive));
    held_ = true;
    return Status::Ok();
  }

 private:
  store::Database& db_;
  store::RunLockHolder me_;
  bool owned_;
  bool held_ = false;
};

std::string Prefixed(const MonitorSpec& m, const std::string& what, const Status& s) {
  return "monitor '" + m.name + "' (airm.yaml line " + std::to_string(m.line) + "): " + what +
         ": " + s.message();
}

struct ResolvedReferences {
  std::string reference_path;
  int64_t model_version_id = 0;  // 0 without a model
};

// Resolves the monitor's store references.
Result<ResolvedReferences> ResolveReferences(store::Database& db, const MonitorSpec& m,
                                             const std::string& root) {
  std::string reference_path;
  int64_t model_version_id = 0;
  AIRM_RETURN_IF_ERROR(db.ReadTransaction([&](store::Database& tx) -> Status {
    if (!m.model.empty()) {
      AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(m.model));
      auto model = store::ResolveModelVersion(tx, ref);
      if (!model.ok()) return Status(model.status().code(), Prefixed(m, "model", model.status()));
      model_version_id = model->id;
    }
    if (!m.reference.dataset.empty()) {
      AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(m.reference.dataset));
      auto version = store::ResolveDatasetVersion(tx, ref);
      if (!version.ok()) {
        return Status(version.status().code(), Prefixed(m, "reference.dataset", version.status()));
      }
      if (!version->abs_path) {
        return Status::InvalidArgument(Prefixed(
            m, "reference.dataset",
            Status::NotFound(ref.ToString() + " has no local file to read (imported lineage)")));
      }
      reference_path = *version->abs_path;
    }
    return Status::Ok();
  }));
  if (reference_path.empty()) {
    reference_path = fs::path(m.reference.file).is_absolute()
                         ? m.reference.file
                         : (fs::path(root) / m.reference.file).string();
  }
  return ResolvedReferences{reference_path, model_version_id};
}

// The monitor's roles with its timestamp column, when the table has it.
RoleAssignment RolesFor(const MonitorSpec& m, const Table& table) {
  RoleAssignment roles = m.roles;
  if (table.FindColumn(m.current.timestamp) &&
      std::find(roles.timestamp.begin(), roles.timestamp.end(), m.current.timestamp) ==
          roles.timestamp.end()) {
    roles.timestamp.push_back(m.current.timestamp);
  }
  return roles;
}

// What one schedule needs to compute its windows.
struct MonitorData {
  int64_t model_version_id = 0;
  std::string scratch_dir;   // where a prediction-log or SQL window is staged for the reader
  std::string sqlite_path;   // current.sqlite, resolved against the workspace
  std::string postgres_url;  // current.postgres
  Table reference;
  InputInfo reference_info;
  std::optional<Profile> reference_profile;  // for windows merged from stored profiles
  bool current_loaded = false;  // the current source below is resolved and its files read
  std::vector<CurrentFile> files;
  std::string timestamp;  // current.timestamp, for the files' rows
};

Result<MonitorData> LoadMonitorData(store::Database& db, const MonitorSpec& m,
                                    const std::string& root, const RunMonitorsOptions& options) {
  MonitorData data;
  AIRM_ASSIGN_OR_RETURN(ResolvedReferences refs, ResolveReferences(db, m, root));
  const std::string& reference_path = refs.reference_path;
  data.model_version_id = refs.model_version_id;
  AIRM_ASSIGN_OR_RETURN(data.reference, LoadInput(reference_path, options.read,
                                                  &data.reference_info, options.progress));
  Status roles_ok = ApplyRoles(RolesFor(m, data.reference), reference_path, &data.reference);
  if (!roles_ok.ok()) return Status(roles_ok.code(), Prefixed(m, "roles", roles_ok));
  return data;
}

// Resolves the current source and reads its files, once, when a window
// needs rows (a window merged from stored profiles does not).
Status LoadCurrentSource(const MonitorSpec& m, const std::string& root,
                         const RunMonitorsOptions& options, MonitorData* data) {
  if (data->current_loaded) return Status::Ok();
  data->current_loaded = true;
  data->timestamp = m.current.timestamp;
  if (m.current.predictions) return Status::Ok();
  if (!m.current.postgres.empty()) {
    data->postgres_url = m.current.postgres;
    return Status::Ok();
  }
  if (!m.current.sqlite.empty()) {
    data->sqlite_path = fs::path(m.current.sqlite).is_absolute()
                            ? m.current.sqlite
                            : (fs::path(root) / m.current.sqlite).string();
    return Status::Ok();
  }
  AIRM_ASSIGN_OR_RETURN(std::vector<std::string> paths, GlobFiles(m.current.files, root));
  // The timestamp column alone (the others parsed and dropped); one absent
  // is RowTimes' error, as with the whole table.
  ReadOptions times_only = options.read;
  times_only.columns = {m.current.timestamp};
  times_only.missing_columns = ReadOptions::MissingColumns::kSkip;
  for (const std::string& path : paths) {
    CurrentFile file;
    file.path = path;
    AIRM_ASSIGN_OR_RETURN(Table table, LoadInput(path, times_only, &file.info, options.progress));
    AIRM_ASSIGN_OR_RETURN(std::vector<int64_t> times,
                          monitor::RowTimes(table, m.current.timestamp, path));
    file.rows = times.size();
    if (!times.empty()) {
      const auto [first, last] = std::minmax_element(times.begin(), times.end());
      file.first = *first;
      file.last = *last;
    }
    data->files.push_back(std::move(file));
  }
  return Status::Ok();
}

// The window's analysis; nullopt result JSON for an empty window.
struct WindowAnalysis {
  int64_t rows = 0;
  std::optional<std::string> result_json;
  std::string inputs_json = "[]";
  std::optional<bool> input_drift, output_drift;
  // vs_previous: whether an earlier window with rows was compared, which, and its verdict.
  bool previous_available = true;
  std::optional<std::string> previous_label;
  std::optional<bool> input_drift_vs_previous;
  // Evaluation windows: whether the result holds a CBPE estimate, and whether
  // it holds only that (no labelled rows yet: status "estimated").
  bool estimate_available = false;
  bool estimated_only = false;
  // A calendar drift window's mergeable profile (SerializeProfile), stored
  // with it; nullopt for other windows and for an empty one.
  bool store_profile = false;
  std::optional<std::string> profile;
};

// The window's rows from the files: each file's rows whose time falls in it.
// Files the window covers are read whole and kept; files that end before it
// are released (windows move forward in time; a vs_previous window reads the
// window before, whose files the next window's previous needs again).
Result<Table> FileWindowTable(const MonitorData& data, const Window& w, const ReadOptions& read,
                              WindowAnalysis* out) {
  std::vector<monitor::RowSource> sources;
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
  for (const CurrentFile& f : data.files) {
    if (f.last < w.start) {
      f.table.reset();
      f.times = {};
      continue;
    }
    if (f.first >= w.end) continue;
    if (!f.table) {
      AIRM_ASSIGN_OR_RETURN(Table table, ReadTable(f.path, read));
      AIRM_ASSIGN_OR_RETURN(f.times, monitor::RowTimes(table, data.timestamp, f.path));
      if (f.times.size() != f.rows) {
        return Status::IoError(f.path + ": the file changed while the run read it (" +
                               std::to_string(f.rows) + " rows, then " +
                               std::to_string(f.times.size()) + "); run again once it is complete");
      }
      f.table = std::move(table);
    }
    monitor::RowSource source{.table = &*f.table, .source = f.path, .rows = {}};
    for (size_t row = 0; row < f.times.size(); ++row) {
      if (f.times[row] >= w.start && f.times[row] < w.end) source.rows.push_back(row);
    }
    if (source.rows.empty()) continue;
    out->rows += static_cast<int64_t>(source.rows.size());
    inputs.push_back({{"path", f.path}, {"sha256", f.info.sha256}, {"rows", source.rows.size()}});
    sources.push_back(std::move(source));
  }
  out->inputs_json = inputs.dump();
  return monitor::GatherRows(sources);
}

// Stored text as JSON: a number when the whole text is one, else the text.
nlohmann::ordered_json NumberOrText(const std::string& text) {
  std::optional<double> v = internal::NumberOf(text);
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(text);
}

// Rows gathered as JSON Lines (a prediction log's, an SQL query's), staged in
// the store's scratch folder so the one reader infers the column types as it
// does for files.
Result<Table> ReadStagedJsonl(const MonitorData& data, const std::string& lines,
                              const ReadOptions& read) {
  std::error_code ec;
  fs::create_directories(data.scratch_dir, ec);
  const std::string staged =
      (fs::path(data.scratch_dir) / ("monitor-window-" + std::to_string(getpid()) + ".jsonl"))
          .string();
  AIRM_RETURN_IF_ERROR(WriteFileAtomically(staged, lines));
  Result<Table> table = ReadTable(staged, read);
  fs::remove(staged, ec);
  return table;
}

// The window's rows from the model's prediction log: the logged features and
// the output (column `prediction`), staged as JSON Lines so the one reader
// infers the column types as it does for files.
Result<Table> PredictionWindowTable(store::Database& db, const MonitorData& data,
                                    const MonitorSpec& m, const Window& w, const ReadOptions& read,
                                    WindowAnalysis* out) {
  std::string lines;
  int64_t labelled = 0;
  AIRM_RETURN_IF_ERROR(store::ForEachPredictionInWindow(
      db, data.model_version_id, monitor::SecondsToCanonical(w.start),
      monitor::SecondsToCanonical(w.end), [&](const store::LoggedPrediction& p) -> Status {
        if (!p.features_json) {
          return Status::InvalidArgument(
              "monitor '" + m.name + "': prediction '" + p.prediction_id + "' of " + m.model +
              " was logged without its features; log predictions with --store-features to "
              "monitor them");
        }
        nlohmann::ordered_json row =
            nlohmann::ordered_json::parse(*p.features_json, nullptr, false);
        if (!row.is_object()) {
          return Status::Corrupt("prediction '" + p.prediction_id +
                                 "': stored features are not a "
                                 "JSON object");
        }
        if (p.output) {
          row["prediction"] = NumberOrText(*p.output);
        }
        // A late label becomes the target column (roles.target, else "label").
        const std::string label_column = m.roles.target.empty() ? "label" : m.roles.target[0];
        if (p.label) {
          row[label_column] = NumberOrText(*p.label);
          ++labelled;
        } else {
          row[label_column] = nullptr;
        }
        lines += row.dump() + "\n";
        ++out->rows;
        return Status::Ok();
      }));
  // The labelled count is part of the inputs: late labels change them, so
  // --recompute stores the window's next version.
  out->inputs_json =
      nlohmann::ordered_json::array(
          {{{"path", "predictions of " + m.model}, {"rows", out->rows}, {"labelled", labelled}}})
          .dump();
  if (out->rows == 0) return Table();
  return ReadStagedJsonl(data, lines, read);
}

// The window's rows from the monitor's SQL query on SQLite or PostgreSQL,
// the window's bounds bound as parameters.
Result<Table> SqlWindowTable(const MonitorData& data, const MonitorSpec& m, const Window& w,
                             const ReadOptions& read, WindowAnalysis* out) {
  const bool postgres = !data.postgres_url.empty();
  AIRM_ASSIGN_OR_RETURN(
      internal::SqlWindowRows rows,
      postgres ? internal::QueryPostgresWindow(data.postgres_url, m.current.query, w.start, w.end)
               : internal::QuerySqliteWindow(data.sqlite_path, m.current.query, w.start, w.end));
  out->rows = rows.rows;
  const std::string source =
      postgres ? store::RedactPostgresUrl(data.postgres_url) : data.sqlite_path;
  out->inputs_json = nlohmann::ordered_json::array(
                         {{{"path", source}, {"query", m.current.query}, {"rows", rows.rows}}})
                         .dump();
  if (out->rows == 0) return Table();
  return ReadStagedJsonl(data, rows.jsonl, read);
}

ReportMeta WindowMeta(const MonitorSpec& m) {
  return {.airm_version = AIRM_VERSION,
          .generated_at = store::UtcNow(),
          .command_line = "airm monitor run (" + m.name + ")"};
}

InputInfo WindowInputInfo(const MonitorSpec& m, const Window& w, const Table& table) {
  return {.path = (m.current.predictions       ? "predictions of " + m.model
                   : !m.current.sqlite.empty() ? "query on " + m.current.sqlite
                   : !m.current.postgres.empty()
                       ? "query on " + store::RedactPostgresUrl(m.current.postgres)
                       : m.current.files) +
                  " [" + w.label + "]",
          .sha256 = "",
          .rows = table.num_rows(),
          .columns = table.num_columns(),
          .bytes = 0};
}

// An evaluation window: its rows with a label (late labels arrive as a null
// target until they are known), evaluated, and every row with a score
// estimated by CBPE (calibrated on the reference). No labelled row: the
// estimate alone (status "estimated"), or empty when CBPE does not apply.
Status EvaluateWindow(const Table& reference, const InputInfo& reference_info, const MonitorSpec& m,
                      const Window& w, const Table& current, WindowAnalysis* out) {
  const std::string& target = m.roles.target[0];
  std::optional<size_t> target_idx = current.FindColumn(target);
  if (!target_idx) {
    return Status::InvalidArgument("monitor '" + m.name + "' window " + w.label +
                                   ": the target column '" + target + "' is not in the data");
  }
  EvalSpec spec;
  spec.target = target;
  spec.score = m.roles.score.empty() ? "" : m.roles.score[0];
  spec.prediction = m.roles.prediction.empty() ? "" : m.roles.prediction[0];
  EvalConfig config;
  config.segment_columns = m.roles.segment;
  config.sensitive_columns = m.roles.sensitive;
  AIRM_ASSIGN_OR_RETURN(
      EstimatedPerformance estimated,
      internal::EstimateWindowPerformance(reference, current, spec, config,
                                          "monitor '" + m.name + "' window " + w.label));
  out->estimate_available = estimated.status == "ok";

  monitor::RowSource labelled{.table = &current, .source = w.label, .rows = {}};
  for (size_t row = 0; row < current.num_rows(); ++row) {
    if (current.column(*target_idx).IsValid(row)) labelled.rows.push_back(row);
  }
  out->rows = static_cast<int64_t>(labelled.rows.size());
  if (labelled.rows.empty()) {
    if (!out->estimate_available) return Status::Ok();
    out->estimated_only = true;
    out->rows = static_cast<int64_t>(estimated.rows);
    out->result_json = report::RenderPerformanceEstimateDocument(
        estimated, WindowInputInfo(m, w, current), reference_info, WindowMeta(m));
    return Status::Ok();
  }
  AIRM_ASSIGN_OR_RETURN(Table rows, monitor::GatherRows(std::span(&labelled, 1)));
  for (size_t i = 0; i < current.num_columns(); ++i) rows.set_role(i, current.role(i));
  Result<EvalResult> result = AnalyzeEvaluation(rows, &reference, spec, config);
  if (!result.ok()) {
    return Status(result.status().code(),
                  "monitor '" + m.name + "' window " + w.label + ": " + result.status().message());
  }
  result->data = WindowInputInfo(m, w, rows);
  result->reference = reference_info;
  // The realized metrics of the labelled rows and, beside them, the estimate
  // over all scored rows: where labels are complete the two can be compared.
  nlohmann::ordered_json doc =
      nlohmann::ordered_json::parse(RenderEvalJson(*result, WindowMeta(m)));
  doc["estimated"] =
      nlohmann::ordered_json::parse(report::RenderEstimatedPerformanceJson(estimated));
  out->result_json = doc.dump(2);
  return Status::Ok();
}

// The window's rows with the reference's roles, the timestamp column never a
// feature. Counts rows and inputs into *out.
Result<Table> LoadWindowTable(store::Database& db, const MonitorData& data, const MonitorSpec& m,
                              const Window& w, const RunMonitorsOptions& options,
                              WindowAnalysis* out) {
  Result<Table> window_table =
      m.current.predictions      ? PredictionWindowTable(db, data, m, w, options.read, out)
      : !m.current.query.empty() ? SqlWindowTable(data, m, w, options.read, out)
                                 : FileWindowTable(data, w, options.read, out);
  if (!window_table.ok() || out->rows == 0) return window_table;
  Table current = std::move(window_table).value();
  for (size_t i = 0; i < data.reference.num_columns(); ++i) {
    auto j = current.FindColumn(data.reference.column(i).name());
    if (j) current.set_role(*j, data.reference.role(i));
  }
  // The column that assigns rows to windows is never a feature, even when
  // the reference lacks it.
  if (auto ts = current.FindColumn(m.current.timestamp)) {
    current.set_role(*ts, ColumnRole::kTimestamp);
  }
  return current;
}

// How far back `vs_previous` looks for a window with rows.
constexpr int kPreviousLookback = 52;

// `previous` of a vs_previous drift window: the window compared with the
// latest earlier window that has rows (the previous calendar window unless it
// was empty), from the monitor's start on. {"status": "none"} when there is
// none; rules on previous.* then do not step (no evidence, as an empty window).
// The previous window's stored profile: nullopt when that window has none
// (not computed yet, or by a version before profiles were stored); a record
// without a profile is an empty window.
Result<std::optional<store::WindowProfileRecord>> StoredProfileOf(store::Database& db,
                                                                  const MonitorSpec& m,
                                                                  const Schedule& s,
                                                                  const Window& w) {
  const std::string start = monitor::SecondsToCanonical(w.start);
  AIRM_ASSIGN_OR_RETURN(
      std::vector<store::WindowProfileRecord> stored,
      store::ListWindowProfiles(db, m.name, start, monitor::SecondsToCanonical(w.end)));
  for (store::WindowProfileRecord& r : stored) {
    if (r.schedule == s.Key() && r.window_start == start) {
      return std::optional<store::WindowProfileRecord>(std::move(r));
    }
  }
  return std::optional<store::WindowProfileRecord>();
}

// The keys of a drift report that `previous` carries.
nlohmann::ordered_json PreviousBlock(const DriftResult& result, const MonitorSpec& m,
                                     const Window& prev, int64_t rows, const char* compared) {
  nlohmann::ordered_json doc =
      nlohmann::ordered_json::parse(RenderDriftJson(result, WindowMeta(m)));
  nlohmann::ordered_json out = {{"status", "ok"},
                                {"window", prev.label},
                                {"window_start", monitor::SecondsToCanonical(prev.start)},
                                {"window_end", monitor::SecondsToCanonical(prev.end)},
                                {"rows", rows},
                                {"compared", compared}};
  for (const char* key : {"verdict", "columns", "outputs", "multivariate", "findings"}) {
    if (doc.contains(key)) out[key] = doc[key];
  }
  return out;
}

// `current_profile`: the window's own profile, to compare with the previous
// window's stored one (sketch to sketch, docs/statistics.md "Drift from
// sketches"); null compares rows.
Result<nlohmann::ordered_json> CompareWithPrevious(store::Database& db, const MonitorData& data,
                                                   const MonitorSpec& m, const Schedule& s,
                                                   const Window& w, const Table& current,
                                                   const Profile* current_profile,
                                                   const DriftConfig& config,
                                                   const RunMonitorsOptions& options) {
  const int64_t start = monitor::CanonicalToSeconds(m.start);
  Window prev = w;
  for (int back = 0; back < kPreviousLookback; ++back) {
    prev = monitor::WindowContaining(prev.start - 1, s.every, m.zone);
    if (prev.end <= start) break;
    if (current_profile != nullptr) {
      AIRM_ASSIGN_OR_RETURN(std::optional<store::WindowProfileRecord> stored,
                            StoredProfileOf(db, m, s, prev));
      if (stored) {
        if (!stored->profile || stored->row_count == 0) continue;  // an empty window
        AIRM_ASSIGN_OR_RETURN(Profile previous, DeserializeProfile(*stored->profile));
        AIRM_ASSIGN_OR_RETURN(DriftResult result,
                              CompareProfiles(previous, *current_profile, config));
        result.reference = {.path = "the stored profile of window " + prev.label,
                            .sha256 = "",
                            .rows = static_cast<uint64_t>(stored->row_count),
                            .columns = previous.columns.size()};
        result.current = WindowInputInfo(m, w, current);
        return PreviousBlock(result, m, prev, stored->row_count, "stored profiles");
      }
    }
    WindowAnalysis counted;
    AIRM_ASSIGN_OR_RETURN(Table previous, LoadWindowTable(db, data, m, prev, options, &counted));
    if (counted.rows == 0) continue;
    AIRM_ASSIGN_OR_RETURN(DriftResult result,
                          AnalyzeDrift(previous, current, config, DefaultQualityThresholds()));
    result.reference = WindowInputInfo(m, prev, previous);
    result.current = WindowInputInfo(m, w, current);
    return PreviousBlock(result, m, prev, counted.rows, "rows");
  }
  return nlohmann::ordered_json{{"status", "none"},
                                {"note", "no earlier window with rows to compare with"}};
}

// The drift options of a monitor's windows: the run's, its ignored columns excluded.
DriftConfig MonitorDriftConfig(const MonitorSpec& m, const RunMonitorsOptions& options) {
  DriftConfig config = options.drift;
  config.exclude.insert(config.exclude.end(), m.roles.ignore.begin(), m.roles.ignore.end());
  return config;
}

// The schedule's analysis of `current` against `reference`: drift, or the
// evaluation of the labelled rows beside the CBPE estimate. The one path both
// a window and a reference chunk (learn: {from: reference}) are computed by.
Status AnalyzeRows(const Table& reference, const InputInfo& reference_info, const MonitorSpec& m,
                   const Schedule& s, const Window& w, const Table& current,
                   const RunMonitorsOptions& options, WindowAnalysis* out) {
  if (s.analysis == monitor::Analysis::kEvaluation) {
    return EvaluateWindow(reference, reference_info, m, w, current, out);
  }
  AIRM_ASSIGN_OR_RETURN(
      DriftResult result,
      AnalyzeDrift(reference, current, MonitorDriftConfig(m, options), DefaultQualityThresholds()));
  result.reference = reference_info;
  result.current = WindowInputInfo(m, w, current);
  out->input_drift = result.input_verdict.drifted;
  if (!result.output_columns.empty()) out->output_drift = result.output_verdict.drifted;
  out->result_json = RenderDriftJson(result, WindowMeta(m));
  return Status::Ok();
}

Result<WindowAnalysis> AnalyzeWindow(store::Database& db, const MonitorData& data,
                                     const MonitorSpec& m, const Schedule& s, const Window& w,
                                     const RunMonitorsOptions& options) {
  WindowAnalysis out;
  // Rolling windows overlap, so only calendar windows tile longer ones.
  out.store_profile = s.analysis == monitor::Analysis::kDrift && s.rolling == 1;
  AIRM_ASSIGN_OR_RETURN(Table current, LoadWindowTable(db, data, m, w, options, &out));
  if (out.rows == 0) return out;
  AIRM_RETURN_IF_ERROR(
      AnalyzeRows(data.reference, data.reference_info, m, s, w, current, options, &out));
  if (s.analysis == monitor::Analysis::kEvaluation) return out;
  const DriftConfig config = MonitorDriftConfig(m, options);
  std::optional<Profile> profile;
  if (out.store_profile) {
    AIRM_ASSIGN_OR_RETURN(profile, ProfileTable(current));
    out.profile = SerializeProfile(*profile);
  }
  if (s.vs_previous) {
    const Profile* compare_profile = s.vs_previous_rows || !profile ? nullptr : &*profile;
    AIRM_ASSIGN_OR_RETURN(
        nlohmann::ordered_json previous,
        CompareWithPrevious(db, data, m, s, w, current, compare_profile, config, options));
    out.previous_available = previous["status"] == "ok";
    if (out.previous_available) {
      out.previous_label = previous["window"].get<std::string>();
      const auto& drifted = previous["verdict"]["input_drift"]["drifted"];
      if (drifted.is_boolean()) out.input_drift_vs_previous = drifted.get<bool>();
    }
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(*out.result_json);
    doc["previous"] = std::move(previous);
    out.result_json = doc.dump(2);
  }
  return out;
}

// A month's or a quarter's drift window from the stored profiles of shorter
// windows that tile it (monitor_merged_windows.h), without reading its rows:
// drift from the profiles (CompareProfiles). nullopt when none tile it, for
// evaluation and rolling windows, and with vs_previous (which compares rows).
Result<std::optional<WindowAnalysis>> MergedDriftWindow(store::Database& db, MonitorData& data,
                                                        const MonitorSpec& m, const Schedule& s,
                                                        const Window& w,
                                                        const RunMonitorsOptions& options) {
  if (s.analysis != monitor::Analysis::kDrift || s.rolling != 1 || s.vs_previous) {
    return std::optional<WindowAnalysis>();
  }
  AIRM_ASSIGN_OR_RETURN(
      std::optional<internal::MergedWindowProfile> merged,
      internal::MergeStoredProfiles(db, m.name, s.Key(), monitor::SecondsToCanonical(w.start),
                                    monitor::SecondsToCanonical(w.end)));
  if (!merged) return std::optional<WindowAnalysis>();
  WindowAnalysis out;
  out.store_profile = true;
  out.rows = merged->rows;
  out.inputs_json =
      nlohmann::ordered_json::array(
          {{{"merged", merged->schedule}, {"windows", merged->windows}, {"rows", merged->rows}}})
          .dump();
  if (!merged->profile || merged->rows == 0) return std::optional<WindowAnalysis>(std::move(out));
  if (!data.reference_profile) {
    AIRM_ASSIGN_OR_RETURN(data.reference_profile, ProfileTable(data.reference));
  }
  AIRM_ASSIGN_OR_RETURN(
      DriftResult result,
      CompareProfiles(*data.reference_profile, *merged->profile, MonitorDriftConfig(m, options)));
  result.reference = data.reference_info;
  result.current = {.path = "merged profiles of " + std::to_string(merged->windows) + " " +
                            merged->schedule + " windows [" + w.label + "]",
                    .sha256 = "",
                    .rows = static_cast<size_t>(merged->rows),
                    .columns = merged->profile->columns.size(),
                    .bytes = 0};
  out.input_drift = result.input_verdict.drifted;
  if (!result.output_columns.empty()) out.output_drift = result.output_verdict.drifted;
  nlohmann::ordered_json doc =
      nlohmann::ordered_json::parse(RenderDriftJson(result, WindowMeta(m)));
  doc["merged_from"] = {{"schedule", merged->schedule}, {"windows", merged->windows}};
  out.result_json = doc.dump(2);
  out.profile = SerializeProfile(*merged->profile);
  return std::optional<WindowAnalysis>(std::move(out));
}

// The thresholds of the rules that learn from the reference (learn: {from:
// reference}): each reference chunk computed by the windows' own AnalyzeRows.
Status LearnReferenceThresholds(const MonitorData& data, const MonitorSpec& m, const Schedule& s,
                                const RunMonitorsOptions& options, const std::string& state_dir,
                                internal::ScheduleHistory* history) {
  const internal::ReferenceLearningInput input{
      .monitor = &m,
      .schedule = &s,
      .reference = &data.reference,
      .reference_info = &data.reference_info,
      .window_rows = history->window_rows(),
      .cache_dir = (fs::path(state_dir) / "learned-thresholds").string(),
      .fingerprint =
          std::string("domain_classifier=") + (options.drift.domain_classifier ? "1" : "0"),
      .analyze = [&](const Table& rest, const InputInfo& rest_info, const Table& chunk,
                     const std::string& label) -> Result<std::optional<std::string>> {
        WindowAnalysis analysis;
        AIRM_RETURN_IF_ERROR(
            AnalyzeRows(rest, rest_info, m, s, Window{.label = label}, chunk, options, &analysis));
        return analysis.result_json;
      }};
  AIRM_ASSIGN_OR_RETURN(auto thresholds, internal::LearnFromReference(input));
  history->SetReferenceThresholds(std::move(thresholds));
  return Status::Ok();
}

// The labelled count a prediction-log window recorded in its inputs; nullopt
// when it recorded none (another source, or an empty window).
std::optional<int64_t> StoredLabelledCount(const std::optional<std::string>& inputs_json) {
  if (!inputs_json) return std::nullopt;
  const nlohmann::json inputs = nlohmann::json::parse(*inputs_json, nullptr, false);
  if (!inputs.is_array() || inputs.size() != 1 || !inputs[0].is_object()) return std::nullopt;
  const auto found = inputs[0].find("labelled");
  if (found == inputs[0].end() || !found->is_number_integer()) return std::nullopt;
  return found->get<int64_t>();
}

// Late labels on the prediction log (`airm labels log`): every stored window
// of an evaluation schedule that has more labelled predictions now than when
// it was computed becomes due again (into *stored_inputs, as --recompute
// does); its next version is stored, the old one kept. Only windows computed
// before the latest label was attached are counted, so a run after which no
// label arrived asks the store one question and reads no data.
Status AddWindowsWithLateLabels(store::Database& db, const MonitorSpec& m, const Schedule& s,
                                int64_t model_version_id,
                                std::map<std::string, std::optional<std::string>>* stored_inputs) {
  AIRM_ASSIGN_OR_RETURN(std::optional<std::string> latest_label,
                        store::LatestLabelLoggedAt(db, model_version_id));
  if (!latest_label) return Status::Ok();
  AIRM_ASSIGN_OR_RETURN(std::vector<store::MonitorWindowRecord> stored,
                        store::ListMonitorWindows(db, m.name, s.Key()));
  for (const store::MonitorWindowRecord& r : stored) {
    // Seconds resolution: a label attached in the second the window was
    // computed may be newer, so equal times are counted too.
    if (stored_inputs->count(r.window_start) > 0 || r.computed_at > *latest_label) continue;
    AIRM_ASSIGN_OR_RETURN(
        int64_t labelled,
        store::CountLabelledInWindow(db, model_version_id, r.window_start, r.window_end));
    if (labelled != StoredLabelledCount(r.inputs_json).value_or(0)) {
      (*stored_inputs)[r.window_start] = r.inputs_json;
    }
  }
  return Status::Ok();
}

// Adds one window's queueing counts to the run's report.
void AddQueued(const alerting::DeliveryReport& window, alerting::DeliveryReport* run) {
  run->queued += window.queued;
  run->duplicates += window.duplicates;
  for (const alerting::ChannelSummary& c : window.channels) {
    auto summary =
        std::find_if(run->channels.begin(), run->channels.end(),
                     [&](const alerting::ChannelSummary& r) { return r.channel == c.channel; });
    if (summary == run->channels.end()) {
      run->channels.push_back(c);
      continue;
    }
    summary->queued += c.queued;
    summary->duplicates += c.duplicates;
  }
}

}  // namespace

namespace {

// Signs the audit entries of the incidents a run opens in its windows'
// transactions. Made once per run, and only when a monitor's model is in some
// system, so the usual run makes no audit key.
struct IncidentAudit {
  governance::Actor actor;
  governance::SigningKey key;
  std::string key_dir;
};

// Makes *audit when `m`'s model is linked by some system and it is not made yet.
Status PrepareIncidentAudit(store::Database& db, const OpenedStore& opened, const MonitorSpec& m,
                            std::optional<IncidentAudit>* audit) {
  if (audit->has_value() || m.model.empty()) return Status::Ok();
  AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(m.model));
  AIRM_ASSIGN_OR_RETURN(std::vector<governance::AiSystem> systems,
                        governance::SystemsLinkingModel(db, ref.name));
  if (systems.empty()) return Status::Ok();
  const std::string key_dir = internal::AuditKeyDir(opened.workspace);
  AIRM_ASSIGN_OR_RETURN(governance::Actor actor,
                        governance::ResolveActor(std::nullopt, opened.workspace.root));
  AIRM_ASSIGN_OR_RETURN(governance::SigningKey key, governance::SigningKey::LoadOrCreate(key_dir));
  audit->emplace(
      IncidentAudit{.actor = std::move(actor), .key = std::move(key), .key_dir = key_dir});
  return Status::Ok();
}

}  // namespace

Result<RunMonitorsResult> RunMonitors(const RunMonitorsOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(internal::MonitorWorkspace ws,
                        internal::OpenMonitorWorkspace(options.store));
  const OpenedStore& opened = ws.opened;
  std::vector<const MonitorSpec*> chosen;
  if (!options.monitor.empty()) {
    AIRM_ASSIGN_OR_RETURN(const MonitorSpec* m, internal::FindMonitor(ws, options.monitor));
    chosen.push_back(m);
  } else {
    for (const MonitorSpec& m : ws.config->monitors) chosen.push_back(&m);
  }

  // Read before anything is computed, so a malformed section stops the run
  // before it stores windows whose notifications it could not queue.
  AIRM_ASSIGN_OR_RETURN(alerting::AlertingConfig alerting_config,
                        alerting::LoadAlertingConfig(ws.yaml));
  const bool deliver = !alerting_config.channels.empty();

  RunMonitorsResult result;
  if (deliver) {
    result.delivery.emplace();
  } else {
    result.no_delivery = "no alerting channels in " + ws.yaml;
  }
  result.as_of = options.as_of.empty() ? store::UtcNow() : *store::ParseIso8601(options.as_of);
  const int64_t as_of = monitor::CanonicalToSeconds(result.as_of);
  const std::string recompute_from =
      options.recompute_from.empty() ? "" : *store::ParseIso8601(options.recompute_from);
  store::Database& db = *opened.db;
  LockGuard lock(db, options.lock_holder);
  AIRM_RETURN_IF_ERROR(lock.Acquire());
  std::optional<IncidentAudit> incident_audit;

  for (const MonitorSpec* m : chosen) {
    result.monitors.push_back(m->name);
    if (std::optional<int64_t> close = monitor::NextWindowClose(*m, as_of)) {
      const std::string text = monitor::SecondsToCanonical(*close);
      if (!result.next_due || text < *result.next_due) result.next_due = text;
    }
    // References are checked on every run, even with nothing due, so a
    // renamed dataset or model is reported at once.
    AIRM_ASSIGN_OR_RETURN(ResolvedReferences refs,
                          ResolveReferences(db, *m, opened.workspace.root));
    AIRM_RETURN_IF_ERROR(PrepareIncidentAudit(db, opened, *m, &incident_audit));
    const std::string from_text =
        options.backfill_from.empty() ? m->start : *store::ParseIso8601(options.backfill_from);
    std::optional<MonitorData> data;
    for (const Schedule& s : m->schedules) {
      std::vector<Window> due = monitor::ScheduleWindows(s, monitor::CanonicalToSeconds(from_text),
                                                         as_of, m->zone, options.max_windows + 1);
      if (due.size() > options.max_windows) {
        return Status::InvalidArgument("monitor '" + m->name + "' schedule " + s.Key() +
                                       ": more than " + std::to_string(options.max_windows) +
                                       " windows are due from " + from_text +
                                       "; backfill a shorter span first");
      }
      AIRM_ASSIGN_OR_RETURN(std::set<std::string> done,
                            store::ComputedWindowStarts(db, m->name, s.Key()));
      // The inputs each stored window was computed from, for --recompute.
      std::map<std::string, std::optional<std::string>> stored_inputs;
      if (!recompute_from.empty()) {
        AIRM_ASSIGN_OR_RETURN(std::vector<store::MonitorWindowRecord> stored,
                              store::ListMonitorWindows(db, m->name, s.Key()));
        for (const store::MonitorWindowRecord& r : stored) {
          if (r.window_start >= recompute_from) stored_inputs[r.window_start] = r.inputs_json;
        }
      }
      if (m->current.predictions && s.analysis == monitor::Analysis::kEvaluation) {
        AIRM_RETURN_IF_ERROR(
            AddWindowsWithLateLabels(db, *m, s, refs.model_version_id, &stored_inputs));
      }
      std::erase_if(due, [&](const Window& w) {
        const std::string start = monitor::SecondsToCanonical(w.start);
        return done.count(start) > 0 && stored_inputs.count(start) == 0;
      });
      if (due.empty()) continue;
      // Learned thresholds and false-discovery control read the schedule's
      // earlier windows once, then each window computed is added to them.
      AIRM_ASSIGN_OR_RETURN(internal::ScheduleHistory history,
                            internal::ScheduleHistory::Load(db, *m, s));
      if (!data) {
        AIRM_ASSIGN_OR_RETURN(MonitorData loaded,
                              LoadMonitorData(db, *m, opened.workspace.root, options));
        data = std::move(loaded);
        data->scratch_dir = (fs::path(store::LocalStateDir(opened.workspace)) / "tmp").string();
      }
      if (history.learns_from_reference()) {
        AIRM_RETURN_IF_ERROR(LearnReferenceThresholds(
            *data, *m, s, options, store::LocalStateDir(opened.workspace), &history));
      }
      for (const Window& w : due) {
        if (options.stop_requested && options.stop_requested()) {
          result.interrupted = true;
          return result;
        }
        if (options.progress) options.progress(m->name + " " + s.Key() + " " + w.label);
        AIRM_ASSIGN_OR_RETURN(std::optional<WindowAnalysis> merged,
                              MergedDriftWindow(db, *data, *m, s, w, options));
        if (!merged) {
          AIRM_RETURN_IF_ERROR(LoadCurrentSource(*m, opened.workspace.root, options, &*data));
          AIRM_ASSIGN_OR_RETURN(merged, AnalyzeWindow(db, *data, *m, s, w, options));
        }
        WindowAnalysis& analysis = *merged;
        auto stored = stored_inputs.find(monitor::SecondsToCanonical(w.start));
        if (stored != stored_inputs.end() && stored->second == analysis.inputs_json) continue;
        AIRM_ASSIGN_OR_RETURN(internal::WindowLearning learning,
                              history.Annotate(w, &analysis.result_json));
        // Under `fdr:` the window's drift is the family's verdict, as the
        // monitor's rules read it (the drift report's own stays in its result).
        std::optional<double> fdr_level;
        if (learning.fdr) {
          fdr_level = learning.fdr->level;
          analysis.input_drift = learning.fdr->input_drift;
          if (analysis.output_drift) analysis.output_drift = learning.fdr->output_drift;
        }
        ComputedWindow computed;
        std::vector<Notification> produced;
        std::vector<governance::Incident> incidents;
        governance::TreeHead audit_head;
        alerting::DeliveryReport queued;
        AIRM_RETURN_IF_ERROR(db.WriteTransaction([&](store::Database& tx) -> Status {
          queued = alerting::DeliveryReport{};  // the body may run again on a busy lock
          incidents.clear();
          audit_head = governance::TreeHead{};
          computed = ComputedWindow{.monitor = m->name,
                                    .schedule = s.Key(),
                                    .label = w.label,
                                    .window_start = monitor::SecondsToCanonical(w.start),
                                    .window_end = monitor::SecondsToCanonical(w.end),
                                    .status = analysis.estimated_only ? "estimated"
                                              : analysis.result_json  ? "ok"
                                                                      : "empty",
                                    .rows = analysis.rows,
                                    .input_drift = analysis.input_drift,
                                    .output_drift = analysis.output_drift,
                                    .fdr_level = fdr_level,
                                    .previous_window = analysis.previous_label,
                                    .input_drift_vs_previous = analysis.input_drift_vs_previous};
          produced.clear();
          store::MonitorWindowRecord record{.monitor = m->name,
                                            .schedule = s.Key(),
                                            .label = w.label,
                                            .window_start = computed.window_start,
                                            .window_end = computed.window_end,
                                            .status = computed.status,
                                            .row_count = analysis.rows,
                                            .result_json = analysis.result_json,
                                            .inputs_json = analysis.inputs_json};
          AIRM_RETURN_IF_ERROR(store::InsertMonitorWindow(tx, &record).status());
          computed.version = record.version;
          if (analysis.store_profile) {
            AIRM_RETURN_IF_ERROR(store::PutWindowProfile(tx, {.monitor = m->name,
                                                              .schedule = s.Key(),
                                                              .window_start = computed.window_start,
                                                              .window_end = computed.window_end,
                                                              .row_count = analysis.rows,
                                                              .profile = analysis.profile}));
          }
          const internal::WindowEvidence evidence{.previous = analysis.previous_available,
                                                  .estimated = analysis.estimate_available,
                                                  .realized = !analysis.estimated_only};
          AIRM_RETURN_IF_ERROR(internal::StepAlerts(tx, *m, s, w, analysis.result_json, evidence,
                                                    learning, &computed, &produced));
          // The incidents of critical episodes that fired commit with them: a
          // crash never leaves a fired episode without its incident.
          if (incident_audit) {
            std::vector<governance::AuditEvent> events;
            AIRM_ASSIGN_OR_RETURN(
                incidents, internal::OpenIncidentsForFiring(tx, produced, m->model,
                                                            incident_audit->actor.name, &events));
            AIRM_RETURN_IF_ERROR(internal::AppendAuditEvents(
                tx, incident_audit->key, incident_audit->actor, std::move(events), &audit_head));
          }
          if (!deliver) return Status::Ok();
          // Queued with the window: stored notifications are never lost to a
          // crash before delivery.
          std::vector<alerting::Outgoing> outgoing;
          for (const Notification& n : produced) outgoing.push_back({.notification = n});
          return alerting::QueueNotifications(tx, alerting_config, outgoing, options.delivery,
                                              &queued);
        }));
        if (audit_head.tree_size > 0) {
          AIRM_RETURN_IF_ERROR(
              governance::WriteCheckpointFile(incident_audit->key_dir, audit_head));
        }
        if (deliver) AddQueued(queued, &*result.delivery);
        result.windows.push_back(std::move(computed));
        for (Notification& n : produced) result.notifications.push_back(std::move(n));
        for (governance::Incident& i : incidents) result.incidents.push_back(std::move(i));
      }
    }
  }
  // Reminders of episodes still firing, after the windows that may have
  // resolved them; queued in the transaction that records them.
  for (const MonitorSpec* m : chosen) {
    if (std::none_of(m->alerts.begin(), m->alerts.end(),
                     [](const monitor::AlertRule& r) { return r.repeat_seconds > 0; })) {
      continue;
    }
    std::vector<FiringReminder> reminders;
    std::optional<int64_t> next_reminder;
    alerting::DeliveryReport queued;
    AIRM_RETURN_IF_ERROR(db.WriteTransaction([&](store::Database& tx) -> Status {
      reminders.clear();
      next_reminder.reset();
      queued = alerting::DeliveryReport{};
      AIRM_RETURN_IF_ERROR(internal::StepReminders(tx, *m, as_of, &reminders, &next_reminder));
      if (!deliver || reminders.empty()) return Status::Ok();
      std::vector<alerting::Outgoing> outgoing;
      for (const FiringReminder& r : reminders) {
        outgoing.push_back({.notification = r.notification, .repeat = r.repeat});
      }
      return alerting::QueueNotifications(tx, alerting_config, outgoing, options.delivery, &queued);
    }));
    if (deliver) AddQueued(queued, &*result.delivery);
    if (next_reminder) {
      const std::string text = monitor::SecondsToCanonical(*next_reminder);
      if (!result.next_due || text < *result.next_due) result.next_due = text;
    }
    for (FiringReminder& r : reminders) result.reminders.push_back(std::move(r));
  }
  // Still under the lock: two runs never send the same row at once.
  if (deliver) {
    AIRM_RETURN_IF_ERROR(
        alerting::DrainOutbox(db, alerting_config, options.delivery, &*result.delivery));
  }
  return result;
}

}  // namespace airm::usecases
