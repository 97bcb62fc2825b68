// The model card as JSON with the Model Card Toolkit's field names (schema
// 0.0.2: model_details, model_parameters, quantitative_analysis,
// considerations), wrapped in airm's document header. Additions MCT has no
// field for (digests, upstream summaries, out-of-scope uses, quality checks,
// deployments) are extra keys, which MCT readers ignore.
#include "airm/lineage/model_card.h"
#include "airm/report/json_util.h"
#include "card_renderers.h"

namespace airm::lineage::internal {
namespace {

using report::Json;

Json Text(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json Descriptions(const std::vector<std::string>& items) {
  Json out = Json::array();
  for (const std::string& s : items) out.push_back({{"description", s}});
  return out;
}

Json Details(const ModelCard& c) {
  Json owners = Json::array(), licenses = Json::array(), references = Json::array();
  for (const CardOwner& o : c.owners) owners.push_back({{"name", o.name}, {"contact", o.contact}});
  for (const CardLicense& l : c.licenses) {
    licenses.push_back(l.identifier.empty() ? Json{{"custom_text", l.custom_text}}
                                            : Json{{"identifier", l.identifier}});
  }
  for (const std::string& r : c.references) references.push_back({{"reference", r}});
  Json training = nullptr;
  if (c.training_run_uuid) {
    training = {{"run_id", *c.training_run_uuid},
                {"job", Text(c.training_job)},
                {"code_version", Text(c.code_version)}};
  }
  return {{"name", c.name},
          {"overview", Text(c.overview)},
          {"documentation", Text(c.documentation)},
          {"owners", std::move(owners)},
          {"version", {{"name", c.version}, {"date", c.registered_at}}},
          {"licenses", std::move(licenses)},
          {"references", std::move(references)},
          {"path", Text(c.artifact_path)},
          {"artifact_digest", c.artifact_digest},
          {"registered_by", c.registered_by},
          {"training_run", std::move(training)}};
}

Json Parameters(const ModelCard& c) {
  Json data = Json::array();
  for (const CardDataset& d : c.data) {
    data.push_back({{"name", d.dataset},
                    {"link", d.lineage_command},
                    {"description", CardDataDescription(d)},
                    {"role", d.role},
                    {"digest", d.digest},
                    {"rows", d.row_count ? Json(*d.row_count) : Json(nullptr)},
                    {"source_uri", Text(d.source_uri)},
                    {"registered_at", d.registered_at},
                    {"upstream", {{"runs", d.upstream_runs}, {"sources", d.upstream_sources}}}});
  }
  Json params = Json::object();
  for (const auto& [k, v] : c.parameters) params[k] = v;
  return {{"data", std::move(data)}, {"parameters", std::move(params)}};
}

Json Quantitative(const ModelCard& c) {
  Json metrics = Json::array();
  for (const CardMetric& m : c.metrics) {
    Json ci = nullptr;
    if (m.ci_low || m.ci_high) {
      ci = {{"lower_bound", report::JsonNumber(m.ci_low)},
            {"upper_bound", report::JsonNumber(m.ci_high)}};
    }
    metrics.push_back({{"type", m.name},
                       {"value", report::JsonNumber(m.value)},
                       {"slice", m.segment.empty() ? "overall" : m.segment},
                       {"confidence_interval", std::move(ci)},
                       {"dataset", Text(m.dataset)}});
  }
  return {{"performance_metrics", std::move(metrics)}};
}

Json Considerations(const ModelCard& c) {
  Json ethical = Json::array();
  for (const CardEthicalConsideration& e : c.ethical_considerations) {
    ethical.push_back({{"name", e.name}, {"mitigation_strategy", e.mitigation_strategy}});
  }
  return {{"users", Descriptions(c.users)},
          {"use_cases", Descriptions(c.use_cases)},
          {"out_of_scope_uses", Descriptions(c.out_of_scope)},
          {"limitations", Descriptions(c.limitations)},
          {"tradeoffs", Descriptions(c.tradeoffs)},
          {"ethical_considerations", std::move(ethical)}};
}

}  // namespace

std::string RenderModelCardJson(const ModelCard& c, const ReportMeta& meta) {
  Json doc = report::DocumentHeader("model_card", kModelCardSchemaVersion, meta);
  doc["model_card_toolkit_schema_version"] = "0.0.2";
  doc["model_details"] = Details(c);
  doc["model_parameters"] = Parameters(c);
  doc["quantitative_analysis"] = Quantitative(c);
  doc["considerations"] = Considerations(c);
  Json checks = Json::array(), deployments = Json::array();
  for (const CardQualityCheck& q : c.quality_checks) {
    checks.push_back({{"dataset", q.dataset},
                      {"check", q.check_name},
                      {"last_status", q.status},
                      {"last_executed_at", q.executed_at},
                      {"runs", q.runs}});
  }
  for (const CardDeployment& d : c.deployments) {
    deployments.push_back({{"environment", d.environment},
                           {"valid_from", d.valid_from},
                           {"valid_to", Text(d.valid_to)},
                           {"current", !d.valid_to.has_value()}});
  }
  doc["quality_checks"] = std::move(checks);
  Json scored = Json::array();
  for (const CardScoredDataFinding& f : c.scored_data_findings) {
    scored.push_back({{"dataset", f.dataset},
                      {"check", f.check_name},
                      {"status", f.status},
                      {"column", f.column},
                      {"message", f.message},
                      {"executed_at", f.executed_at}});
  }
  doc["scored_data_findings"] = std::move(scored);
  Json results = Json::array();
  for (const CardResult& r : c.results) {
    Json scope = Json::array();
    for (const CardScopeShare& s : r.out_of_scope) {
      scope.push_back({{"description", s.description},
                       {"condition", s.condition},
                       {"rows_inside", s.rows_inside},
                       {"rows_known", s.rows_known},
                       {"share", report::JsonNumber(s.share)},
                       {"note", s.note}});
    }
    results.push_back({{"kind", r.kind},
                       {"status", r.status},
                       {"summary", r.summary},
                       {"data_path", Text(r.data_path)},
                       {"data_digest", Text(r.data_digest)},
                       {"recorded_at", r.recorded_at},
                       {"recorded_by", r.recorded_by},
                       {"result_id", r.id},
                       {"reports", r.reports},
                       {"out_of_scope", std::move(scope)}});
  }
  doc["latest_results"] = std::move(results);
  doc["deployments"] = std::move(deployments);
  doc["notes"] = c.notes;
  return report::DumpJson(doc);
}

}  // namespace airm::lineage::internal
