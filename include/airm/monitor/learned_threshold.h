// Learned alert thresholds: an alert rule's threshold taken from the values
// its metric had in the monitor's earlier windows instead of a fixed number.
//
//   alerts:
//     - name: x-shift
//       when: "columns.x.effect_size > learned"   # > upper, < lower, != outside the band
//       learn: {method: mean_sigma, k: 3, min_windows: 8, until: 2026-03-02}
//     - name: auc-low
//       when: "metrics.roc_auc.value < learned"
//       learn: {method: quantile, q: 0.99}
//     - name: y-shift
//       when: "columns.y.effect_size > learned"
//       learn: {from: reference, method: quantile, q: 0.95, rows: 500}
//
// from: backfill (the default) learns from the schedule's earlier stored
// windows. from: reference learns before any window exists, as NannyML does:
// the reference is split into consecutive disjoint chunks of `rows` rows (the
// size of a typical window), each chunk is computed as a window would be —
// against the reference without that chunk, so a chunk is never compared with
// itself (against the whole reference, which contains it, the metric would be
// pulled towards "no change" and the spread understated) — and the threshold
// is learned from the chunks' values. `rows` defaults to a tenth of the
// reference (kDefaultReferenceChunks chunks) — not to the typical stored
// window, which would change the threshold between the first run (no windows
// yet) and later ones. A metric's spread depends on the sample size, so set
// `rows` to the windows' typical row count; the learned record states the size
// used and says so when it is far from the stored windows' median. The chunks
// are consecutive in the reference's row order, so a reference sorted by time
// carries its own drift into the spread.
//
// mean_sigma: mean ± k·σ of the learning values (σ the sample standard
// deviation, ddof = 1). quantile: the q-quantile of the values (numpy's
// linear interpolation) for `>`, the (1 − q)-quantile for `<`, both for `!=`.
//
// Every threshold states how often it is crossed by chance when nothing
// changed (the expected false-alarm rate per window):
//   mean_sigma, nominal: P(Z > k) one-sided, 2 P(Z > k) two-sided — windows
//     independent and normal with the learned mean and σ as the true ones;
//   mean_sigma, with n windows: the mean and σ are estimates, so a new window
//     X satisfies (X − mean) / (σ √(1 + 1/n)) ~ t(n − 1) under normality, and
//     the rate is P(T > k / √(1 + 1/n)) (twice that two-sided): the exact
//     predictive rate of normal windows (larger than the nominal one);
//   quantile, nominal: 1 − q (2 (1 − q) two-sided) as n grows;
//   quantile, with n windows: distribution-free for exchangeable continuous
//     windows, a threshold at or above the order statistic X_(j+1) (j =
//     ⌊(n − 1) q⌋) is crossed with probability at most (n − j) / (n + 1)
//     (lower side symmetric): with few windows a high q cannot be honoured.
// Fewer than min_windows values (or σ = 0) is "insufficient_evidence": the
// rule does not step, as on an empty window, and the result says why — never
// a silent threshold.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace airm::monitor {

enum class LearnMethod { kMeanSigma, kQuantile };
// "mean_sigma", "quantile".
const char* LearnMethodName(LearnMethod method);

// `learn:` of an alert rule (airm.yaml); validated by ParseMonitorsConfig.
struct LearnSpec {
  // Where the values come from: "backfill", the stored earlier windows of the
  // rule's schedule (computed by `monitor run`, or `--backfill FROM`), or
  // "reference", chunks of the monitor's reference (ReferenceChunks).
  std::string from = "backfill";
  LearnMethod method = LearnMethod::kMeanSigma;
  double k = 3;         // mean_sigma: how many σ from the mean (0 < k <= 10)
  double q = 0.99;      // quantile: the coverage level (0.5 < q < 1)
  int min_windows = 8;  // from: reference: the chunks needed
  // The last N earlier windows with a value; 0 = all of them.
  int windows = 0;
  // Canonical ISO 8601 UTC; "" = none. Only windows that end at or before
  // this time are learned from: a baseline frozen once the known-good span
  // is over, so a lasting drift does not become the new normal.
  std::string until = "";
  // from: reference: rows per chunk; 0 = the default (ReferenceChunkRows).
  int64_t rows = 0;
};

// from: reference without `rows`: the reference is cut into this many chunks.
inline constexpr int64_t kDefaultReferenceChunks = 10;

// The rows per reference chunk: `configured` when set (> 0), else
// reference_rows / kDefaultReferenceChunks, at least 1.
int64_t ReferenceChunkRows(int64_t reference_rows, int64_t configured);

// The median row count of `window_rows` (the lower middle value of an even
// count, so it is a real window's); nullopt when empty.
std::optional<int64_t> MedianWindowRows(std::span<const int64_t> window_rows);

// A reference chunk: rows [begin, end) of the reference.
struct RowRange {
  int64_t begin = 0;
  int64_t end = 0;
};

// The whole chunks of `chunk_rows` rows in order; the last reference_rows %
// chunk_rows rows form no chunk of their own (a short chunk would widen the
// spread) but stay in every other chunk's comparison. REQUIRES: chunk_rows > 0.
std::vector<RowRange> ReferenceChunks(int64_t reference_rows, int64_t chunk_rows);

// Which side of the learned band the rule's comparison fires on: `>`/`>=`
// above the upper threshold, `<`/`<=` below the lower, `!=` outside both.
enum class ThresholdSide { kUpper, kLower, kBoth };
const char* ThresholdSideName(ThresholdSide side);

struct LearnedThreshold {
  std::string status = "insufficient_evidence";  // or "ok"
  std::string note = "";                         // why insufficient, in words
  LearnMethod method = LearnMethod::kMeanSigma;
  ThresholdSide side = ThresholdSide::kUpper;
  int64_t windows = 0;  // the values learned from
  std::optional<double> mean = {};
  std::optional<double> sd = {};  // sample standard deviation (ddof = 1)
  std::optional<double> lower = {};
  std::optional<double> upper = {};
  // The expected share of windows crossing the threshold by chance (above).
  std::optional<double> expected_false_alarm_rate = {};
  std::optional<double> false_alarm_rate_with_n = {};
  std::string assumes = "";  // the assumption the rates rest on, in words
};

// Learns a threshold from `values` (NaN-free; order does not matter).
// REQUIRES: spec validated (ParseMonitorsConfig).
LearnedThreshold LearnThreshold(std::span<const double> values, const LearnSpec& spec,
                                ThresholdSide side);

// The gate expression the rule is evaluated with once learned: "PATH>1.25"
// (op as written), "PATH<-0.5", or "PATH<lo,PATH>hi" for `!=`. Numbers are
// written with 17 significant digits, so the gate compares the very value
// stored. REQUIRES: t.status == "ok".
std::string LearnedExpression(const std::string& path, const std::string& op,
                              const LearnedThreshold& t);

}  // namespace airm::monitor
