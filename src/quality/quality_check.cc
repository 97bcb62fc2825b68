// Names of a quality check's status, as the reports and gates spell them.
#include "airm/quality_check.h"

namespace airm {

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
