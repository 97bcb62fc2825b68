// `airm dataset list [NAME]` and `airm dataset show NAME@VERSION`.
#include <cstdio>
#include <iostream>
#include <memory>

#include "airm/store/datasets.h"
#include "airm/store/quality_checks.h"
#include "airm/store/runs.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DatasetListCommand {
  StoreFlags store;
  std::string name;
};

struct DatasetShowCommand {
  StoreFlags store;
  std::string reference;
};

std::string Cell(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "—"; }

int RunDatasetList(const DatasetListCommand& c) {
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  std::optional<std::string> name;
  if (!c.name.empty()) name = c.name;
  auto versions = store::ListDatasetVersions(*opened->db, name);
  if (!versions.ok()) return Fail(versions.status());
  if (!c.store.json.empty()) {
    Json doc = StoreDocument("dataset_versions");
    doc["versions"] = Json::array();
    for (const store::DatasetVersion& v : *versions) {
      doc["versions"].push_back(DatasetVersionJson(v, false));
    }
    Status s = WriteJsonOutput(c.store, doc);
    if (!s.ok()) return Fail(s);
  }
  if (!c.store.TextToStdout()) return kExitOk;
  if (versions->empty()) {
    std::cout << "no datasets registered yet (airm dataset register FILE --name NAME)\n";
    return kExitOk;
  }
  std::printf("%-32s %-21s %10s  %-20s  %s\n", "DATASET", "DIGEST", "ROWS", "REGISTERED", "BY");
  for (const store::DatasetVersion& v : *versions) {
    std::printf("%-32s %-21s %10s  %-20s  %s\n", v.Ref().c_str(), ShortDigest(v.digest).c_str(),
                Cell(v.row_count).c_str(), v.registered_at.c_str(), v.registered_by.c_str());
  }
  return kExitOk;
}

struct ShowData {
  store::DatasetVersion version;
  std::vector<store::Run> producers;
  std::vector<store::QualityCheckRun> checks;
  std::vector<store::ColumnDerivation> lineage;
  std::map<int64_t, std::string> refs;  // dataset version id -> NAME@V, for lineage inputs
};

Status LoadShowData(store::Database& db, const std::string& reference, ShowData* out) {
  AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(reference));
  AIRM_ASSIGN_OR_RETURN(out->version, store::ResolveDatasetVersion(db, ref));
  AIRM_ASSIGN_OR_RETURN(out->producers, store::RunsProducing(db, out->version.id));
  AIRM_ASSIGN_OR_RETURN(out->checks, store::QualityCheckRunsOf(db, out->version.id));
  AIRM_ASSIGN_OR_RETURN(out->lineage, store::ColumnLineageOf(db, out->version.id));
  for (const store::Run& run : out->producers) {
    for (const store::RunInput& in : run.inputs) {
      AIRM_ASSIGN_OR_RETURN(store::DatasetVersion v,
                            store::GetDatasetVersion(db, in.dataset_version_id));
      out->refs[v.id] = v.Ref();
    }
  }
  for (const store::ColumnDerivation& d : out->lineage) {
    if (d.input_dataset_version_id && !out->refs.contains(*d.input_dataset_version_id)) {
      AIRM_ASSIGN_OR_RETURN(store::DatasetVersion v,
                            store::GetDatasetVersion(db, *d.input_dataset_version_id));
      out->refs[v.id] = v.Ref();
    }
  }
  return Status::Ok();
}

std::string RefOf(const ShowData& data, std::optional<int64_t> id) {
  if (!id) return "?";
  auto it = data.refs.find(*id);
  return it == data.refs.end() ? "#" + std::to_string(*id) : it->second;
}

Json ShowJson(const ShowData& d) {
  Json doc = StoreDocument("dataset_version");
  doc["dataset_version"] = DatasetVersionJson(d.version, true);
  doc["producing_runs"] = Json::array();
  for (const store::Run& run : d.producers) {
    Json r = RunJson(run);
    r["inputs"] = Json::array();
    for (const store::RunInput& in : run.inputs) {
      r["inputs"].push_back({{"ref", RefOf(d, in.dataset_version_id)}, {"role", in.role}});
    }
    doc["producing_runs"].push_back(std::move(r));
  }
  doc["quality_checks"] = Json::array();
  for (const store::QualityCheckRun& q : d.checks) {
    doc["quality_checks"].push_back({{"check", q.check_name},
                                     {"status", q.status},
                                     {"executed_at", q.executed_at},
                                     {"metrics", ParsedOrNull(q.metrics_json)},
                                     {"findings", ParsedOrNull(q.findings_json)}});
  }
  doc["column_lineage"] = Json::array();
  for (const store::ColumnDerivation& c : d.lineage) {
    doc["column_lineage"].push_back(
        {{"output_column", c.output_column},
         {"input",
          c.input_dataset_version_id ? Json(RefOf(d, c.input_dataset_version_id)) : Json(nullptr)},
         {"input_column", c.input_column},
         {"transformation", c.transformation},
         {"description", c.description ? Json(*c.description) : Json(nullptr)}});
  }
  return doc;
}

void PrintShowText(const ShowData& d) {
  const store::DatasetVersion& v = d.version;
  std::cout << v.Ref() << "\n  digest      " << v.digest << "\n  rows        " << Cell(v.row_count)
            << "\n  bytes       " << Cell(v.bytes) << "\n  path        " << v.path.value_or("—")
            << "\n  source      " << v.source_uri.value_or("—") << "\n  registered  "
            << v.registered_at << " by " << v.registered_by << "\n";
  for (const auto& [key, value] : v.tags)
    std::cout << "  tag         " << key << "=" << value << "\n";
  Json schema = ParsedOrNull(v.schema_json);
  if (schema.is_array()) {
    std::cout << "schema (" << schema.size() << " columns)\n";
    for (const Json& col : schema) {
      std::cout << "  " << col.value("name", "") << "  " << col.value("type", "") << "\n";
    }
  } else {
    std::cout << "schema: not read as a table\n";
  }
  std::cout << "produced by" << (d.producers.empty() ? ": no recorded run (a source)\n" : "\n");
  for (const store::Run& run : d.producers) {
    std::cout << "  run " << run.run_uuid << "  job " << run.job_name << "  " << run.status << "  "
              << run.started_at << "\n";
    for (const store::RunInput& in : run.inputs) {
      std::cout << "    input " << RefOf(d, in.dataset_version_id) << " (" << in.role << ")\n";
    }
  }
  if (!d.lineage.empty()) std::cout << "column lineage\n";
  for (const store::ColumnDerivation& c : d.lineage) {
    std::cout << "  " << c.output_column << " <- " << RefOf(d, c.input_dataset_version_id) << "."
              << c.input_column << " (" << c.transformation
              << (c.description ? ": " + *c.description : "") << ")\n";
  }
  std::cout << "quality checks" << (d.checks.empty() ? ": none recorded\n" : "\n");
  for (const store::QualityCheckRun& q : d.checks) {
    std::cout << "  " << q.executed_at << "  " << q.check_name << "  " << q.status << "\n";
  }
}

int RunDatasetShow(const DatasetShowCommand& c) {
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  ShowData data;
  Status s = opened->db->ReadTransaction(
      [&](store::Database& tx) { return LoadShowData(tx, c.reference, &data); });
  if (!s.ok()) return Fail(s);
  s = WriteJsonOutput(c.store, ShowJson(data));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) PrintShowText(data);
  return kExitOk;
}

}  // namespace

void AddDatasetListCommands(CLI::App* dataset, StoreCommandSet* set) {
  static std::unique_ptr<DatasetListCommand> list = std::make_unique<DatasetListCommand>();
  static std::unique_ptr<DatasetShowCommand> show = std::make_unique<DatasetShowCommand>();
  CLI::App* list_sub = dataset->add_subcommand("list", "List dataset versions");
  list_sub->add_option("name", list->name, "Only this dataset's versions");
  AddStoreFlags(list_sub, &list->store);
  set->Add(list_sub, [c = list.get()] { return RunDatasetList(*c); });

  CLI::App* show_sub = dataset->add_subcommand(
      "show", "A dataset version: metadata, schema, tags, producing runs, quality checks");
  show_sub
      ->add_option("reference", show->reference,
                   "NAME@VERSION (VERSION: number, digest "
                   "prefix or latest)")
      ->required();
  AddStoreFlags(show_sub, &show->store);
  set->Add(show_sub, [c = show.get()] { return RunDatasetShow(*c); });
}

}  // namespace airm::cli
