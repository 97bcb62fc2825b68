// Documents of the incident register and of the risk reassessment:
//   `airm incident open|close` JSON (kind "incident_opened" / "incident_closed",
//     schema 1.0: incident, actor, audit {tree_size, root_hash}, findings);
//   `airm incident list` JSON (kind "incident_list", schema 1.0:
//     summary {incidents, open}, incidents[]);
//   `airm risk reassess` JSON (kind "risk_reassessed", schema 1.0:
//     reassessment {id, system, quarter, pack_digest, pack_path,
//     last_signoff_id, opened_at, opened_by, observations[], changes[]},
//     already_applied, reopened_models, actor, audit, findings);
// an incident is {id, system, model, title, severity, category, description,
// source, state, opened_at, opened_by, closed_at, closed_by, resolution,
// episodes}. And their text summaries. User text is not escaped here (the
// face's stdout passes through TerminalSafe).
#pragma once

#include <string>

#include "airm/report.h"
#include "airm/usecases/incidents.h"
#include "airm/usecases/risk_reassessment.h"

namespace airm::report {

std::string RenderIncidentWrittenJson(const char* kind, const usecases::IncidentWritten& written,
                                      const ReportMeta& meta);
std::string IncidentWrittenText(const usecases::IncidentWritten& written);
std::string RenderIncidentListJson(const usecases::IncidentList& list, const ReportMeta& meta);
std::string IncidentListText(const usecases::IncidentList& list);

std::string RenderRiskReassessedJson(const usecases::RiskReassessed& done, const ReportMeta& meta);
std::string RiskReassessedText(const usecases::RiskReassessed& done);

}  // namespace airm::report
