#include "airm/drift_result.h"

namespace airm {

const char* ColumnDriftStatusName(ColumnDriftStatus s) {
  switch (s) {
    case ColumnDriftStatus::kNoDrift:
      return "no_drift";
    case ColumnDriftStatus::kDrift:
      return "drift";
    case ColumnDriftStatus::kInsufficientData:
      return "insufficient_data";
    case ColumnDriftStatus::kMissingInCurrent:
      return "missing_in_current";
    case ColumnDriftStatus::kNewInCurrent:
      return "new_in_current";
    case ColumnDriftStatus::kRetyped:
      return "retyped";
  }
  return "unknown";
}

const char* CheckStatusName(CheckStatus s) {
  switch (s) {
    case CheckStatus::kPass:
      return "pass";
    case CheckStatus::kWarn:
      return "warn";
    case CheckStatus::kFail:
      return "fail";
  }
  return "unknown";
}

}  // namespace airm
