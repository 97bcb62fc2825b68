// Manual evidence: what airm cannot compute from its store — a policy, a
// DPIA, a pen-test report — added by a person (`airm evidence add`) with where
// it lives, the SHA-256 of its bytes when it is a file, and the last day it
// counts. It covers one control of the library, or one framework item
// ("iso-42001:A.2.2") that no airm control addresses, until it expires
// (coverage.h judges it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/governance/control_library.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::governance {

struct ManualEvidence {
  int64_t id = 0;
  std::string control = "";                          // "AIRM-RISK" or "FRAMEWORK:ITEM"
  std::string location = "";                         // the file's path as given, or the URL
  std::string location_kind = "";                    // file | url
  std::optional<std::string> sha256 = std::nullopt;  // "sha256:<hex>" of a file's bytes
  std::optional<int64_t> size_bytes = std::nullopt;
  std::string note = "";
  std::optional<std::string> expires_on = std::nullopt;  // YYYY-MM-DD, last day; nullopt = never
  std::string added_at = "";
  std::string added_by = "";
  std::string Key() const;  // "E-001"
  // Counts on `today` (YYYY-MM-DD): no expiry, or expires_on >= today.
  bool CurrentOn(const std::string& today) const;
};

// Checks that `target` names a control of `library` or, as FRAMEWORK:ITEM,
// one of its framework items. InvalidArgument naming --control and what was
// expected otherwise.
Status ValidateEvidenceTarget(const ControlLibrary& library, const std::string& target);

Result<ManualEvidence> InsertManualEvidence(store::Database& tx, int64_t system_id,
                                            const ManualEvidence& evidence);
// The system's manual evidence, oldest first.
Result<std::vector<ManualEvidence>> ManualEvidenceOf(store::Database& db, int64_t system_id);

}  // namespace airm::governance
