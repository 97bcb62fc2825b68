#include "graph_json.h"

namespace airm::lineage::internal {

Json OptionalString(const std::optional<std::string>& text) {
  return text ? Json(*text) : Json(nullptr);
}

Json OptionalInt(const std::optional<int64_t>& n) { return n ? Json(*n) : Json(nullptr); }

Json RegistrationJson(const DatasetVersionRef& ref) {
  return {{"id", ref.id},
          {"name", ref.name},
          {"namespace", ref.dataset_namespace},
          {"version", ref.version},
          {"reference", ref.Reference()},
          {"rows", OptionalInt(ref.row_count)},
          {"bytes", OptionalInt(ref.bytes)},
          {"path", OptionalString(ref.path)},
          {"abs_path", OptionalString(ref.abs_path)},
          {"source_uri", OptionalString(ref.source_uri)},
          {"registered_at", ref.registered_at},
          {"registered_by", ref.registered_by}};
}

Json FileCheckJson(const FileCheck& file) {
  return {{"subject", file.subject},
          {"path", file.path.empty() ? Json(nullptr) : Json(file.path)},
          {"status", FileStateName(file.state)},
          {"expected_digest", file.expected_digest},
          {"actual_digest", OptionalString(file.actual_digest)}};
}

Json QualityCheckJson(const QualityCheckRef& check) {
  Json metrics = nullptr;
  if (check.metrics_json) {
    metrics = Json::parse(*check.metrics_json, nullptr, /*allow_exceptions=*/false);
    if (metrics.is_discarded()) metrics = *check.metrics_json;
  }
  return {{"check", check.check_name},
          {"status", check.status},
          {"executed_at", check.executed_at},
          {"dataset", check.dataset},
          {"run_id", OptionalString(check.run_uuid)},
          {"seconds_from_reference", OptionalInt(check.seconds_from_reference)},
          {"metrics", std::move(metrics)}};
}

Json ColumnJson(const ColumnDerivation& c) {
  return {{"output_column", c.output_column},
          {"output_dataset", c.output_dataset},
          {"input_column", c.input_column},
          {"input_dataset", OptionalString(c.input_dataset)},
          {"input_digest", OptionalString(c.input_digest)},
          {"transformation", c.transformation},
          {"description", OptionalString(c.description)},
          {"run_id", OptionalString(c.run_uuid)}};
}

namespace {

Json DataRefs(const std::vector<RunDataRef>& refs, bool with_role) {
  Json out = Json::array();
  for (const RunDataRef& r : refs) {
    Json item = {{"digest", r.digest}, {"dataset", r.dataset}};
    if (with_role) item["role"] = r.role;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

Json RunJson(const RunNode& run) {
  return {{"id", run.uuid},
          {"job",
           {{"namespace", run.job_namespace},
            {"name", run.job_name},
            {"kind", OptionalString(run.job_kind)}}},
          {"status", run.status},
          {"started_at", run.started_at},
          {"ended_at", OptionalString(run.ended_at)},
          {"exit_code", OptionalInt(run.exit_code)},
          {"code_version", OptionalString(run.code_version)},
          {"error", OptionalString(run.error)},
          {"source", run.source},
          {"inputs", DataRefs(run.inputs, true)},
          {"outputs", DataRefs(run.outputs, false)}};
}

Json DataNodeJson(const DataNode& node) {
  Json registrations = Json::array(), checks = Json::array(), columns = Json::array(),
       files = Json::array();
  for (const DatasetVersionRef& r : node.registrations)
    registrations.push_back(RegistrationJson(r));
  for (const QualityCheckRef& c : node.quality_checks) checks.push_back(QualityCheckJson(c));
  for (const ColumnDerivation& c : node.columns) columns.push_back(ColumnJson(c));
  for (const FileCheck& f : node.files) files.push_back(FileCheckJson(f));
  return {{"digest", node.digest},
          {"label", node.Label()},
          {"depth", node.depth},
          {"source", node.IsSource()},
          {"registrations", std::move(registrations)},
          {"produced_by", node.produced_by},
          {"quality_checks", std::move(checks)},
          {"columns", std::move(columns)},
          {"files", std::move(files)}};
}

}  // namespace airm::lineage::internal
