// SearchFlips: run the single-feature scan, then the greedy search, keep
// each row's cheapest flip and confirm it by scoring it once more.
#include "flip_search.h"

#include <algorithm>
#include <cmath>

namespace airm::chaos::manipulation {
namespace internal {

Result<std::vector<double>> ScoreCandidates(CandidateScorer& scorer,
                                            const std::vector<std::string>& columns,
                                            const std::vector<FeatureSpace>& spaces,
                                            const std::vector<std::vector<Cell>>& bases,
                                            const std::vector<Candidate>& candidates,
                                            const std::string& step) {
  std::vector<double> scores;
  scores.reserve(candidates.size());
  for (size_t begin = 0; begin < candidates.size(); begin += kCandidatesPerBatch) {
    const size_t end = std::min(candidates.size(), begin + kCandidatesPerBatch);
    Batch batch;
    batch.columns = columns;
    batch.rows.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) {
      const Candidate& c = candidates[i];
      batch.rows.push_back(bases[c.slot]);
      batch.rows.back()[spaces[c.feature].column] = c.value;
    }
    AIRM_ASSIGN_OR_RETURN(std::vector<double> part, scorer.Score(batch, step));
    scores.insert(scores.end(), part.begin(), part.end());
  }
  return scores;
}

double Gain(double from, double to, bool positive) { return positive ? from - to : to - from; }

}  // namespace internal

Result<std::vector<RowSearchResult>> SearchFlips(CandidateScorer& scorer,
                                                 const std::vector<std::string>& columns,
                                                 const std::vector<FeatureSpace>& spaces,
                                                 const std::vector<SearchRow>& rows,
                                                 const ManipulationOptions& options,
                                                 SearchStats* stats) {
  std::vector<RowSearchResult> out(rows.size());
  for (RowSearchResult& r : out) r.single.resize(spaces.size());
  AIRM_RETURN_IF_ERROR(internal::SingleFeatureScan(scorer, columns, spaces, rows, options, &out));
  AIRM_RETURN_IF_ERROR(internal::GreedySearch(scorer, columns, spaces, rows, options, &out));

  // The greedy search only keeps flips cheaper than the best single one; a
  // row without a greedy flip takes its best single-feature flip.
  for (size_t slot = 0; slot < rows.size(); ++slot) {
    RowSearchResult& r = out[slot];
    for (size_t f = 0; f < spaces.size(); ++f) {
      const std::optional<SingleFlip>& s = r.single[f];
      if (!s || (r.found && r.cost <= s->cost)) continue;
      r.found = true;
      r.cost = s->cost;
      r.score_after = s->score;
      r.cells = rows[slot].cells;
      r.cells[spaces[f].column] = s->value;
    }
  }

  Batch confirm;
  confirm.columns = columns;
  std::vector<size_t> slots;
  for (size_t slot = 0; slot < rows.size(); ++slot) {
    if (!out[slot].found) continue;
    confirm.rows.push_back(out[slot].cells);
    slots.push_back(slot);
  }
  AIRM_ASSIGN_OR_RETURN(std::vector<double> scores, scorer.Score(confirm, "confirming flips"));
  for (size_t i = 0; i < slots.size(); ++i) {
    RowSearchResult& r = out[slots[i]];
    if (Flips(scores[i], rows[slots[i]].positive, options.decision_threshold)) {
      r.score_after = scores[i];
    } else {
      r.found = false;
      ++stats->unconfirmed;
    }
  }
  return out;
}

}  // namespace airm::chaos::manipulation
