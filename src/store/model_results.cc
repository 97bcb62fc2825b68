#include "airm/store/model_results.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "airm/store/environment.h"
#include "store_util.h"

namespace airm::store {
namespace {

using internal::Nullable;

constexpr std::array<std::string_view, 4> kKinds = {"drift", "evaluation", "fairness", "chaos"};
constexpr std::array<std::string_view, 4> kStatuses = {"pass", "warn", "fail", "undefined"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

Result<int64_t> RecordModelResult(Database& db, const ModelResult& r) {
  if (!OneOf(kKinds, r.kind)) {
    return Status::InvalidArgument("model result kind '" + r.kind +
                                   "' is not one of drift, evaluation, fairness, chaos");
  }
  if (!OneOf(kStatuses, r.status)) {
    return Status::InvalidArgument("model result status '" + r.status +
                                   "' is not one of pass, warn, fail, undefined");
  }
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query(
          "INSERT INTO model_version_results (model_version_id, kind, status, summary,"
          " data_path, data_digest, details_json, recorded_at, recorded_by)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {r.model_version_id, r.kind, r.status, r.summary, Nullable(r.data_path),
           Nullable(r.data_digest), Nullable(r.details_json), internal::NowIfEmpty(r.recorded_at),
           r.recorded_by.empty() ? CurrentUser() : r.recorded_by}));
  return rows[0].Int(0);
}

Result<std::vector<ModelResult>> RecentModelResults(Database& db, int64_t model_version_id,
                                                    const std::string& kind, int64_t limit) {
  std::vector<ModelResult> out;
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("SELECT id, model_version_id, kind, status, summary, data_path, data_digest,"
               " details_json, recorded_at, recorded_by FROM model_version_results"
               " WHERE model_version_id = ? AND kind = ? ORDER BY recorded_at DESC, id DESC"
               " LIMIT ?",
               {model_version_id, kind, limit}));
  for (const Row& row : rows) {
    out.push_back({row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4),
                   row.OptionalText(5), row.OptionalText(6), row.OptionalText(7), row.Text(8),
                   row.Text(9)});
  }
  return out;
}

Result<std::vector<ModelResult>> LatestModelResults(Database& db, int64_t model_version_id) {
  std::vector<ModelResult> out;
  for (std::string_view kind : kKinds) {
    AIRM_ASSIGN_OR_RETURN(std::vector<ModelResult> newest,
                          RecentModelResults(db, model_version_id, std::string(kind), 1));
    for (ModelResult& r : newest) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace airm::store
