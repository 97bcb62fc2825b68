#include "airm/finding.h"

namespace airm {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarn:
      return "warn";
    case Severity::kFail:
      return "fail";
  }
  return "info";
}

Finding MakeFinding(Severity severity, std::string code, std::string subject, std::string message) {
  Finding f;
  f.severity = severity;
  f.code = std::move(code);
  f.subject = std::move(subject);
  f.message = std::move(message);
  return f;
}

}  // namespace airm
