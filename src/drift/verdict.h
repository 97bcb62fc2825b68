// The verdicts: per column (after multiple-testing control) and per batch.
#pragma once

#include <vector>

#include "airm/drift_result.h"

namespace airm::drift {

// Adjusts the p-values of every tested column together (Benjamini-Hochberg,
// Bonferroni or none, per config.correction), then decides each column:
// a significance test drifts when adjusted p < alpha AND the effect size
// reaches its threshold; a distance drifts when it reaches its threshold.
// Returns the verdict of the whole family, with its rule in words.
DriftVerdict DecideColumns(const DriftConfig& config, std::vector<ColumnDrift>* columns);

}  // namespace airm::drift
