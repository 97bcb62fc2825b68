// One incident of the register as JSON, shared by the incident commands and
// the quarterly pack (airm/report/incident_documents.h has the fields).
#pragma once

#include "airm/governance/incidents.h"
#include "airm/report/json_util.h"

namespace airm::report {

Json IncidentJson(const governance::Incident& incident);

}  // namespace airm::report
