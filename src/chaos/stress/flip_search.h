// The flip search of the manipulation test (steps 2-4 in manipulation.h):
// single-feature scans with bisection, greedy combinations with pruning, and
// the confirming re-score. Every step scores all its candidate rows in one
// batch.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "airm/chaos/manipulation.h"
#include "candidate_scorer.h"
#include "manipulation_space.h"

namespace airm::chaos::manipulation {

// A row to search: its pool index, cells and unperturbed decision.
struct SearchRow {
  size_t pool_row = 0;
  std::vector<Cell> cells;
  double score = 0;
  bool positive = false;
};

// The cheapest change of one feature alone that flips a row.
struct SingleFlip {
  Cell value;
  double cost = 0;
  double score = 0;
};

struct RowSearchResult {
  std::vector<std::optional<SingleFlip>> single;  // per feature (index into the spaces)
  bool found = false;                             // a confirmed flip within the largest budget
  std::vector<Cell> cells;                        // the flipped row
  double cost = 0;
  double score_after = 0;
};

struct SearchStats {
  int64_t unconfirmed = 0;  // flips whose re-score did not flip (a non-deterministic model)
};

// One result per row of `rows`, in order.
Result<std::vector<RowSearchResult>> SearchFlips(CandidateScorer& scorer,
                                                 const std::vector<std::string>& columns,
                                                 const std::vector<FeatureSpace>& spaces,
                                                 const std::vector<SearchRow>& rows,
                                                 const ManipulationOptions& options,
                                                 SearchStats* stats);

// Internals shared by the search steps (flip_search_*.cc).
namespace internal {

// One candidate: row slot `slot` with feature `feature` set to `value`.
struct Candidate {
  size_t slot = 0;
  size_t feature = 0;
  Cell value;
};

// Candidates are scored at most this many per model call: a whole row is
// built for each, so a search step over rows x categories candidates must not
// build them all at once (20,000 categories took 2.4 GB that way).
inline constexpr size_t kCandidatesPerBatch = 4096;

// Scores of the candidate rows bases[c.slot] with column
// spaces[c.feature].column = c.value, in kCandidatesPerBatch chunks.
Result<std::vector<double>> ScoreCandidates(CandidateScorer& scorer,
                                            const std::vector<std::string>& columns,
                                            const std::vector<FeatureSpace>& spaces,
                                            const std::vector<std::vector<Cell>>& bases,
                                            const std::vector<Candidate>& candidates,
                                            const std::string& step);

// Score movement towards the other side of the threshold (> 0: closer to a flip).
double Gain(double from, double to, bool positive);

Status SingleFeatureScan(CandidateScorer& scorer, const std::vector<std::string>& columns,
                         const std::vector<FeatureSpace>& spaces,
                         const std::vector<SearchRow>& rows, const ManipulationOptions& options,
                         std::vector<RowSearchResult>* out);

Status GreedySearch(CandidateScorer& scorer, const std::vector<std::string>& columns,
                    const std::vector<FeatureSpace>& spaces, const std::vector<SearchRow>& rows,
                    const ManipulationOptions& options, std::vector<RowSearchResult>* out);

}  // namespace internal
}  // namespace airm::chaos::manipulation
