#include "store_record_json.h"

namespace airm::report {
Json StoreDocumentHeader(const char* kind, const ReportMeta& meta) {
  return DocumentHeader(kind, "1.0", meta);
}

Json FindingsJson(const std::vector<Finding>& findings) {
  Json out = Json::array();
  for (const Finding& f : findings) out.push_back(FindingJson(f));
  return out;
}

Json ParsedOrNull(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  Json parsed = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? Json(nullptr) : parsed;
}

Json DatasetVersionJson(const store::DatasetVersion& v, bool with_profile) {
  Json j = {{"ref", v.Ref()},
            {"name", v.name},
            {"version", v.version},
            {"digest", v.digest},
            {"bytes", OrNull(v.bytes)},
            {"rows", OrNull(v.row_count)},
            {"schema", ParsedOrNull(v.schema_json)},
            {"source_uri", OrNull(v.source_uri)},
            {"path", OrNull(v.path)},
            {"abs_path", OrNull(v.abs_path)},
            {"registered_at", v.registered_at},
            {"registered_by", v.registered_by},
            {"tags", v.tags}};
  if (with_profile) j["profile"] = ParsedOrNull(v.profile_json);
  return j;
}

Json RunJson(const store::Run& run) {
  Json inputs = Json::array();
  for (const store::RunInput& in : run.inputs) {
    inputs.push_back({{"dataset_version_id", in.dataset_version_id}, {"role", in.role}});
  }
  return {
      {"run_id", run.run_uuid},
      {"job",
       {{"namespace", run.job_namespace}, {"name", run.job_name}, {"kind", OrNull(run.job_kind)}}},
      {"status", run.status},
      {"started_at", run.started_at},
      {"ended_at", OrNull(run.ended_at)},
      {"exit_code", OrNull(run.exit_code)},
      {"code_version", OrNull(run.code_version)},
      {"command", ParsedOrNull(run.command_json)},
      {"parameters", ParsedOrNull(run.parameters_json)},
      {"environment", ParsedOrNull(run.environment_json)},
      {"error", OrNull(run.error)},
      {"source", run.source}};
}

Json ModelVersionJson(const store::ModelVersion& v) {
  return {{"ref", v.Ref()},
          {"name", v.name},
          {"version", v.version},
          {"artifact_digest", v.artifact_digest},
          {"artifact_path", OrNull(v.artifact_path)},
          {"artifact_abs_path", OrNull(v.artifact_abs_path)},
          {"parameters", ParsedOrNull(v.parameters_json)},
          {"card", ParsedOrNull(v.card_json)},
          {"registered_at", v.registered_at},
          {"registered_by", v.registered_by}};
}

Json DeploymentJson(const store::Deployment& d) {
  return {{"id", d.id},
          {"environment", d.environment},
          {"valid_from", d.valid_from},
          {"valid_to", OrNull(d.valid_to)},
          {"deployed_by", d.deployed_by}};
}

}  // namespace airm::report
