// JSON and text of `airm incident open|close|list` and `airm risk reassess`.
#include "airm/report/incident_documents.h"

#include <fmt/format.h>

#include "governance/incident_json.h"

namespace airm::report {
namespace {

Json OptionalJson(const auto& v) { return v ? Json(*v) : Json(nullptr); }

Json WriteTail(Json doc, const usecases::GovernanceWriteResult& w) {
  Json findings = Json::array();
  for (const Finding& f : w.findings) findings.push_back(FindingJson(f));
  doc["findings"] = std::move(findings);
  doc["actor"] = {{"name", w.actor.name}, {"source", w.actor.source}};
  doc["audit"] = {{"tree_size", w.audit_head.tree_size}, {"root_hash", w.audit_head.root_hex}};
  return doc;
}

std::string IncidentLine(const governance::Incident& i) {
  return fmt::format("{}  {}  {}  {}  {}  {}{}: {}\n", i.Key(), i.IsOpen() ? "open" : "closed",
                     i.severity, i.category, i.system, i.opened_at,
                     i.model.empty() ? "" : " (" + i.model + ")", i.title);
}

}  // namespace

Json IncidentJson(const governance::Incident& i) {
  return {{"id", i.Key()},
          {"system", i.system},
          {"model", i.model.empty() ? Json(nullptr) : Json(i.model)},
          {"title", i.title},
          {"severity", i.severity},
          {"category", i.category},
          {"description", i.description},
          {"source", i.source},
          {"state", i.IsOpen() ? "open" : "closed"},
          {"opened_at", i.opened_at},
          {"opened_by", i.opened_by},
          {"closed_at", OptionalJson(i.closed_at)},
          {"closed_by", OptionalJson(i.closed_by)},
          {"resolution", i.resolution},
          {"episodes", i.episodes}};
}

std::string RenderIncidentWrittenJson(const char* kind, const usecases::IncidentWritten& written,
                                      const ReportMeta& meta) {
  Json doc = DocumentHeader(kind, "1.0", meta);
  doc["incident"] = IncidentJson(written.incident);
  return DumpJson(WriteTail(std::move(doc), written));
}

std::string IncidentWrittenText(const usecases::IncidentWritten& written) {
  return IncidentLine(written.incident);
}

std::string RenderIncidentListJson(const usecases::IncidentList& list, const ReportMeta& meta) {
  Json doc = DocumentHeader("incident_list", "1.0", meta);
  Json incidents = Json::array();
  int64_t open = 0;
  for (const governance::Incident& i : list.incidents) {
    open += i.IsOpen();
    incidents.push_back(IncidentJson(i));
  }
  doc["summary"] = {{"incidents", list.incidents.size()}, {"open", open}};
  doc["incidents"] = std::move(incidents);
  return DumpJson(doc);
}

std::string IncidentListText(const usecases::IncidentList& list) {
  if (list.incidents.empty()) return "no incidents\n";
  std::string out;
  for (const governance::Incident& i : list.incidents) out += IncidentLine(i);
  return out;
}

std::string RenderRiskReassessedJson(const usecases::RiskReassessed& done, const ReportMeta& meta) {
  Json doc = DocumentHeader("risk_reassessed", "1.0", meta);
  const governance::Reassessment& r = done.reassessment;
  Json observations = Json::array();
  for (const governance::Observation& o : r.observations) {
    observations.push_back({{"category", o.category},
                            {"severity", o.severity},
                            {"source", o.source},
                            {"subject", o.subject},
                            {"detail", o.detail}});
  }
  Json changes = Json::array();
  for (const governance::RiskChange& c : r.changes) {
    changes.push_back(
        {{"risk", c.risk},
         {"action", c.action},
         {"category", c.category},
         {"rule", c.rule},
         {"likelihood_from", c.likelihood_from == 0 ? Json(nullptr) : Json(c.likelihood_from)},
         {"likelihood_to", c.likelihood_to},
         {"residual_from", OptionalJson(c.residual_from)},
         {"residual_to", OptionalJson(c.residual_to)},
         {"because", c.because}});
  }
  doc["reassessment"] = {{"id", r.Key()},
                         {"system", r.system},
                         {"quarter", r.quarter},
                         {"pack_digest", r.pack_digest},
                         {"pack_path", r.pack_path},
                         {"last_signoff_id", r.last_signoff_id},
                         {"opened_at", r.opened_at},
                         {"opened_by", r.opened_by},
                         {"observations", std::move(observations)},
                         {"changes", std::move(changes)}};
  doc["already_applied"] = done.already_applied;
  doc["reopened_models"] = done.reopened_models;
  return DumpJson(WriteTail(std::move(doc), done));
}

std::string RiskReassessedText(const usecases::RiskReassessed& done) {
  const governance::Reassessment& r = done.reassessment;
  std::string out = fmt::format("{}: {} observation(s), {} risk change(s){}\n", r.Describe(),
                                r.observations.size(), r.changes.size(),
                                done.already_applied ? " (applied before; nothing changed)" : "");
  for (const Finding& f : done.findings) out += "  " + f.message + "\n";
  return out;
}

}  // namespace airm::report
