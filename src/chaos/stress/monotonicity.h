// The monotonicity check on already sampled rows (CheckMonotonicity and
// RunManipulationTest share it).
#pragma once

#include <vector>

#include "airm/chaos/manipulation.h"
#include "candidate_scorer.h"
#include "manipulation_space.h"

namespace airm::chaos::manipulation {

// One check per numeric feature with a declared direction, in column order,
// over the pool rows `rows` (indices into pool.rows). All features' grids
// are one batch.
Result<std::vector<MonotonicityCheck>> CheckMonotoneFeatures(
    CandidateScorer& scorer, const Batch& pool, const std::vector<FeatureSpace>& spaces,
    const std::vector<size_t>& rows, const ManipulationOptions& options);

// The first `count` indices of a seeded random permutation of 0..n-1.
std::vector<size_t> SampleRows(size_t n, size_t count, uint64_t seed);

}  // namespace airm::chaos::manipulation
