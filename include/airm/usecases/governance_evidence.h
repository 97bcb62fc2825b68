// Manual governance evidence as a use case (airm/governance/manual_evidence.h):
//   airm evidence add --system S --control ID (--file F | --url U) [--note TEXT]
//                     [--expires YYYY-MM-DD]
// A file is read and its bytes hashed (SHA-256) when it is added; a URL is
// kept as written. The row and its audit entry ("evidence.add", subject
// "system:S") are written in one transaction. `airm framework coverage`
// counts it for its control (or framework item) until it expires.
#pragma once

#include <optional>
#include <string>

#include "airm/governance/manual_evidence.h"
#include "airm/usecases/governance_systems.h"

namespace airm::usecases {

struct AddEvidenceOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string system = "";
  std::string control = "";  // a library control id, or FRAMEWORK:ITEM
  std::string file = "";     // exactly one of file and url
  std::string url = "";
  std::string note = "";
  std::string expires = "";  // YYYY-MM-DD, the last day it counts; "" = no expiry
  std::string today = "";    // YYYY-MM-DD for the already-expired finding; "" = today (UTC)
  // InvalidArgument naming --system, --control, --file/--url, --expires or --today.
  Status Validate() const;
};

struct EvidenceAdded : GovernanceWriteResult {
  std::string system = "";
  governance::ManualEvidence evidence = {};
};

// NotFound for an unknown system; InvalidArgument for a control the library
// does not have; IoError naming the file when it cannot be read. Findings:
// warn "evidence.already_expired" when --expires is before --today.
Result<EvidenceAdded> AddEvidence(const AddEvidenceOptions& options);

}  // namespace airm::usecases
