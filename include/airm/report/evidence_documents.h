// Documents of `airm evidence add`: JSON (kind "evidence_added", schema 1.0:
// system, evidence {id, control, location, location_kind, sha256, size_bytes,
// note, expires_on, added_at, added_by}, actor, audit {tree_size, root_hash},
// findings) and one line of text. User text is not escaped here (the face's
// stdout passes through TerminalSafe).
#pragma once

#include <string>

#include "airm/report.h"
#include "airm/usecases/governance_evidence.h"

namespace airm::report {

std::string RenderEvidenceAddedJson(const usecases::EvidenceAdded& added, const ReportMeta& meta);
std::string EvidenceAddedText(const usecases::EvidenceAdded& added);

}  // namespace airm::report
