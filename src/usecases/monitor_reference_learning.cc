#include "monitor_reference_learning.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "airm/monitor/learned_threshold.h"
#include "airm/monitor/window_rows.h"
#include "airm/report.h"
#include "airm/sha256.h"
#include "airm/small_file.h"
#include "airm/version.h"

namespace airm::usecases::internal {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// What a rule's chunk values depend on; the cache file is named by its hash.
json CacheKey(const ReferenceLearningInput& in, const monitor::AlertRule& rule,
              int64_t chunk_rows) {
  // The columns' roles decide what is compared (features, outputs, target).
  json roles = json::array();
  for (size_t i = 0; i < in.reference->num_columns(); ++i) {
    roles.push_back({in.reference->column(i).name(), static_cast<int>(in.reference->role(i))});
  }
  return {{"reference_sha256", in.reference_info->sha256},
          {"roles", std::move(roles)},
          {"ignore", in.monitor->roles.ignore},
          {"reference_rows", in.reference->num_rows()},
          {"monitor", in.monitor->name},
          {"schedule", in.schedule->Key()},
          {"metric", rule.learned_path},
          {"chunk_rows", chunk_rows},
          {"fingerprint", in.fingerprint},
          {"airm_version", AIRM_VERSION}};
}

std::string CachePath(const ReferenceLearningInput& in, const json& key) {
  return (fs::path(in.cache_dir) / (Sha256Hex(key.dump()) + ".json")).string();
}

// The cached values (nullopt: a chunk without a value), or nullopt when the
// cache has none for `key` (missing, unreadable or another key's).
std::optional<std::vector<std::optional<double>>> ReadCache(const std::string& path,
                                                            const json& key) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  Result<std::string> text = ReadSmallFile(path, "learned-threshold cache");
  if (!text.ok()) return std::nullopt;
  const json doc = json::parse(*text, nullptr, false);
  if (!doc.is_object() || doc.value("key", json()) != key || !doc.contains("values") ||
      !doc["values"].is_array()) {
    return std::nullopt;
  }
  std::vector<std::optional<double>> values;
  for (const json& v : doc["values"]) {
    if (v.is_number()) {
      values.push_back(v.get<double>());
    } else if (v.is_null()) {
      values.push_back(std::nullopt);
    } else {
      return std::nullopt;
    }
  }
  return values;
}

Status WriteCache(const std::string& dir, const std::string& path, const json& key,
                  const std::vector<std::optional<double>>& values) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir + ": " + ec.message());
  json doc = {{"key", key}, {"values", json::array()}};
  for (const std::optional<double>& v : values) doc["values"].push_back(v ? json(*v) : json());
  return WriteFileAtomically(path, doc.dump(2) + "\n");
}

// The reference's rows [begin, end) or, with `complement`, all the others.
Result<Table> ReferenceRows(const Table& reference, const monitor::RowRange& chunk,
                            const std::string& source, bool complement) {
  monitor::RowSource rows{.table = &reference, .source = source, .rows = {}};
  const auto n = static_cast<int64_t>(reference.num_rows());
  for (int64_t row = 0; row < n; ++row) {
    const bool inside = row >= chunk.begin && row < chunk.end;
    if (inside != complement) rows.rows.push_back(static_cast<size_t>(row));
  }
  AIRM_ASSIGN_OR_RETURN(Table out, monitor::GatherRows(std::span(&rows, 1)));
  for (size_t i = 0; i < reference.num_columns(); ++i) {
    if (auto j = out.FindColumn(reference.column(i).name())) out.set_role(*j, reference.role(i));
  }
  return out;
}

// Every chunk computed once; the value of each rule's metric in each.
Result<std::map<std::string, std::vector<std::optional<double>>>> ComputeChunks(
    const ReferenceLearningInput& in, const std::vector<monitor::RowRange>& chunks,
    const std::vector<const monitor::AlertRule*>& rules) {
  std::map<std::string, std::vector<std::optional<double>>> values;
  for (const monitor::RowRange& chunk : chunks) {
    const std::string label =
        "reference rows " + std::to_string(chunk.begin + 1) + "-" + std::to_string(chunk.end);
    AIRM_ASSIGN_OR_RETURN(Table part, ReferenceRows(*in.reference, chunk, label, false));
    AIRM_ASSIGN_OR_RETURN(Table rest, ReferenceRows(*in.reference, chunk, label, true));
    const InputInfo rest_info{.path = in.reference_info->path + " without " + label,
                              .sha256 = "",
                              .rows = rest.num_rows(),
                              .columns = rest.num_columns(),
                              .bytes = 0};
    AIRM_ASSIGN_OR_RETURN(std::optional<std::string> result,
                          in.analyze(rest, rest_info, part, label));
    for (const monitor::AlertRule* rule : rules) {
      values[rule->name].push_back(result ? GateNumber(rule->learned_path, *result)
                                          : std::optional<double>());
    }
  }
  return values;
}

}  // namespace

Result<std::map<std::string, RuleThreshold>> LearnFromReference(const ReferenceLearningInput& in) {
  const auto reference_rows = static_cast<int64_t>(in.reference->num_rows());
  // The rules to learn, grouped by chunk size, and the cached values.
  std::map<int64_t, std::vector<const monitor::AlertRule*>> missing;
  std::map<std::string, std::vector<std::optional<double>>> values;
  std::map<std::string, int64_t> chunk_rows_of;
  std::map<std::string, bool> cached;
  for (const monitor::AlertRule& rule : in.monitor->alerts) {
    if (!rule.learn || rule.learn->from != "reference") continue;
    const int64_t chunk_rows = monitor::ReferenceChunkRows(reference_rows, rule.learn->rows);
    chunk_rows_of[rule.name] = chunk_rows;
    if (!in.cache_dir.empty()) {
      const json key = CacheKey(in, rule, chunk_rows);
      if (auto hit = ReadCache(CachePath(in, key), key)) {
        values[rule.name] = std::move(*hit);
        cached[rule.name] = true;
        continue;
      }
    }
    missing[chunk_rows].push_back(&rule);
  }
  for (const auto& [chunk_rows, rules] : missing) {
    AIRM_ASSIGN_OR_RETURN(
        auto computed,
        ComputeChunks(in, monitor::ReferenceChunks(reference_rows, chunk_rows), rules));
    for (const monitor::AlertRule* rule : rules) {
      if (!in.cache_dir.empty()) {
        const json key = CacheKey(in, *rule, chunk_rows);
        AIRM_RETURN_IF_ERROR(
            WriteCache(in.cache_dir, CachePath(in, key), key, computed[rule->name]));
      }
      values[rule->name] = std::move(computed[rule->name]);
    }
  }

  std::map<std::string, RuleThreshold> out;
  for (const monitor::AlertRule& rule : in.monitor->alerts) {
    if (!rule.learn || rule.learn->from != "reference") continue;
    const std::vector<std::optional<double>>& chunk_values = values[rule.name];
    std::vector<double> present;
    for (const std::optional<double>& v : chunk_values) {
      if (v) present.push_back(*v);
    }
    RuleThreshold r{.threshold = monitor::LearnThreshold(present, *rule.learn, rule.learned_side),
                    .chunk_rows = chunk_rows_of[rule.name],
                    .chunks = static_cast<int64_t>(chunk_values.size()),
                    .reference_rows = reference_rows,
                    .reference_sha256 = in.reference_info->sha256,
                    .cached = cached[rule.name]};
    // A metric's spread shrinks as its sample grows: chunks far from the
    // windows' size learn a threshold for another sample size.
    const std::optional<int64_t> typical = monitor::MedianWindowRows(in.window_rows);
    if (typical && (r.chunk_rows * 2 < *typical || r.chunk_rows > *typical * 2)) {
      r.size_note = "chunks of " + std::to_string(r.chunk_rows) +
                    " rows, but the stored windows have a median of " + std::to_string(*typical) +
                    " rows: set learn.rows to the windows' typical size";
    }
    if (r.threshold.status == "ok") {
      r.expression = monitor::LearnedExpression(rule.learned_path, rule.learned_op, r.threshold);
    } else if (r.chunks < std::max(rule.learn->min_windows, 2)) {
      r.threshold.note += "; the reference's " + std::to_string(reference_rows) + " rows make " +
                          std::to_string(r.chunks) + " chunk(s) of " +
                          std::to_string(r.chunk_rows) + " rows (learn.rows)";
    }
    out[rule.name] = std::move(r);
  }
  return out;
}

}  // namespace airm::usecases::internal
