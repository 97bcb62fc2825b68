// Domain classifier: cross-validated XGBoost ROC AUC with a permutation null.
//
// Steps:
//   1. Validate options; subsample each side to max_rows_per_side (seeded).
//   2. Encode the shared columns into one float matrix (domain_features.h).
//   3. Stratified k-fold CV on the true labels: out-of-fold probabilities ->
//      ROC AUC; total gain summed over the k fold models -> top columns.
//   4. Repeat step 3 (AUC only) for each label permutation.
//   5. Threshold = the order statistic of the permutation AUCs that makes
//      "auc > threshold" equivalent to "permutation p-value <= alpha".
#include "airm/domain_classifier.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <random>
#include <sstream>
#include <thread>

#include "domain_features.h"
#include "xgboost_handles.h"

namespace airm {
namespace {

constexpr size_t kMaxTopColumns = 10;

// Independent, reproducible random streams per purpose, derived from the one
// user seed with SplitMix64 so that e.g. permutation 3 does not reuse the
// fold stream.
uint64_t StreamSeed(uint64_t seed, uint64_t stream) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Uniform integer in [0, bound) by rejection. std::uniform_int_distribution
// and std::shuffle are implementation-defined; this is not, so a seed gives
// the same folds with every standard library.
uint64_t UniformBelow(std::mt19937_64& rng, uint64_t bound) {
  const uint64_t limit =
      std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % bound;
  uint64_t x;
  do {
    x = rng();
  } while (x >= limit);
  return x % bound;
}

template <typename T>
void Shuffle(std::vector<T>* v, std::mt19937_64& rng) {
  for (size_t i = v->size(); i > 1; --i) std::swap((*v)[i - 1], (*v)[UniformBelow(rng, i)]);
}

// Rows 0..n-1, or a sorted seeded sample of `limit` of them.
std::vector<uint64_t> SampleRows(uint64_t n, uint64_t limit, uint64_t seed) {
  std::vector<uint64_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  if (n <= limit) return rows;
  std::mt19937_64 rng(seed);
  for (uint64_t i = 0; i < limit; ++i) std::swap(rows[i], rows[i + UniformBelow(rng, n - i)]);
  rows.resize(limit);
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Stratified fold of each row: each class's rows are shuffled and dealt round
// robin, so every fold holds floor or ceil(n_class / k) rows of each class.
std::vector<int> StratifiedFolds(const std::vector<uint8_t>& labels, int folds, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<int> fold(labels.size());
  for (uint8_t cls : {uint8_t{0}, uint8_t{1}}) {
    std::vector<size_t> members;
    for (size_t i = 0; i < labels.size(); ++i) {
      if (labels[i] == cls) members.push_back(i);
    }
    Shuffle(&members, rng);
    for (size_t k = 0; k < members.size(); ++k) fold[members[k]] = static_cast<int>(k % folds);
  }
  return fold;
}

struct CvOutcome {
  double auc = 0;
  std::vector<double> total_gain;  // per feature, summed over folds; empty unless asked
};

// One k-fold cross-validation of the domain classifier for `labels`.
Result<CvOutcome> CrossValidate(const learn::DomainFeatures& features,
                                const std::vector<uint8_t>& labels, const std::vector<int>& fold,
                                const DomainClassifierOptions& options,
                                const std::vector<std::pair<std::string, std::string>>& params,
                                bool want_gain) {
  const size_t width = features.names.size();
  std::vector<double> out_of_fold(features.rows, std::nan(""));
  CvOutcome outcome;
  if (want_gain) outcome.total_gain.assign(width, 0.0);

  std::vector<float> train_x, test_x, train_y;
  std::vector<size_t> test_rows;
  for (int k = 0; k < options.folds; ++k) {
    train_x.clear();
    test_x.clear();
    train_y.clear();
    test_rows.clear();
    for (size_t r = 0; r < features.rows; ++r) {
      const float* row = features.values.data() + r * width;
      if (fold[r] == k) {
        test_x.insert(test_x.end(), row, row + width);
        test_rows.push_back(r);
      } else {
        train_x.insert(train_x.end(), row, row + width);
        train_y.push_back(static_cast<float>(labels[r]));
      }
    }
    AIRM_ASSIGN_OR_RETURN(learn::XgbMatrix train,
                          learn::XgbMatrix::Make(train_x, train_y.size(), features.types, train_y));
    AIRM_ASSIGN_OR_RETURN(learn::XgbMatrix test,
                          learn::XgbMatrix::Make(test_x, test_rows.size(), features.types, {}));
    AIRM_ASSIGN_OR_RETURN(learn::XgbBooster booster, learn::XgbBooster::Make(train, params));
    AIRM_RETURN_IF_ERROR(booster.Train(train, options.num_rounds));
    AIRM_ASSIGN_OR_RETURN(std::vector<float> predictions, booster.Predict(test));
    for (size_t i = 0; i < test_rows.size(); ++i) out_of_fold[test_rows[i]] = predictions[i];
    if (want_gain) {
      AIRM_ASSIGN_OR_RETURN(std::vector<double> gain, booster.FeatureScores("total_gain", width));
      for (size_t f = 0; f < width; ++f) outcome.total_gain[f] += gain[f];
    }
  }
  std::optional<double> auc = RocAuc(out_of_fold, labels);
  if (!auc) return Status::Internal("domain classifier: out-of-fold AUC undefined");
  outcome.auc = *auc;
  return outcome;
}

std::string JoinSkipped(const std::vector<std::string>& skipped) {
  std::string text;
  for (const std::string& s : skipped) text += (text.empty() ? "" : ", ") + s;
  return text;
}

}  // namespace

Status DomainClassifierOptions::Validate() const {
  if (folds < 2) return Status::InvalidArgument("domain classifier: folds must be >= 2");
  if (!(alpha > 0 && alpha < 1)) {
    return Status::InvalidArgument("domain classifier: alpha must be in (0, 1)");
  }
  // The smallest p-value is 1 / (1 + permutations); it must be able to reach alpha.
  if (permutations < 1 || std::floor(alpha * (permutations + 1)) < 1) {
    return Status::InvalidArgument("domain classifier: permutations must be >= " +
                                   std::to_string(static_cast<int>(std::ceil(1 / alpha)) - 1) +
                                   " so that the permutation p-value can reach alpha");
  }
  // Fewer rows per side than this could never run (see the insufficient-data rule).
  if (max_rows_per_side < 2 * static_cast<uint64_t>(folds)) {
    return Status::InvalidArgument("domain classifier: max_rows_per_side must be >= 2 x folds");
  }
  if (num_rounds < 1) return Status::InvalidArgument("domain classifier: num_rounds must be >= 1");
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
  result.folds = options.folds;
  result.permutations = options.permutations;

  std::vector<std::string> notes;
  const std::vector<uint64_t> ref_rows =
      SampleRows(reference.num_rows(), options.max_rows_per_side, StreamSeed(options.seed, 0));
  const std::vector<uint64_t> cur_rows =
      SampleRows(current.num_rows(), options.max_rows_per_side, StreamSeed(options.seed, 1));
  if (ref_rows.size() < reference.num_rows()) {
    notes.push_back("reference subsampled from " + std::to_string(reference.num_rows()) + " to " +
                    std::to_string(ref_rows.size()) + " rows");
  }
  if (cur_rows.size() < current.num_rows()) {
    notes.push_back("current subsampled from " + std::to_string(current.num_rows()) + " to " +
                    std::to_string(cur_rows.size()) + " rows");
  }

  AIRM_ASSIGN_OR_RETURN(
      learn::DomainFeatures features,
      learn::EncodeDomainFeatures(reference, current, columns, ref_rows, cur_rows));
  if (!features.skipped.empty()) {
    notes.push_back("columns skipped: " + JoinSkipped(features.skipped));
  }

  auto finish_note = [&notes]() {
    std::string text;
    for (const std::string& n : notes) text += (text.empty() ? "" : "; ") + n;
    return text;
  };
  const uint64_t min_rows = 2 * static_cast<uint64_t>(options.folds);
  if (ref_rows.size() < min_rows || cur_rows.size() < min_rows) {
    notes.insert(notes.begin(), "insufficient data: needs at least " + std::to_string(min_rows) +
                                    " rows on each side (2 x folds), has " +
                                    std::to_string(ref_rows.size()) + " reference and " +
                                    std::to_string(cur_rows.size()) + " current");
    result.note = finish_note();
    return result;
  }
  if (features.names.empty()) {
    notes.insert(notes.begin(), "insufficient data: no usable column present in both tables");
    result.note = finish_note();
    return result;
  }

  std::vector<uint8_t> labels(features.rows, 0);
  std::fill(labels.begin() + static_cast<ptrdiff_t>(ref_rows.size()), labels.end(), 1);

  std::ostringstream eta_text;
  eta_text.imbue(std::locale::classic());
  eta_text.precision(17);
  eta_text << options.eta;
  // No row or column subsampling in XGBoost itself, so training is a pure
  // function of the data; "seed" is set anyway in case a default changes.
  const std::vector<std::pair<std::string, std::string>> params = {
      {"objective", "binary:logistic"},
      {"tree_method", "hist"},
      {"max_depth", std::to_string(options.max_depth)},
      {"eta", eta_text.str()},
      {"max_bin", std::to_string(options.max_bin)},
      {"nthread", std::to_string(options.nthread)},
      {"seed", std::to_string(options.seed % 2147483648ULL)},
      {"verbosity", "0"},  // library code never prints
  };

  AIRM_ASSIGN_OR_RETURN(
      CvOutcome observed,
      CrossValidate(features, labels,
                    StratifiedFolds(labels, options.folds, StreamSeed(options.seed, 2)), options,
                    params, /*want_gain=*/true));

  // Permutations are independent: run them on all cores, each model with the
  // configured nthread. Results land by index, so the outcome does not
  // depend on scheduling.
  std::vector<double> null_aucs(static_cast<size_t>(options.permutations), 0.0);
  std::vector<Status> errors(static_cast<size_t>(options.permutations));
  std::atomic<int> next{0};
  auto worker = [&] {
    for (int p = next++; p < options.permutations; p = next++) {
      std::mt19937_64 rng(StreamSeed(options.seed, 100 + static_cast<uint64_t>(p)));
      std::vector<uint8_t> shuffled = labels;
      Shuffle(&shuffled, rng);
      auto null_outcome =
          CrossValidate(features, shuffled, StratifiedFolds(shuffled, options.folds, rng()),
                        options, params, /*want_gain=*/false);
      if (null_outcome.ok()) {
        null_aucs[static_cast<size_t>(p)] = null_outcome->auc;
      } else {
        errors[static_cast<size_t>(p)] = null_outcome.status();
      }
    }
  };
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned workers = std::min<unsigned>(cores, static_cast<unsigned>(options.permutations));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < workers; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  for (const Status& e : errors) AIRM_RETURN_IF_ERROR(e);

  // p = (1 + #{null >= auc}) / (1 + B). With m = floor(alpha (B + 1)) - 1,
  // p <= alpha  <=>  #{null >= auc} <= m  <=>  auc > the (m+1)-th largest null
  // AUC. That order statistic is the threshold, so the verdict and the
  // p-value can never disagree.
  std::sort(null_aucs.begin(), null_aucs.end());
  const int b = options.permutations;
  const int m = static_cast<int>(std::floor(options.alpha * (b + 1))) - 1;
  const double threshold = null_aucs[static_cast<size_t>(b - 1 - m)];
  const auto at_least = static_cast<int>(
      null_aucs.end() - std::lower_bound(null_aucs.begin(), null_aucs.end(), observed.auc));

  result.ran = true;
  result.auc = observed.auc;
  result.auc_threshold = threshold;
  result.p_value = static_cast<double>(1 + at_least) / static_cast<double>(1 + b);
  result.drifted = observed.auc > threshold;
  result.rows_used = features.rows;

  const double gain_total =
      std::accumulate(observed.total_gain.begin(), observed.total_gain.end(), 0.0);
  if (gain_total > 0) {
    std::vector<size_t> order(features.names.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t c) {
      return observed.total_gain[a] > observed.total_gain[c];
    });
    for (size_t f : order) {
      if (result.top_columns.size() == kMaxTopColumns || observed.total_gain[f] <= 0) break;
      result.top_columns.emplace_back(features.names[f], observed.total_gain[f] / gain_total);
    }
  } else {
    notes.push_back("the models made no split, so no column ranking");
  }
  result.note = finish_note();
  return result;
}

}  // namespace airm
