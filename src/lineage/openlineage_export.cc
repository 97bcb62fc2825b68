// ExportOpenLineage: every run as a START and a terminal RunEvent.
//
// Why two events and not only the terminal one: the spec asks every run to
// emit one START and one of COMPLETE / FAIL / ABORT, and consumers such as
// Marquez derive a run's duration and state history from the pair. The START
// event carries what was known when the run began (job, inputs, command); the
// terminal one adds outputs, column lineage, the exit code and any error.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "airm/lineage/openlineage.h"
#include "airm/report/file_uri.h"
#include "airm/report/format.h"
#include "airm/store/records.h"
#include "openlineage_facets.h"
#include "sql_in_list.h"

namespace airm::lineage {

using report::Cat;

namespace {

using internal::Json;
using internal::QueryIn;
using internal::ToValues;
using store::Database;
using store::Row;

struct DatasetRow {
  std::string dataset_namespace;
  std::string name;
  std::string digest;
  std::optional<int64_t> row_count;
  std::optional<int64_t> bytes;
  std::optional<std::string> schema_json;
  std::optional<std::string> source_uri;
  std::optional<std::string> abs_path;
};

struct ColumnRow {
  int64_t output_id = 0;
  std::string output_column;
  int64_t input_id = 0;
  std::string input_column;
  std::string transformation;
  std::optional<std::string> description;
};

struct ModelRow {
  std::string name;
  std::string version;
  std::string artifact_digest;
};

// A stored run (the store's own record) plus what the export joins to it.
struct RunRow : store::Run {
  std::vector<std::pair<int64_t, std::string>> inputs;  // (dataset version id, role)
  std::vector<int64_t> outputs;
  std::vector<ColumnRow> columns;
  std::vector<ModelRow> models;
};

struct Snapshot {
  std::vector<RunRow> runs;
  std::map<int64_t, DatasetRow> datasets;
};

Status LoadSnapshot(Database& db, const std::optional<std::string>& since, Snapshot* out) {
  const std::string from = since.value_or("");
  AIRM_RETURN_IF_ERROR(
      db.QueryEach("SELECT r.id, r.run_uuid, j.namespace, j.name, j.kind, r.status, r.started_at,"
                   " r.ended_at, r.exit_code, r.code_version, r.command_json, r.parameters_json,"
                   " r.environment_json, r.error FROM runs r JOIN jobs j ON j.id = r.job_id"
                   " WHERE r.started_at >= ? OR r.ended_at >= ? ORDER BY r.started_at, r.id",
                   {from, from}, [&](const Row& r) {
                     RunRow run;
                     run.id = r.Int(0);
                     run.run_uuid = r.Text(1);
                     run.job_namespace = r.Text(2);
                     run.job_name = r.Text(3);
                     run.job_kind = r.OptionalText(4);
                     run.status = r.Text(5);
                     run.started_at = r.Text(6);
                     run.ended_at = r.OptionalText(7);
                     run.exit_code = r.OptionalInt(8);
                     run.code_version = r.OptionalText(9);
                     run.command_json = r.OptionalText(10);
                     run.parameters_json = r.OptionalText(11);
                     run.environment_json = r.OptionalText(12);
                     run.error = r.OptionalText(13);
                     out->runs.push_back(std::move(run));
                     return Status::Ok();
                   }));
  std::map<int64_t, RunRow*> by_id;
  std::vector<int64_t> ids;
  for (RunRow& r : out->runs) {
    by_id[r.id] = &r;
    ids.push_back(r.id);
  }
  const std::vector<store::Value> keys = ToValues(ids);
  std::set<int64_t> dataset_ids;
  AIRM_RETURN_IF_ERROR(QueryIn(db,
                               "SELECT run_id, dataset_version_id, role FROM run_inputs"
                               " WHERE run_id IN (@IN) ORDER BY run_id, dataset_version_id, role",
                               {}, keys, {}, [&](const Row& r) {
                                 by_id[r.Int(0)]->inputs.push_back({r.Int(1), r.Text(2)});
                                 dataset_ids.insert(r.Int(1));
                                 return Status::Ok();
                               }));
  AIRM_RETURN_IF_ERROR(QueryIn(db,
                               "SELECT run_id, dataset_version_id FROM run_outputs"
                               " WHERE run_id IN (@IN) ORDER BY run_id, dataset_version_id",
                               {}, keys, {}, [&](const Row& r) {
                                 by_id[r.Int(0)]->outputs.push_back(r.Int(1));
                                 dataset_ids.insert(r.Int(1));
                                 return Status::Ok();
                               }));
  AIRM_RETURN_IF_ERROR(
      QueryIn(db,
              "SELECT run_id, output_dataset_version_id, output_column, input_dataset_version_id,"
              " input_column, transformation, description FROM column_lineage"
              " WHERE run_id IN (@IN) AND input_dataset_version_id IS NOT NULL"
              " ORDER BY run_id, output_column, id",
              {}, keys, {}, [&](const Row& r) {
                by_id[r.Int(0)]->columns.push_back(
                    {r.Int(1), r.Text(2), r.Int(3), r.Text(4), r.Text(5), r.OptionalText(6)});
                dataset_ids.insert(r.Int(3));
                return Status::Ok();
              }));
  AIRM_RETURN_IF_ERROR(
      QueryIn(db,
              "SELECT mv.training_run_id, m.name, mv.version, mv.artifact_digest"
              " FROM model_versions mv JOIN models m ON m.id = mv.model_id"
              " WHERE mv.training_run_id IN (@IN) ORDER BY m.name, mv.version",
              {}, keys, {}, [&](const Row& r) {
                by_id[r.Int(0)]->models.push_back({r.Text(1), r.Text(2), r.Text(3)});
                return Status::Ok();
              }));
  AIRM_RETURN_IF_ERROR(
      QueryIn(db,
              "SELECT dv.id, d.namespace, d.name, dv.digest, dv.row_count, dv.bytes,"
              " dv.schema_json, dv.source_uri, dv.abs_path FROM dataset_versions dv"
              " JOIN datasets d ON d.id = dv.dataset_id WHERE dv.id IN (@IN)",
              {}, ToValues(std::vector<int64_t>(dataset_ids.begin(), dataset_ids.end())), {},
              [&](const Row& r) {
                out->datasets[r.Int(0)] = {r.Text(1),         r.Text(2),        r.Text(3),
                                           r.OptionalInt(4),  r.OptionalInt(5), r.OptionalText(6),
                                           r.OptionalText(7), r.OptionalText(8)};
                return Status::Ok();
              }));
  // Datasets in name order, not id order: ids differ between stores, and the
  // same runs must export the same lines wherever they are stored.
  auto key = [&](int64_t id) {
    const DatasetRow& d = out->datasets.at(id);
    return std::tie(d.dataset_namespace, d.name, d.digest);
  };
  for (RunRow& run : out->runs) {
    std::sort(run.inputs.begin(), run.inputs.end(), [&](const auto& a, const auto& b) {
      return std::tuple_cat(key(a.first), std::tie(a.second)) <
             std::tuple_cat(key(b.first), std::tie(b.second));
    });
    std::sort(run.outputs.begin(), run.outputs.end(),
              [&](int64_t a, int64_t b) { return key(a) < key(b); });
  }
  return Status::Ok();
}

class EventWriter {
 public:
  EventWriter(const Snapshot& snapshot, std::string producer)
      : snapshot_(snapshot), producer_(std::move(producer)) {}

  // The run's events as (eventTime, line) pairs.
  void Events(const RunRow& run, std::vector<std::pair<std::string, std::string>>* out) const {
    out->push_back({run.started_at, Event(run, "START", run.started_at)});
    if (run.status == "running") return;
    static const std::map<std::string, std::string> kTerminal = {
        {"completed", "COMPLETE"}, {"failed", "FAIL"}, {"aborted", "ABORT"}};
    const std::string at = run.ended_at.value_or(run.started_at);
    out->push_back({at, Event(run, kTerminal.at(run.status), at)});
  }

 private:
  std::string Event(const RunRow& run, const std::string& type, const std::string& at) const {
    const bool terminal = type != "START";
    Json event = {
        {"eventType", type},
        {"eventTime", at},
        {"producer", producer_},
        {"schemaURL", kOpenLineageSchemaUrl},
        {"run", {{"runId", run.run_uuid}, {"facets", RunFacets(run, terminal)}}},
        {"job",
         {{"namespace", run.job_namespace}, {"name", run.job_name}, {"facets", JobFacets(run)}}}};
    Json inputs = Json::array();
    for (const auto& [id, role] : run.inputs) {
      Json input = DatasetJson(id);
      input["inputFacets"] = {
          {internal::kInputRoleFacet,
           internal::Facet(producer_, internal::AirmFacetSchema("AirmInputRoleInputDatasetFacet"),
                           {{"role", role}})}};
      inputs.push_back(std::move(input));
    }
    event["inputs"] = std::move(inputs);
    Json outputs = Json::array();
    if (terminal) {
      for (int64_t id : run.outputs) {
        Json output = DatasetJson(id);
        Json lineage = ColumnLineage(run, id);
        if (!lineage.is_null()) output["facets"]["columnLineage"] = std::move(lineage);
        outputs.push_back(std::move(output));
      }
      for (const ModelRow& m : run.models) outputs.push_back(ModelJson(m));
    }
    event["outputs"] = std::move(outputs);
    return event.dump(-1, ' ', false, Json::error_handler_t::replace);
  }

  Json RunFacets(const RunRow& run, bool terminal) const {
    Json facets = Json::object();
    Json airm = Json::object();
    auto parsed = [](const std::optional<std::string>& text) {
      if (!text) return Json(nullptr);
      Json v = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
      return v.is_discarded() ? Json(*text) : v;
    };
    if (run.command_json) airm["command"] = parsed(run.command_json);
    if (run.parameters_json) airm["parameters"] = parsed(run.parameters_json);
    if (run.environment_json) airm["environment"] = parsed(run.environment_json);
    if (terminal && run.exit_code) airm["exitCode"] = *run.exit_code;
    if (!airm.empty()) {
      facets[internal::kRunFacet] =
          internal::Facet(producer_, internal::AirmFacetSchema("AirmRunRunFacet"), airm);
    }
    if (terminal && run.error && run.status != "completed") {
      facets["errorMessage"] =
          internal::Facet(producer_, internal::StandardFacetSchema("1-0-1", "ErrorMessageRunFacet"),
                          {{"message", *run.error}, {"programmingLanguage", "unknown"}});
    }
    return facets;
  }

  Json JobFacets(const RunRow& run) const {
    Json facets = Json::object();
    facets["jobType"] =
        internal::Facet(producer_, internal::StandardFacetSchema("2-0-4", "JobTypeJobFacet"),
                        {{"processingType", "BATCH"},
                         {"integration", "AIRM"},
                         {"jobType", run.job_kind.value_or("") == "training" ? "MODEL" : "JOB"}});
    if (run.job_kind) {
      facets["tags"] =
          internal::Facet(producer_, internal::StandardFacetSchema("1-0-0", "TagsJobFacet"),
                          {{"tags", Json::array({{{"key", internal::kJobKindTag},
                                                  {"value", *run.job_kind},
                                                  {"source", "airm"}}})}});
    }
    if (run.code_version) {
      std::optional<std::string> url = SourceCodeUrl(run);
      if (url) {
        facets["sourceCodeLocation"] = internal::Facet(
            producer_, internal::StandardFacetSchema("1-1-0", "SourceCodeLocationJobFacet"),
            {{"type", "git"}, {"url", *url}, {"version", *run.code_version}});
      }
    }
    return facets;
  }

  // An imported run keeps the URL it came with; a run airm recorded points
  // at the repository it ran in.
  static std::optional<std::string> SourceCodeUrl(const RunRow& run) {
    if (!run.environment_json) return std::nullopt;
    Json env = Json::parse(*run.environment_json, nullptr, /*allow_exceptions=*/false);
    if (!env.is_object()) return std::nullopt;
    if (env.contains("source_code_url") && env["source_code_url"].is_string()) {
      return env["source_code_url"].get<std::string>();
    }
    if (env.contains("cwd") && env["cwd"].is_string()) {
      return report::FileUri(env["cwd"].get<std::string>());
    }
    return std::nullopt;
  }

  Json DatasetJson(int64_t id) const {
    const DatasetRow& d = snapshot_.datasets.at(id);
    Json facets = Json::object();
    if (d.schema_json) {
      Json schema = Json::parse(*d.schema_json, nullptr, /*allow_exceptions=*/false);
      if (schema.is_array()) {
        Json fields = Json::array();
        for (const Json& f : schema) {
          if (!f.is_object() || !f.contains("name")) continue;
          Json field = {{"name", f["name"]}};
          if (f.contains("type")) field["type"] = f["type"];
          fields.push_back(std::move(field));
        }
        facets["schema"] =
            internal::Facet(producer_, internal::StandardFacetSchema("1-2-0", "SchemaDatasetFacet"),
                            {{"fields", std::move(fields)}});
      }
    }
    std::optional<std::string> uri = d.source_uri;
    if (!uri && d.abs_path) uri = report::FileUri(*d.abs_path);
    if (uri) {
      facets["dataSource"] = internal::Facet(
          producer_, internal::StandardFacetSchema("1-0-1", "DatasourceDatasetFacet"),
          {{"name", d.dataset_namespace}, {"uri", *uri}});
    }
    std::optional<std::string> version = DatasetVersionOf(d.digest);
    if (version) {
      facets["version"] = internal::Facet(
          producer_, internal::StandardFacetSchema("1-0-1", "DatasetVersionDatasetFacet"),
          {{"datasetVersion", *version}});
    }
    if (d.digest.starts_with("sha256:")) {
      Json digest = {{"algorithm", "sha256"}, {"digest", d.digest.substr(7)}};
      if (d.row_count) digest["rowCount"] = *d.row_count;
      if (d.bytes) digest["bytes"] = *d.bytes;
      facets[internal::kContentDigestFacet] = internal::Facet(
          producer_, internal::AirmFacetSchema("AirmContentDigestDatasetFacet"), digest);
    }
    return {{"namespace", d.dataset_namespace}, {"name", d.name}, {"facets", std::move(facets)}};
  }

  // The digest itself for content-addressed data; the original version
  // string of data imported from another emitter ("openlineage:ns/name#v").
  static std::optional<std::string> DatasetVersionOf(const std::string& digest) {
    if (!digest.starts_with("openlineage:")) return digest;
    const size_t hash = digest.rfind('#');
    if (hash == std::string::npos) return std::nullopt;
    std::string version = digest.substr(hash + 1);
    if (version == "unversioned") return std::nullopt;
    return version;
  }

  Json ColumnLineage(const RunRow& run, int64_t output_id) const {
    Json fields = Json::object();
    for (const ColumnRow& c : run.columns) {
      if (c.output_id != output_id) continue;
      const DatasetRow& in = snapshot_.datasets.at(c.input_id);
      Json transformation = {{"type", c.transformation}};
      if (c.description) transformation["description"] = *c.description;
      fields[c.output_column]["inputFields"].push_back(
          {{"namespace", in.dataset_namespace},
           {"name", in.name},
           {"field", c.input_column},
           {"transformations", Json::array({std::move(transformation)})}});
    }
    if (fields.empty()) return nullptr;
    return internal::Facet(producer_,
                           internal::StandardFacetSchema("1-2-0", "ColumnLineageDatasetFacet"),
                           {{"fields", std::move(fields)}});
  }

  Json ModelJson(const ModelRow& m) const {
    Json facets = {
        {"datasetType",
         internal::Facet(producer_,
                         internal::StandardFacetSchema("1-0-1", "DatasetTypeDatasetFacet"),
                         {{"datasetType", "MODEL"}})},
        {"version",
         internal::Facet(producer_,
                         internal::StandardFacetSchema("1-0-1", "DatasetVersionDatasetFacet"),
                         {{"datasetVersion", m.version}})}};
    if (m.artifact_digest.starts_with("sha256:")) {
      facets[internal::kContentDigestFacet] =
          internal::Facet(producer_, internal::AirmFacetSchema("AirmContentDigestDatasetFacet"),
                          {{"algorithm", "sha256"}, {"digest", m.artifact_digest.substr(7)}});
    }
    return {{"namespace", internal::kModelNamespace}, {"name", m.name}, {"facets", facets}};
  }

  const Snapshot& snapshot_;
  std::string producer_;
};

}  // namespace

Result<ExportResult> ExportOpenLineage(Database& db, const ExportOptions& options) {
  Snapshot snapshot;
  AIRM_RETURN_IF_ERROR(
      db.ReadTransaction([&](Database& tx) { return LoadSnapshot(tx, options.since, &snapshot); }));
  EventWriter writer(snapshot, internal::ProducerUrl(options.airm_version));
  std::vector<std::pair<std::string, std::string>> events;
  for (const RunRow& run : snapshot.runs) writer.Events(run, &events);
  if (options.since) {
    std::erase_if(events, [&](const auto& e) { return e.first < *options.since; });
  }
  // Time order; a run's START before its end even when both share a second.
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  ExportResult out;
  out.runs = static_cast<int64_t>(snapshot.runs.size());
  out.events = static_cast<int64_t>(events.size());
  for (const auto& [time, line] : events) {
    out.lines += line;
    out.lines += '\n';
  }
  return out;
}

}  // namespace airm::lineage
