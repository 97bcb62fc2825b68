#include "airm/report/json_util.h"

#include <cmath>

namespace airm::report {

Json JsonNumber(double x) {
  if (!std::isfinite(x)) return nullptr;
  return x;
}

Json JsonNumber(std::optional<double> x) { return x ? JsonNumber(*x) : Json(nullptr); }

Json InputInfoJson(const InputInfo& input) {
  return {{"path", input.path},
          {"sha256", input.sha256},
          {"rows", input.rows},
          {"columns", input.columns},
          {"bytes", input.bytes}};
}

Json FindingJson(const Finding& finding) {
  Json evidence = Json::object();
  for (const auto& [name, value] : finding.evidence) evidence[name] = JsonNumber(value);
  return {{"severity", SeverityName(finding.severity)},
          {"code", finding.code},
          {"subject", finding.subject},
          {"message", finding.message},
          {"evidence", std::move(evidence)}};
}

Json DocumentHeader(const char* kind, const char* schema_version, const ReportMeta& meta) {
  Json doc = Json::object();
  doc["kind"] = kind;
  doc["schema_version"] = schema_version;
  doc["airm_version"] = meta.airm_version;
  doc["generated_at"] = meta.generated_at;
  doc["command"] = meta.command_line;
  return doc;
}

std::string DumpJson(const Json& doc) {
  // error_handler_t::replace: a Latin-1 column name must not abort a report.
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace airm::report
