#include "airm/usecases/check_dataset.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "airm/reader.h"
#include "airm/schema.h"
#include "airm/store/dataset_file.h"
#include "airm/store/datasets.h"
#include "airm/store/quality_checks.h"
#include "airm/store/reference.h"
#include "airm/store/timestamp.h"

namespace airm::usecases {
namespace {

// The store keeps each run's metrics and findings as JSON text (docs/store.md).
using Json = nlohmann::ordered_json;

Status VerifyAndLoad(const store::DatasetVersion& v, const ReadOptions& options, Table* table) {
  if (!v.abs_path) {
    return Status::InvalidArgument(v.Ref() +
                                   " has no local file to check (imported metadata only)");
  }
  AIRM_ASSIGN_OR_RETURN(std::string digest, store::FileDigest(*v.abs_path));
  if (digest != v.digest) {
    return Status::InvalidArgument(v.Ref() + ": " + *v.abs_path +
                                   " no longer matches its registered digest (" + v.digest +
                                   " -> " + digest + "); register the new content first");
  }
  if (!v.row_count) {
    return Status::InvalidArgument(v.Ref() +
                                   " was not registered as a table; quality checks need one");
  }
  AIRM_ASSIGN_OR_RETURN(*table, ReadTable(*v.abs_path, options));
  return Status::Ok();
}

std::vector<QualityFamily> GroupByFamily(const std::vector<QualityCheck>& checks) {
  std::vector<QualityFamily> families;
  std::map<std::string, size_t> index;
  for (const QualityCheck& q : checks) {
    auto [it, fresh] = index.emplace(q.check, families.size());
    if (fresh) families.push_back({q.check});
    QualityFamily& f = families[it->second];
    f.status = std::max(f.status, q.status);
    const std::string subject = q.column.empty() ? "dataset" : q.column;
    auto same = std::find_if(f.metrics.begin(), f.metrics.end(),
                             [&](const auto& m) { return m.first == subject; });
    if (same == f.metrics.end()) {
      f.metrics.emplace_back(subject, q.value);
    } else {
      same->second = q.value;  // one value per column, the last check's
    }
    if (q.status != CheckStatus::kPass) f.not_passed.push_back(q);
  }
  return families;
}

Json MetricsJson(const QualityFamily& f) {
  Json out = Json::object();
  for (const auto& [subject, value] : f.metrics) out[subject] = value ? Json(*value) : Json();
  return out;
}

Json FindingsJson(const QualityFamily& f) {
  Json out = Json::array();
  for (const QualityCheck& q : f.not_passed) {
    out.push_back({{"column", q.column.empty() ? Json(nullptr) : Json(q.column)},
                   {"status", CheckStatusName(q.status)},
                   {"message", q.message},
                   {"warn_threshold", q.warn_threshold},
                   {"fail_threshold", q.fail_threshold}});
  }
  return out;
}

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace

Status CheckDatasetOptions::Validate() const {
  if (dataset.empty()) return Status::InvalidArgument("dataset check needs NAME@VERSION");
  return Status::Ok();
}

Result<DatasetCheck> CheckDataset(const CheckDatasetOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  RoleAssignment roles;
  if (!options.schema_file.empty()) {
    AIRM_ASSIGN_OR_RETURN(roles, LoadSchemaFile(options.schema_file));
  }
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  DatasetCheck out;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(options.dataset));
    AIRM_ASSIGN_OR_RETURN(out.dataset, store::ResolveDatasetVersion(tx, ref));
    if (!options.reference.empty()) {
      AIRM_ASSIGN_OR_RETURN(store::Reference rr, store::ParseReference(options.reference));
      AIRM_ASSIGN_OR_RETURN(out.reference, store::ResolveDatasetVersion(tx, rr));
    } else if (out.dataset.version > 1) {
      AIRM_ASSIGN_OR_RETURN(out.reference,
                            store::ResolveDatasetVersion(
                                tx, {out.dataset.name, std::to_string(out.dataset.version - 1)}));
    } else {
      out.reference = out.dataset;
    }
    return Status::Ok();
  }));
  out.self_reference = out.reference.id == out.dataset.id;

  Table current, baseline;
  if (options.progress) options.progress("verifying and reading " + out.dataset.Ref());
  AIRM_RETURN_IF_ERROR(VerifyAndLoad(out.dataset, options.read, &current));
  if (!out.self_reference) {
    AIRM_RETURN_IF_ERROR(VerifyAndLoad(out.reference, options.read, &baseline));
  }
  // A version compared with itself is read once; roles only mark columns.
  Table& base = out.self_reference ? current : baseline;
  AIRM_RETURN_IF_ERROR(ApplyRoles(roles, out.reference.Ref(), &base));
  std::vector<std::string> columns;
  for (size_t i = 0; i < base.num_columns(); ++i) {
    const std::string& name = base.column(i).name();
    const ColumnRole role = base.role(i);
    const bool ignored =
        std::find(roles.ignore.begin(), roles.ignore.end(), name) != roles.ignore.end();
    if (role != ColumnRole::kId && role != ColumnRole::kTimestamp && !ignored) {
      columns.push_back(name);
    }
  }
  const std::vector<QualityCheck> checks =
      CheckQuality(base, current, columns,
                   options.thresholds.empty() ? DefaultQualityThresholds() : options.thresholds);
  out.families = GroupByFamily(checks);
  out.status = WorstStatus(checks);

  out.executed_at = store::UtcNow();
  AIRM_RETURN_IF_ERROR(opened.db->WriteTransaction([&](store::Database& tx) -> Status {
    for (const QualityFamily& f : out.families) {
      store::QualityCheckRun row;
      row.check_name = f.name;
      row.dataset_version_id = out.dataset.id;
      if (!out.self_reference) row.reference_dataset_version_id = out.reference.id;
      row.status = CheckStatusName(f.status);
      row.metrics_json = Dump(MetricsJson(f));
      row.findings_json = Dump(FindingsJson(f));
      row.executed_at = out.executed_at;
      AIRM_RETURN_IF_ERROR(store::RecordQualityCheckRun(tx, row).status());
    }
    return Status::Ok();
  }));

  for (const QualityFamily& f : out.families) {
    for (const QualityCheck& q : f.not_passed) {
      out.findings.push_back(
          MakeFinding(q.status == CheckStatus::kFail ? Severity::kFail : Severity::kWarn,
                      "quality." + q.check, q.column.empty() ? "dataset" : q.column, q.message));
    }
  }
  std::stable_sort(out.findings.begin(), out.findings.end(),
                   [](const Finding& x, const Finding& y) { return x.severity > y.severity; });
  return out;
}

}  // namespace airm::usecases
