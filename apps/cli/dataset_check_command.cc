// `airm dataset check NAME@VERSION [--reference NAME@VERSION]`: run airm's
// data-quality checks (airm::quality, as in `airm drift`) on a dataset
// version's file and record one quality_check_runs row per check family with
// its worst status, per-column values and messages.
//
// The reference defaults to the previous version of the same dataset; a
// first version is compared with itself, so only checks that need no
// baseline (empty batch, constant columns…) can fire. Both files are
// re-hashed first: a file that no longer matches its digest is an error
// (exit 2), never checked as if it were the registered data. Exit 1 only
// when --fail-on holds (aliases: fail = any check failed, warn = any check
// warned or failed), as every airm command.
#include <iostream>
#include <map>
#include <memory>

#include "airm/gate.h"
#include "airm/quality.h"
#include "airm/reader.h"
#include "airm/schema.h"
#include "airm/store/dataset_file.h"
#include "airm/store/datasets.h"
#include "airm/store/quality_checks.h"
#include "airm/store/timestamp.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DatasetCheckCommand {
  StoreFlags store;
  std::string dataset, reference, schema, fail_on;
  std::vector<std::string> quality_thresholds;
  ReaderFlags reader;
};

const GateAliases kCheckAliases = {
    {"fail", {"status==fail"}},
    {"warn", {"status==warn", "status==fail"}},
};

struct CheckFamily {
  std::string name;
  CheckStatus status = CheckStatus::kPass;
  Json metrics = Json::object();  // column (or "dataset") -> value
  Json findings = Json::array();  // messages of the checks that did not pass
};

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

std::vector<CheckFamily> GroupByFamily(const std::vector<QualityCheck>& checks) {
  std::vector<CheckFamily> families;
  std::map<std::string, size_t> index;
  for (const QualityCheck& q : checks) {
    auto [it, fresh] = index.emplace(q.check, families.size());
    if (fresh) families.push_back({q.check});
    CheckFamily& f = families[it->second];
    f.status = std::max(f.status, q.status);
    f.metrics[q.column.empty() ? "dataset" : q.column] = q.value ? Json(*q.value) : Json(nullptr);
    if (q.status != CheckStatus::kPass) {
      f.findings.push_back({{"column", q.column.empty() ? Json(nullptr) : Json(q.column)},
                            {"status", CheckStatusName(q.status)},
                            {"message", q.message},
                            {"warn_threshold", q.warn_threshold},
                            {"fail_threshold", q.fail_threshold}});
    }
  }
  return families;
}

int RunDatasetCheck(const DatasetCheckCommand& c) {
  ReadOptions options;
  Status s = c.reader.ToReadOptions(&options);
  if (!s.ok()) return Fail(s);
  auto thresholds = DefaultQualityThresholds();
  for (const std::string& spec : c.quality_thresholds) {
    s = ParseQualityThreshold(spec, &thresholds);
    if (!s.ok()) return Fail(s);
  }
  RoleAssignment roles;
  if (!c.schema.empty()) {
    auto loaded = LoadSchemaFile(c.schema);
    if (!loaded.ok()) return Fail(loaded.status());
    roles = *loaded;
  }
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  store::DatasetVersion target, reference;
  s = opened->db->ReadTransaction([&](store::Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(c.dataset));
    AIRM_ASSIGN_OR_RETURN(target, store::ResolveDatasetVersion(tx, ref));
    if (!c.reference.empty()) {
      AIRM_ASSIGN_OR_RETURN(store::Reference rr, store::ParseReference(c.reference));
      AIRM_ASSIGN_OR_RETURN(reference, store::ResolveDatasetVersion(tx, rr));
    } else if (target.version > 1) {
      AIRM_ASSIGN_OR_RETURN(reference, store::ResolveDatasetVersion(
                                           tx, {target.name, std::to_string(target.version - 1)}));
    } else {
      reference = target;
    }
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);

  Table current, baseline;
  Progress("verifying and reading " + target.Ref());
  s = VerifyAndLoad(target, options, &current);
  if (!s.ok()) return Fail(s);
  s = reference.id == target.id ? Status::Ok() : VerifyAndLoad(reference, options, &baseline);
  if (!s.ok()) return Fail(s);
  const Table& base = reference.id == target.id ? current : baseline;
  Table base_copy = base;
  s = ApplyRoles(roles, reference.Ref(), &base_copy);
  if (!s.ok()) return Fail(s);
  std::vector<std::string> columns;
  for (size_t i = 0; i < base_copy.num_columns(); ++i) {
    const std::string& name = base_copy.column(i).name();
    const ColumnRole role = base_copy.role(i);
    bool ignored = std::find(roles.ignore.begin(), roles.ignore.end(), name) != roles.ignore.end();
    if (role != ColumnRole::kId && role != ColumnRole::kTimestamp && !ignored)
      columns.push_back(name);
  }
  const std::vector<QualityCheck> checks = CheckQuality(base_copy, current, columns, thresholds);
  const std::vector<CheckFamily> families = GroupByFamily(checks);
  const CheckStatus overall = WorstStatus(checks);

  Json doc = StoreDocument("dataset_check");
  doc["dataset"] = {{"ref", target.Ref()}, {"digest", target.digest}};
  doc["reference"] = {
      {"ref", reference.Ref()}, {"digest", reference.digest}, {"self", reference.id == target.id}};
  doc["status"] = CheckStatusName(overall);
  doc["checks"] = Json::array();
  for (const CheckFamily& f : families) {
    doc["checks"].push_back({{"name", f.name},
                             {"status", CheckStatusName(f.status)},
                             {"metrics", f.metrics},
                             {"findings", f.findings}});
  }
  std::vector<GateOutcome> gates;
  if (!c.fail_on.empty()) {
    auto g = EvaluateGates(c.fail_on, doc.dump(), kCheckAliases);
    if (!g.ok()) return Fail(g.status());
    gates = std::move(g).value();
  }

  const std::string executed_at = store::UtcNow();
  s = opened->db->WriteTransaction([&](store::Database& tx) -> Status {
    for (const CheckFamily& f : families) {
      store::QualityCheckRun row;
      row.check_name = f.name;
      row.dataset_version_id = target.id;
      if (reference.id != target.id) row.reference_dataset_version_id = reference.id;
      row.status = CheckStatusName(f.status);
      row.metrics_json = f.metrics.dump();
      row.findings_json = f.findings.dump();
      row.executed_at = executed_at;
      AIRM_RETURN_IF_ERROR(store::RecordQualityCheckRun(tx, row).status());
    }
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);

  if (c.store.json) {
    PrintJson(doc);
  } else {
    std::cout << target.Ref() << " checked against "
              << (reference.id == target.id
                      ? "itself (no earlier version; only absolute checks apply)"
                      : reference.Ref())
              << ": " << CheckStatusName(overall) << "\n";
    for (const CheckFamily& f : families) {
      std::cout << "  " << CheckStatusName(f.status) << "  " << f.name << "\n";
      for (const Json& finding : f.findings) {
        std::cout << "        " << finding.value("message", "") << "\n";
      }
    }
    std::cout << "recorded " << families.size() << " quality check runs at " << executed_at << "\n";
    for (const GateOutcome& g : gates) {
      if (g.held) std::cout << "gate held: " << g.condition << " (observed " << g.observed << ")\n";
    }
  }
  return AnyGateHeld(gates) ? kExitGateFailed : kExitOk;
}

}  // namespace

void AddDatasetCheckCommand(CLI::App* dataset, StoreCommandSet* set) {
  static std::unique_ptr<DatasetCheckCommand> holder = std::make_unique<DatasetCheckCommand>();
  DatasetCheckCommand* c = holder.get();
  CLI::App* sub = dataset->add_subcommand(
      "check", "Run the data-quality checks on a dataset version and record the results");
  sub->add_option("dataset", c->dataset, "NAME@VERSION to check")->required();
  sub->add_option("--reference", c->reference,
                  "NAME@VERSION to compare with (default: the previous version)");
  sub->add_option("--schema", c->schema, "YAML file of column roles (id/timestamp/ignore skipped)");
  sub->add_option("--quality-threshold", c->quality_thresholds,
                  "Override a check's thresholds: NAME=WARN,FAIL")
      ->allow_extra_args(false);
  sub->add_option("--fail-on", c->fail_on,
                  "Exit 1 when a condition holds: fail, warn, or PATH OP VALUE");
  sub->add_option("--delimiter", c->reader.delimiter, "CSV delimiter (default: detect)");
  sub->add_option("--null-token", c->reader.null_tokens,
                  "A value meaning missing (repeatable; replaces the defaults)")
      ->allow_extra_args(false);
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunDatasetCheck(*c); });
}

}  // namespace airm::cli
