// Finding: one thing an analysis concluded that a person may need to act on.
//
// Every result struct carries a list of findings beside its numbers. Gates
// (--fail-on), the "what needs attention" top of every report and, later,
// monitoring alerts and governance evidence all read findings, so a new
// analysis plugs into all of them by emitting findings.
#pragma once

#include <map>
#include <string>

namespace airm {

enum class Severity { kInfo, kWarn, kFail };
const char* SeverityName(Severity s);  // "info", "warn", "fail"

struct Finding {
  Severity severity = Severity::kInfo;
  std::string code;     // stable machine code, e.g. "drift.column", "quality.missing_column"
  std::string subject;  // what it is about: a column, a segment, "dataset"
  std::string message;  // one plain-language sentence
  std::map<std::string, double> evidence;  // the numbers behind it
};

Finding MakeFinding(Severity severity, std::string code, std::string subject, std::string message);

}  // namespace airm
