// One piece of manual governance evidence as JSON, shared by `airm evidence
// add` and the coverage document: {id, control, location, location_kind,
// sha256, size_bytes, note, expires_on, added_at, added_by}.
#pragma once

#include "airm/governance/manual_evidence.h"
#include "airm/report/json_util.h"

namespace airm::report {

Json ManualEvidenceJson(const governance::ManualEvidence& e);

}  // namespace airm::report
