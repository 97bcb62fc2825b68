#include "airm/chaos/chaos_result.h"

#include <string>

namespace airm::chaos {
namespace {

// The first line of an adapter's message, at most 160 bytes: a library's
// stack trace belongs in the JSON detail, not in a one-sentence reason.
std::string OneLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > 160) {
    size_t cut = 157;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    line = line.substr(0, cut) + "...";
  }
  return line;
}

}  // namespace

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

bool Served(const ServiceAnswer& answer) { return answer.answered && !answer.invalid_output; }

std::string DescribeFailure(const ServiceAnswer& a) {
  const std::string detail = OneLine(a.detail);
  if (a.answered && a.invalid_output) return "invalid output: " + detail;
  std::string kind = FailureKindName(a.failure);
  if (a.failure == FailureKind::kHttpStatus && a.http_status > 0) {
    // Two appends: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
    kind += ' ';
    kind += std::to_string(a.http_status);
  }
  return detail.empty() ? kind : kind + ": " + detail;
}

}  // namespace airm::chaos
