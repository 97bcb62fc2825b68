// Names of the drift result's enums, as the reports and gates spell them.
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

}  // namespace airm
