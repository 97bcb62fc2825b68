#include "airm/chaos/chaos_result.h"

namespace airm::chaos {

const char* CaseStatusName(CaseStatus status) {
  switch (status) {
    case CaseStatus::kHandled:
      return "handled";
    case CaseStatus::kDegraded:
      return "degraded";
    case CaseStatus::kFailed:
      return "failed";
  }
  return "";
}

}  // namespace airm::chaos
