// Domain classifier: XGBoost trained to tell reference from current rows,
// scored by its ROC AUC on held-out rows against the Mann-Whitney null.
//
// Steps:
//   1. Validate options; resolve the usable columns.
//   2. Row budget from the width: training rows per side from
//      max_train_cells, held-out rows per side from max_test_cells.
//   3. Per side, a seeded sample split into fit / validation / held-out rows;
//      encode them all into one float matrix (domain_features.h).
//   4. Train on the fit rows, stopping early on the validation rows.
//   5. Score the held-out rows; AUC = U / (n_ref n_cur) and its one-sided
//      p-value from the Mann-Whitney null (stats/mann_whitney.h). The held-out
//      rows took no part in training, so under no drift their scores are
//      exchangeable between the sides and the null holds exactly.
//   6. Total gain per column of the kept trees -> top columns.
#include "airm/domain_classifier.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>
#include <tuple>
#include <utility>

#include "airm/learn/xgboost_handles.h"
#include "airm/splitmix64.h"
#include "airm/stats/mann_whitney.h"
#include "domain_features.h"

namespace airm {
namespace {

constexpr size_t kMaxTopColumns = 10;
// Five rows to train on and five held out on each side: the fewest for which
// the exact null can reach p < 0.01 (1 / C(10, 5) = 0.004).
constexpr uint64_t kMinRowsPerSide = 10;
// Each side trains on at least this many rows before a fifth of them is set
// aside to stop boosting early; below it every round is kept.
constexpr uint64_t kMinTrainRowsForValidation = 50;

// Independent, reproducible random streams per purpose, derived from the one
// user seed with SplitMix64 so that e.g. the current side's split does not
// reuse the reference side's stream.
uint64_t StreamSeed(uint64_t seed, uint64_t stream) {
  return Mix64(seed + kSplitMix64Gamma * (stream + 1));
}

// Uniform integer in [0, bound) by rejection. std::uniform_int_distribution
// and std::shuffle are implementation-defined; this is not, so a seed gives
// the same split with every standard library.
uint64_t UniformBelow(std::mt19937_64& rng, uint64_t bound) {
  const uint64_t limit =
      std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % bound;
  uint64_t x;
  do {
    x = rng();
  } while (x >= limit);
  return x % bound;
}

// How many of one side's rows the model is fitted on, validated on and
// tested on.
struct SideCounts {
  uint64_t fit = 0;
  uint64_t validation = 0;
  uint64_t test = 0;
  uint64_t total() const { return fit + validation + test; }
};

// The row budget: training rows from the cell budget (rows x columns), never
// fewer than min_train_rows_per_side and never more than half the side; the
// held-out rows are the rest of the side, up to the test cell budget.
SideCounts CountsFor(uint64_t rows, size_t width, const DomainClassifierOptions& options) {
  const uint64_t w = std::max<uint64_t>(width, 1);
  const uint64_t train_budget =
      std::max(options.min_train_rows_per_side, options.max_train_cells / (2 * w));
  const uint64_t test_budget = std::max(train_budget, options.max_test_cells / (2 * w));
  SideCounts counts;
  const uint64_t train = std::min({train_budget, rows / 2, options.max_rows_per_side / 2});
  counts.test = std::min({test_budget, rows - train, options.max_rows_per_side - train});
  counts.validation = train >= kMinTrainRowsForValidation ? train / 5 : 0;
  counts.fit = train - counts.validation;
  return counts;
}

// A seeded sample of counts.total() of rows 0..n-1, as fit, validation and
// held-out rows in that order, each block in ascending row order.
std::vector<uint64_t> SplitRows(uint64_t n, const SideCounts& counts, uint64_t seed) {
  std::vector<uint64_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  std::mt19937_64 rng(seed);
  const uint64_t m = counts.total();
  for (uint64_t i = 0; i < m && i + 1 < n; ++i) {
    std::swap(rows[i], rows[i + UniformBelow(rng, n - i)]);
  }
  rows.resize(m);
  auto sort_block = [&rows](uint64_t begin, uint64_t count) {
    std::sort(rows.begin() + static_cast<ptrdiff_t>(begin),
              rows.begin() + static_cast<ptrdiff_t>(begin + count));
  };
  sort_block(0, counts.fit);
  sort_block(counts.fit, counts.validation);
  sort_block(counts.fit + counts.validation, counts.test);
  return rows;
}

// Copies encoded rows [begin, begin + count) of `features` to `values`, with
// `label` for each into `labels`.
void AppendRows(const learn::DomainFeatures& features, uint64_t begin, uint64_t count, float label,
                std::vector<float>* values, std::vector<float>* labels) {
  const size_t width = features.names.size();
  const auto first = features.values.begin() + static_cast<ptrdiff_t>(begin * width);
  values->insert(values->end(), first, first + static_cast<ptrdiff_t>(count * width));
  labels->insert(labels->end(), count, label);
}

// One matrix of the reference side's block [ref_begin, +ref_count) and the
// current side's block [cur_begin, +cur_count), labelled 0 and 1.
Result<learn::XgbMatrix> BlockMatrix(const learn::DomainFeatures& features, uint64_t ref_begin,
                                     uint64_t ref_count, uint64_t cur_begin, uint64_t cur_count,
                                     bool with_labels) {
  std::vector<float> values, labels;
  AppendRows(features, ref_begin, ref_count, 0.0f, &values, &labels);
  AppendRows(features, cur_begin, cur_count, 1.0f, &values, &labels);
  return learn::XgbMatrix::Make(values, labels.size(), features.types,
                                with_labels ? std::span<const float>(labels) : std::span<float>());
}

std::string Join(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const std::string& s : parts) text += (text.empty() ? "" : separator) + s;
  return text;
}

std::vector<std::pair<std::string, std::string>> XgbParams(const DomainClassifierOptions& options) {
  std::ostringstream eta_text;
  eta_text.imbue(std::locale::classic());
  eta_text.precision(17);
  eta_text << options.eta;
  // No row or column subsampling in XGBoost itself, so training is a pure
  // function of the data; "seed" is set anyway in case a default changes.
  return {
      {"objective", "binary:logistic"},
      {"eval_metric", "logloss"},
      {"tree_method", "hist"},
      {"max_depth", std::to_string(options.max_depth)},
      {"eta", eta_text.str()},
      {"max_bin", std::to_string(options.max_bin)},
      {"nthread", std::to_string(options.nthread)},
      {"seed", std::to_string(options.seed % 2147483648ULL)},
      {"verbosity", "0"},  // library code never prints
  };
}

}  // namespace

Status DomainClassifierOptions::Validate() const {
  if (!(alpha > 0 && alpha < 1)) {
    return Status::InvalidArgument("domain classifier: alpha must be in (0, 1)");
  }
  if (max_train_cells < 1) {
    return Status::InvalidArgument("domain classifier: max_train_cells must be >= 1");
  }
  if (min_train_rows_per_side < kMinRowsPerSide / 2) {
    return Status::InvalidArgument("domain classifier: min_train_rows_per_side must be >= 5");
  }
  if (max_rows_per_side < kMinRowsPerSide) {
    return Status::InvalidArgument("domain classifier: max_rows_per_side must be >= 10");
  }
  if (max_rounds < 1) return Status::InvalidArgument("domain classifier: max_rounds must be >= 1");
  if (early_stopping_rounds < 1) {
    return Status::InvalidArgument("domain classifier: early_stopping_rounds must be >= 1");
  }
  if (max_depth < 1 || max_depth > 16) {
    return Status::InvalidArgument("domain classifier: max_depth must be in [1, 16]");
  }
  if (!(eta > 0 && eta <= 1)) {
    return Status::InvalidArgument("domain classifier: eta must be in (0, 1]");
  }
  if (max_bin < 2) return Status::InvalidArgument("domain classifier: max_bin must be >= 2");
  if (nthread < 0) return Status::InvalidArgument("domain classifier: nthread must be >= 0");
  return Status::Ok();
}

Result<DomainClassifierResult> RunDomainClassifier(const Table& reference, const Table& current,
                                                   const std::vector<std::string>& columns,
                                                   const DomainClassifierOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  DomainClassifierResult result;
  AIRM_ASSIGN_OR_RETURN(learn::DomainColumns resolved,
                        learn::ResolveDomainColumns(reference, current, columns));
  std::vector<std::string> notes;
  if (reference.num_rows() < kMinRowsPerSide || current.num_rows() < kMinRowsPerSide) {
    notes.push_back("insufficient data: needs at least " + std::to_string(kMinRowsPerSide) +
                    " rows on each side, has " + std::to_string(reference.num_rows()) +
                    " reference and " + std::to_string(current.num_rows()) + " current");
  }
  if (resolved.used.empty()) {
    notes.push_back("insufficient data: no usable column present in both tables");
  }
  if (!notes.empty()) {
    if (!resolved.skipped.empty()) {
      notes.push_back("columns skipped: " + Join(resolved.skipped, ", "));
    }
    result.note = Join(notes, "; ");
    return result;
  }

  SideCounts ref_counts = CountsFor(reference.num_rows(), resolved.used.size(), options);
  SideCounts cur_counts = CountsFor(current.num_rows(), resolved.used.size(), options);
  // Early stopping needs validation rows of both sides; without them every
  // training row is fitted on.
  if (ref_counts.validation == 0 || cur_counts.validation == 0) {
    for (SideCounts* counts : {&ref_counts, &cur_counts}) {
      counts->fit += std::exchange(counts->validation, 0);
    }
  }
  const std::vector<uint64_t> ref_rows =
      SplitRows(reference.num_rows(), ref_counts, StreamSeed(options.seed, 0));
  const std::vector<uint64_t> cur_rows =
      SplitRows(current.num_rows(), cur_counts, StreamSeed(options.seed, 1));
  for (const auto& [side, counts, table] : {std::tuple{"reference", ref_counts, &reference},
                                            std::tuple{"current", cur_counts, &current}}) {
    if (counts.total() < table->num_rows()) {
      notes.push_back(std::string(side) + " subsampled from " + std::to_string(table->num_rows()) +
                      " to " + std::to_string(counts.total()) + " rows (row budget for " +
                      std::to_string(resolved.used.size()) + " columns)");
    }
  }

  const learn::DomainFeatures features = learn::EncodeDomainFeatures(resolved, ref_rows, cur_rows);
  if (!features.skipped.empty()) {
    notes.push_back("columns skipped: " + Join(features.skipped, ", "));
  }
  if (features.names.empty()) {
    notes.insert(notes.begin(), "insufficient data: no usable column present in both tables");
    result.note = Join(notes, "; ");
    return result;
  }

  // Blocks of the encoded matrix: reference fit, validation, held-out rows,
  // then the same for the current side.
  const uint64_t cur_begin = ref_counts.total();
  AIRM_ASSIGN_OR_RETURN(learn::XgbMatrix fit,
                        BlockMatrix(features, 0, ref_counts.fit, cur_begin, cur_counts.fit,
                                    /*with_labels=*/true));
  AIRM_ASSIGN_OR_RETURN(learn::XgbBooster booster,
                        learn::XgbBooster::Make(fit, XgbParams(options)));
  int trees = options.max_rounds;
  std::optional<learn::XgbBooster> kept;
  if (ref_counts.validation > 0 && cur_counts.validation > 0) {
    AIRM_ASSIGN_OR_RETURN(
        learn::XgbMatrix validation,
        BlockMatrix(features, ref_counts.fit, ref_counts.validation, cur_begin + cur_counts.fit,
                    cur_counts.validation, /*with_labels=*/true));
    AIRM_ASSIGN_OR_RETURN(trees, booster.TrainWithEarlyStopping(fit, validation, options.max_rounds,
                                                                options.early_stopping_rounds));
    AIRM_ASSIGN_OR_RETURN(kept, booster.Slice(trees));
  } else {
    AIRM_RETURN_IF_ERROR(booster.Train(fit, options.max_rounds));
  }
  const learn::XgbBooster& model = kept ? *kept : booster;

  const uint64_t ref_test_begin = ref_counts.fit + ref_counts.validation;
  AIRM_ASSIGN_OR_RETURN(
      learn::XgbMatrix held_out,
      BlockMatrix(features, ref_test_begin, ref_counts.test,
                  cur_begin + cur_counts.fit + cur_counts.validation, cur_counts.test,
                  /*with_labels=*/false));
  AIRM_ASSIGN_OR_RETURN(std::vector<float> scores, model.Predict(held_out));
  const std::vector<double> ref_scores(scores.begin(),
                                       scores.begin() + static_cast<ptrdiff_t>(ref_counts.test));
  const std::vector<double> cur_scores(scores.begin() + static_cast<ptrdiff_t>(ref_counts.test),
                                       scores.end());
  const stats::MannWhitneyOutcome test =
      stats::MannWhitneyGreater(ref_scores, cur_scores, options.alpha);
  if (!test.u || !test.p_value) {
    return Status::Internal("domain classifier: held-out test undefined: " + test.note);
  }
  const double pairs = static_cast<double>(ref_counts.test) * static_cast<double>(cur_counts.test);

  result.ran = true;
  result.auc = *test.u / pairs;
  if (test.critical_u) result.auc_threshold = *test.critical_u / pairs;
  result.p_value = test.p_value;
  result.drifted = *test.p_value <= options.alpha;
  result.p_value_method =
      test.null == stats::MannWhitneyNull::kExact ? "mann_whitney_exact" : "mann_whitney_normal";
  result.train_rows =
      ref_counts.fit + ref_counts.validation + cur_counts.fit + cur_counts.validation;
  result.test_rows = ref_counts.test + cur_counts.test;
  result.trees = trees;
  result.rows_used = features.rows;
  if (!test.note.empty()) notes.push_back(test.note);

  AIRM_ASSIGN_OR_RETURN(std::vector<double> gain,
                        model.FeatureScores("total_gain", features.names.size()));
  const double gain_total = std::accumulate(gain.begin(), gain.end(), 0.0);
  if (gain_total > 0) {
    std::vector<size_t> order(features.names.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t c) { return gain[a] > gain[c]; });
    for (size_t f : order) {
      if (result.top_columns.size() == kMaxTopColumns || gain[f] <= 0) break;
      result.top_columns.emplace_back(features.names[f], gain[f] / gain_total);
    }
  } else {
    notes.push_back("the model made no split, so no column ranking");
  }
  result.note = Join(notes, "; ");
  return result;
}

}  // namespace airm
