#include "airm/store/datasets.h"

#include "store_util.h"

namespace airm::store {
namespace {

using internal::JoinLimited;
using internal::Nullable;

constexpr std::string_view kSelectVersion =
    "SELECT v.id, v.dataset_id, d.name, v.version, v.digest, v.bytes, v.row_count, v.schema_json,"
    " v.profile_json, v.source_uri, v.path, v.abs_path, v.registered_at, v.registered_by"
    " FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id ";

DatasetVersion FromRow(const Row& row) {
  DatasetVersion v;
  v.id = row.Int(0);
  v.dataset_id = row.Int(1);
  v.name = row.Text(2);
  v.version = row.Int(3);
  v.digest = row.Text(4);
  v.bytes = row.OptionalInt(5);
  v.row_count = row.OptionalInt(6);
  v.schema_json = row.OptionalText(7);
  v.profile_json = row.OptionalText(8);
  v.source_uri = row.OptionalText(9);
  v.path = row.OptionalText(10);
  v.abs_path = row.OptionalText(11);
  v.registered_at = row.Text(12);
  v.registered_by = row.Text(13);
  return v;
}

Status LoadTags(Database& db, DatasetVersion* v) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("SELECT key, value FROM dataset_version_tags WHERE dataset_version_id = ?"
               " ORDER BY key",
               {v->id}));
  for (const Row& row : rows) v->tags[row.Text(0)] = row.Text(1);
  return Status::Ok();
}

Result<std::vector<DatasetVersion>> QueryVersions(Database& db, std::string_view where,
                                                  const std::vector<Value>& params) {
  std::vector<DatasetVersion> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(std::string(kSelectVersion) + std::string(where), params,
                                    [&out](const Row& row) {
                                      out.push_back(FromRow(row));
                                      return Status::Ok();
                                    }));
  for (DatasetVersion& v : out) AIRM_RETURN_IF_ERROR(LoadTags(db, &v));
  return out;
}

bool IsSha256Digest(std::string_view digest) {
  if (!digest.starts_with("sha256:") || digest.size() != 7 + 64) return false;
  for (char c : digest.substr(7)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<std::optional<int64_t>> FindDatasetId(Database& db, const std::string& name) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        db.Query("SELECT id FROM datasets WHERE name = ?", {name}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

Status UnknownDataset(Database& db, const std::string& name) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows, db.Query("SELECT name FROM datasets ORDER BY name"));
  if (rows.empty()) {
    return Status::NotFound("no dataset named '" + name +
                            "': the store has no datasets yet (airm dataset register)");
  }
  std::vector<std::string> names;
  for (const Row& row : rows) names.push_back(row.Text(0));
  return Status::NotFound("no dataset named '" + name + "' (datasets: " + JoinLimited(names) + ")");
}

Result<std::string> VersionRange(Database& db, const std::string& name, int64_t dataset_id) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        db.Query("SELECT MIN(version), MAX(version), COUNT(*) FROM dataset_versions"
                                 " WHERE dataset_id = ?",
                                 {dataset_id}));
  const int64_t count = rows[0].Int(2);
  if (count == 0) return "dataset '" + name + "' has no versions";
  if (count == 1) return "dataset '" + name + "' has version " + std::to_string(rows[0].Int(0));
  return "dataset '" + name + "' has versions " + std::to_string(rows[0].Int(0)) + ".." +
         std::to_string(rows[0].Int(1));
}

bool AllDigits(std::string_view s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Result<RegisteredDataset> RegisterDatasetVersion(Database& db, const NewDatasetVersion& nv) {
  AIRM_RETURN_IF_ERROR(ValidateName(nv.name, "dataset name"));
  if (!IsSha256Digest(nv.content.digest)) {
    return Status::InvalidArgument("dataset digest '" + nv.content.digest +
                                   "' is not of the form sha256:<64 lower-case hex digits>");
  }
  RegisteredDataset out;
  AIRM_ASSIGN_OR_RETURN(std::optional<int64_t> dataset_id, FindDatasetId(db, nv.name));
  const std::string now = internal::NowIfEmpty(nv.registered_at);
  if (!dataset_id) {
    AIRM_ASSIGN_OR_RETURN(
        std::vector<Row> rows,
        db.Query("INSERT INTO datasets (name, created_at) VALUES (?, ?) RETURNING id",
                 {nv.name, now}));
    dataset_id = rows[0].Int(0);
  } else {
    AIRM_ASSIGN_OR_RETURN(std::vector<DatasetVersion> existing,
                          QueryVersions(db, "WHERE v.dataset_id = ? AND v.digest = ?",
                                        {*dataset_id, nv.content.digest}));
    if (!existing.empty()) {
      out.version = std::move(existing[0]);
      return out;
    }
  }
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> next,
      db.Query("SELECT COALESCE(MAX(version), 0) + 1 FROM dataset_versions WHERE dataset_id = ?",
               {*dataset_id}));
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> inserted,
      db.Query("INSERT INTO dataset_versions (dataset_id, version, digest, bytes, row_count,"
               " schema_json, profile_json, source_uri, path, abs_path, registered_at,"
               " registered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {*dataset_id, next[0].Int(0), nv.content.digest, Nullable(nv.content.bytes),
                Nullable(nv.content.row_count), Nullable(nv.content.schema_json),
                Nullable(nv.content.profile_json), Nullable(nv.source_uri), Nullable(nv.path),
                Nullable(nv.abs_path), now, nv.registered_by}));
  const int64_t id = inserted[0].Int(0);
  for (const auto& [key, value] : nv.tags) {
    AIRM_RETURN_IF_ERROR(db.Execute(
        "INSERT INTO dataset_version_tags (dataset_version_id, key, value) VALUES (?, ?, ?)",
        {id, key, value}));
  }
  AIRM_ASSIGN_OR_RETURN(out.version, GetDatasetVersion(db, id));
  out.created = true;
  return out;
}

Result<DatasetVersion> GetDatasetVersion(Database& db, int64_t dataset_version_id) {
  AIRM_ASSIGN_OR_RETURN(std::vector<DatasetVersion> rows,
                        QueryVersions(db, "WHERE v.id = ?", {dataset_version_id}));
  if (rows.empty()) {
    return Status::NotFound("no dataset version with id " + std::to_string(dataset_version_id));
  }
  return std::move(rows[0]);
}

Result<DatasetVersion> ResolveDatasetVersion(Database& db, const Reference& ref) {
  AIRM_ASSIGN_OR_RETURN(std::optional<int64_t> dataset_id, FindDatasetId(db, ref.name));
  if (!dataset_id) return UnknownDataset(db, ref.name);
  std::vector<DatasetVersion> found;
  if (ref.is_latest()) {
    AIRM_ASSIGN_OR_RETURN(found, QueryVersions(db,
                                               "WHERE v.dataset_id = ? ORDER BY v.version DESC"
                                               " LIMIT 1",
                                               {*dataset_id}));
    if (found.empty()) {
      AIRM_ASSIGN_OR_RETURN(std::string range, VersionRange(db, ref.name, *dataset_id));
      return Status::NotFound(range);
    }
    return std::move(found[0]);
  }
  if (AllDigits(ref.version)) {
    AIRM_ASSIGN_OR_RETURN(found, QueryVersions(db, "WHERE v.dataset_id = ? AND v.version = ?",
                                               {*dataset_id, std::stoll(ref.version)}));
    if (!found.empty()) return std::move(found[0]);
  }
  std::string hex;
  if (IsDigestPrefix(ref.version, &hex)) {
    AIRM_ASSIGN_OR_RETURN(found, QueryVersions(db,
                                               "WHERE v.dataset_id = ? AND v.digest LIKE ?"
                                               " ORDER BY v.version",
                                               {*dataset_id, "sha256:" + hex + "%"}));
    if (found.size() == 1) return std::move(found[0]);
    if (found.size() > 1) {
      std::vector<std::string> candidates;
      for (const DatasetVersion& v : found) {
        candidates.push_back(v.Ref() + " (" + v.digest.substr(0, 7 + 12) + "…)");
      }
      return Status::InvalidArgument("digest prefix '" + ref.version + "' of dataset '" + ref.name +
                                     "' is ambiguous: " + JoinLimited(candidates) +
                                     "; give more digits");
    }
  }
  AIRM_ASSIGN_OR_RETURN(std::string range, VersionRange(db, ref.name, *dataset_id));
  return Status::NotFound("no version '" + ref.version + "' of dataset '" + ref.name +
                          "' (by number or digest prefix): " + range);
}

Result<std::vector<DatasetVersion>> ListDatasetVersions(Database& db,
                                                        const std::optional<std::string>& name) {
  if (!name) return QueryVersions(db, "ORDER BY d.name, v.version", {});
  AIRM_ASSIGN_OR_RETURN(std::optional<int64_t> dataset_id, FindDatasetId(db, *name));
  if (!dataset_id) return UnknownDataset(db, *name);
  return QueryVersions(db, "WHERE v.dataset_id = ? ORDER BY v.version", {*dataset_id});
}

Result<std::optional<DatasetVersion>> FindDatasetVersionByDigest(Database& db,
                                                                 std::string_view digest) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<DatasetVersion> found,
      QueryVersions(db, "WHERE v.digest = ? ORDER BY v.id DESC LIMIT 1", {std::string(digest)}));
  if (found.empty()) return std::optional<DatasetVersion>();
  return std::optional<DatasetVersion>(std::move(found[0]));
}

}  // namespace airm::store
