// VerifyDatasets (`airm dataset verify [NAME@VERSION]...`): re-hash each
// version's file at its recorded absolute path. Per version: ok, changed (old
// -> new digest), missing, superseded (the path now holds a later registered
// version of the same file, so the old bytes are gone by design) or
// unverifiable (no local file, e.g. imported from OpenLineage). The
// verification fails when any version is changed or missing: a check a
// pipeline can gate on (the CLI exits 1).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct VerifyDatasetsOptions {
  store::LocateOptions store = {};
  std::vector<std::string> references = {};  // NAME@VERSION; empty = every version
  ProgressFn progress = {};
};

enum class FileVerdict { kOk, kChanged, kMissing, kSuperseded, kUnverifiable };
// "ok", "changed", "missing", "superseded", "unverifiable". Inline: the
// renderers in report name verdicts without linking the use cases (which link
// report).
inline const char* FileVerdictName(FileVerdict verdict) {
  switch (verdict) {
    case FileVerdict::kOk:
      return "ok";
    case FileVerdict::kChanged:
      return "changed";
    case FileVerdict::kMissing:
      return "missing";
    case FileVerdict::kSuperseded:
      return "superseded";
    case FileVerdict::kUnverifiable:
      return "unverifiable";
  }
  return "unverifiable";
}

struct VersionVerification {
  store::DatasetVersion version = {};
  FileVerdict verdict = FileVerdict::kUnverifiable;
  std::optional<std::string> actual_digest = {};  // when the file was hashed
  std::string detail = {};                        // "" for ok
};

struct DatasetVerification {
  std::vector<VersionVerification> results = {};  // in the order asked (or listed)
  bool ok = true;                                 // no version changed or missing
  // fail "dataset.file_changed" / "dataset.file_missing" per failing version,
  // most severe first.
  std::vector<Finding> findings = {};
};

// NotFound for an unknown reference; IoError when a present file cannot be read.
Result<DatasetVerification> VerifyDatasets(const VerifyDatasetsOptions& options);

}  // namespace airm::usecases
