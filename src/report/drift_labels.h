// Names and orderings of drift result values shared by the drift renderers.
//
// The machine names are part of the drift JSON schema (docs/schemas/
// drift.v1.json): changing one is a breaking change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/drift_result.h"

namespace airm::report {

// Short human label of a column status: "Drift", "No drift", "Too little
// data", "Missing in current", "New in current", "Type changed".
const char* DriftStatusLabel(ColumnDriftStatus status);

// A test or measure in words: "Kolmogorov-Smirnov test", "chi-square test",
// "normalised Wasserstein distance"; the machine name when unknown.
std::string DriftMeasureName(const std::string& name);

// Why a tested column got its verdict, in words for a reader who does not
// know the tests (issue 16): whether the change could be chance and whether
// it is large enough to matter, each with its number and threshold. The
// machine form stays in ColumnDrift::reason. "" for untested columns.
std::string PlainDriftReason(const ColumnDrift& column);

// How far past its threshold a column's effect size is: effect_size /
// effect_size_threshold, or the raw effect size when the threshold is not
// positive; nullopt when the effect size is undefined. Effect sizes of
// different measures (Wasserstein, Jensen-Shannon, ...) live on different
// scales, so ranking by this ratio compares like with like.
std::optional<double> EffectRatio(const ColumnDrift& column);

// Indices of `columns` from most to least severe: drifted first, then
// retyped, missing in current, new in current, too little data, no drift;
// within a group by EffectRatio descending (undefined last), then by
// adjusted p-value ascending, then by name.
std::vector<size_t> SeverityOrder(const std::vector<ColumnDrift>& columns);

}  // namespace airm::report
