// QualityCheck: one data-quality check's outcome, as plain data.
//
// Produced by CheckQuality (quality.h), carried in DriftResult and the
// dataset-check use case, rendered by report and read by gates.
#pragma once

#include <optional>
#include <string>

namespace airm {

enum class CheckStatus { kPass, kWarn, kFail };
// "pass", "warn", "fail".
const char* CheckStatusName(CheckStatus s);

struct QualityCheck {
  std::string check;   // e.g. "missing_share_change"
  std::string column;  // "" for dataset-level checks
  CheckStatus status = CheckStatus::kPass;
  std::optional<double> value;
  double warn_threshold = 0;
  double fail_threshold = 0;
  std::string message;
};

}  // namespace airm
