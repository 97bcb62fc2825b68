#include "airm/chaos/chaos_options.h"

#include <algorithm>
#include <cmath>

namespace airm::chaos {
namespace {

constexpr Family kAllFamilies[] = {Family::kMissing,   Family::kTypes,       Family::kCategories,
                                   Family::kStructure, Family::kDeterminism, Family::kUpstream,
                                   Family::kLoad,      Family::kManipulation};

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t");
  const size_t e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

bool IsShare(double x) { return std::isfinite(x) && x >= 0 && x <= 1; }

}  // namespace

const char* FamilyName(Family family) {
  switch (family) {
    case Family::kMissing:
      return "missing";
    case Family::kTypes:
      return "types";
    case Family::kCategories:
      return "categories";
    case Family::kStructure:
      return "structure";
    case Family::kDeterminism:
      return "determinism";
    case Family::kUpstream:
      return "upstream";
    case Family::kLoad:
      return "load";
    case Family::kManipulation:
      return "manipulation";
  }
  return "";
}

std::optional<Family> ParseFamily(std::string_view name) {
  for (Family f : kAllFamilies) {
    if (name == FamilyName(f)) return f;
  }
  return std::nullopt;
}

std::vector<Family> DefaultFamilies() {
  return {Family::kMissing,   Family::kTypes,       Family::kCategories,
          Family::kStructure, Family::kDeterminism, Family::kUpstream};
}

Result<std::vector<Family>> ParseSuiteList(std::string_view names) {
  std::vector<uint8_t> chosen(std::size(kAllFamilies), 0);
  size_t start = 0;
  bool any = false;
  while (start <= names.size()) {
    const size_t comma = names.find(',', start);
    const std::string name = Trim(names.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    start = comma == std::string_view::npos ? names.size() + 1 : comma + 1;
    if (name.empty()) continue;
    any = true;
    if (name == "all") {
      std::fill(chosen.begin(), chosen.end(), 1);
    } else if (name == "default") {
      for (Family f : DefaultFamilies()) chosen[static_cast<size_t>(f)] = 1;
    } else if (std::optional<Family> f = ParseFamily(name)) {
      chosen[static_cast<size_t>(*f)] = 1;
    } else {
      std::string known;
      for (Family f : kAllFamilies) known += std::string(known.empty() ? "" : ", ") + FamilyName(f);
      return Status::InvalidArgument("--suite: unknown family '" + name + "' (known: " + known +
                                     ", all, default)");
    }
  }
  if (!any) return Status::InvalidArgument("--suite: no family named");
  std::vector<Family> out;
  for (Family f : kAllFamilies) {
    if (chosen[static_cast<size_t>(f)]) out.push_back(f);
  }
  return out;
}

Status ChaosOptions::Validate() const {
  if (target.empty()) return Status::InvalidArgument("--target is required");
  if (!std::isfinite(threshold)) return Status::InvalidArgument("--threshold must be finite");
  if (batch_rows < 1) return Status::InvalidArgument("--batch-size must be at least 1");
  if (big_batch_factor < 1) return Status::InvalidArgument("big_batch_factor must be at least 1");
  if (!IsShare(perturb_share) || perturb_share == 0) {
    return Status::InvalidArgument("perturb_share must be in (0, 1]");
  }
  if (!IsShare(duplicate_share) || duplicate_share == 0) {
    return Status::InvalidArgument("duplicate_share must be in (0, 1]");
  }
  for (double rate : mcar_rates) {
    if (!IsShare(rate)) return Status::InvalidArgument("mcar_rates must be in [0, 1]");
  }
  if (bootstrap < 0 || bootstrap > kMaxBootstrap) {
    // Each resample keeps its baseline metrics and re-weights every case's
    // rows: cost grows linearly with no gain in precision past a few thousand.
    return Status::InvalidArgument("--bootstrap must be in [0, " + std::to_string(kMaxBootstrap) +
                                   "] resamples, not " + std::to_string(bootstrap));
  }
  if (!(confidence > 0 && confidence < 1)) {
    return Status::InvalidArgument("confidence must be in (0, 1)");
  }
  const StatusThresholds& t = thresholds;
  if (!(t.degraded_drop >= 0 && t.failed_drop >= t.degraded_drop && std::isfinite(t.failed_drop))) {
    return Status::InvalidArgument(
        "status thresholds must satisfy 0 <= degraded drop <= failed drop");
  }
  if (!IsShare(t.degraded_changed_share)) {
    return Status::InvalidArgument("the degraded changed-share threshold must be in [0, 1]");
  }
  if (!(t.regression_change_tolerance >= 0) || !(t.invariance_tolerance >= 0)) {
    return Status::InvalidArgument("tolerances must be >= 0");
  }
  const bool wants_load =
      std::find(families.begin(), families.end(), Family::kLoad) != families.end();
  if (wants_load) AIRM_RETURN_IF_ERROR(load.Validate());
  const bool wants_manipulation =
      std::find(families.begin(), families.end(), Family::kManipulation) != families.end();
  if (wants_manipulation) AIRM_RETURN_IF_ERROR(manipulation.Validate());
  return Status::Ok();
}

}  // namespace airm::chaos
