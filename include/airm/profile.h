// Profile: a per-column statistical summary of a table, mergeable and serializable.
//
// A Profile is what drift, quality and monitoring compare. It is built two ways:
//   * ProfileTable(table)      in memory: exact quantiles (linear interpolation,
//                              numpy's default), exact distinct count and exact
//                              top values; columns are profiled in parallel.
//   * ProfileBuilder.Add(chunk) streaming with bounded memory: quantiles from a
//                              KLL sketch, distinct count from HyperLogLog, top
//                              values from Space-Saving (error bounds below).
// Both carry the mergeable sketches (ColumnProfile::sketches), so any two
// profiles of the same columns merge (MergeProfiles); a merged profile answers
// quantiles / distinct / top values from sketches and is marked exact = false.
// Counts (rows, nulls, NaN, ±Inf), min, max, mean and variance merge exactly
// (Chan et al. 1979 for the variance; equal to the whole-data value up to
// floating rounding, relative 1e-12 in our tests).
//
// Numeric columns (float64, int64, bool, timestamp) are summarised as doubles
// (timestamps as seconds since the epoch, bools as 0/1). NaN and ±Inf are
// valid values (not nulls) but are counted separately and EXCLUDED from min,
// max, mean, stddev, quantiles and histogram, which describe finite values
// only; they ARE included in distinct count and top values ("NaN", "Inf",
// "-Inf"). Text columns (categorical, string) have counts, distinct count and
// top values; their numeric fields are nullopt/empty.
//
// Thread-safety: Profile is a plain value. ProfileBuilder is not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/column.h"
#include "airm/profile_sketches.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm {

struct ProfileOptions {
  // Quantile levels reported per numeric column, each in [0, 1].
  std::vector<double> quantiles = {0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0};
  // Equal-width bins between min and max of the finite values (numpy.histogram).
  int histogram_bins = 20;
  // How many most frequent values each column reports.
  int top_values = 10;
  // KLL accuracy parameter: larger k, smaller rank error (see KllSketch).
  int kll_k = 200;
  // HyperLogLog precision p in [4, 18]; m = 2^p registers.
  int hll_precision = 12;
  // Space-Saving counters; the overestimate of any count is at most n / capacity.
  int frequent_items_capacity = 256;
  // Seed of the KLL compaction coin; equal seeds and inputs give equal profiles.
  uint64_t seed = 0x5eed'a1f0'0d5e'ed01ULL;
  // Threads of the process pool for ProfileTable (airm/parallel_for.h); 0 = one per core.
  int num_threads = 0;

  // InvalidArgument naming the option when a value is out of range.
  Status Validate() const;
};

enum class ColumnProfileKind { kNumeric, kText };
// "numeric", "text".
const char* ColumnProfileKindName(ColumnProfileKind kind);

struct QuantileValue {
  double level = 0.0;  // q in [0, 1]
  double value = 0.0;
};

// [lower, upper) except the last bin, which is [lower, upper] (numpy's rule).
struct HistogramBin {
  double lower = 0.0;
  double upper = 0.0;
  uint64_t count = 0;
};

struct FrequentValue {
  // Text form: numbers in shortest round-trip form ("3", "0.25", "NaN",
  // "Inf"), bools "true"/"false", timestamps ISO 8601 UTC, text as is.
  std::string value;
  // Exact count, or the Space-Saving upper bound when the column is not exact.
  uint64_t count = 0;
  // The true count lies in [count - max_overestimate, count]; 0 when exact.
  uint64_t max_overestimate = 0;
};

struct ColumnProfile {
  std::string name;
  // The widest type seen: two different numeric types widen to float64;
  // numeric mixed with text widens to string. A column turned text keeps its
  // counts (nulls, NaN, ±Inf, finite) and its frequent values re-keyed by
  // their text, drops moments and quantiles, and says so in `notes`; a value
  // seen both as a number and as text may count twice in distinct_count.
  DataType type = DataType::kFloat64;
  ColumnRole role = ColumnRole::kFeature;
  ColumnProfileKind kind = ColumnProfileKind::kNumeric;
  // True when quantiles, distinct_count, top_values and histogram are exact
  // (built in memory and never merged).
  bool exact = false;

  uint64_t count = 0;  // rows, nulls included
  uint64_t null_count = 0;
  uint64_t nan_count = 0;      // numeric only
  uint64_t pos_inf_count = 0;  // numeric only
  uint64_t neg_inf_count = 0;  // numeric only
  uint64_t finite_count = 0;   // numeric values that are neither NaN nor ±Inf

  // Over finite values; nullopt when there are none (stddev: fewer than two).
  std::optional<double> min;
  std::optional<double> max;
  std::optional<double> mean;
  std::optional<double> stddev;  // sample standard deviation, ddof = 1

  // One entry per ProfileOptions::quantiles level; empty when no finite values.
  std::vector<QuantileValue> quantiles;
  // Non-null distinct values (NaN, Inf, -Inf count as one value each).
  uint64_t distinct_count = 0;
  // Most frequent non-null values, count descending, ties by value text.
  std::vector<FrequentValue> top_values;
  // Numeric only; empty when no finite values. Text columns: render top_values.
  std::vector<HistogramBin> histogram;

  // Error bounds of the approximate fields (0 when exact):
  //   quantile_rank_error: |rank(returned) - q| bound, KLL (99% confidence);
  //     also bounds histogram bin counts as a fraction of finite_count.
  //   distinct_relative_error: HyperLogLog relative standard error 1.04/sqrt(m).
  //   frequent_items_max_error: absolute bound on any top_values overestimate.
  double quantile_rank_error = 0.0;
  double distinct_relative_error = 0.0;
  uint64_t frequent_items_max_error = 0;

  // Human-readable notes, e.g. a type widening seen while streaming.
  std::vector<std::string> notes;

  // The mergeable state the summary fields above were derived from.
  ColumnSketches sketches;
};

struct Profile {
  uint64_t num_rows = 0;
  // The options the profile was built with (quantile levels, sketch sizes).
  ProfileOptions options;
  std::vector<ColumnProfile> columns;

  // True when every column is exact.
  bool exact() const;
  // The column called `name`, or nullptr.
  const ColumnProfile* FindColumn(std::string_view name) const;
};

// Profiles every column of `table` in memory (exact statistics), columns in
// parallel. Errors: InvalidArgument for bad options.
Result<Profile> ProfileTable(const Table& table, const ProfileOptions& options = {});

// Streaming profile: chunks of the same columns (matched by name, any order)
// are added one by one; memory is bounded by the sketch sizes, not the rows.
class ProfileBuilder {
 public:
  // Errors: InvalidArgument for bad options.
  static Result<ProfileBuilder> Make(const ProfileOptions& options = {});

  // The first chunk fixes the column set. Errors: InvalidArgument naming the
  // column when a later chunk lacks a column or has an extra one. A column
  // whose type widens (int64 -> float64, numeric -> text) is handled and
  // noted in ColumnProfile::notes; on the builder failing, no state changes.
  Status Add(const Table& chunk);

  // The profile of everything added so far (callable repeatedly; Add may
  // continue afterwards). A builder with no chunk gives a profile with no
  // columns and zero rows.
  Result<Profile> Finish() const;

 private:
  explicit ProfileBuilder(ProfileOptions options) : options_(std::move(options)) {}
  ProfileOptions options_;
  Profile state_;
  bool started_ = false;
};

// Merges two profiles of the same columns (matched by name; the result keeps
// a's column order). Errors: InvalidArgument naming the first column present
// in one profile but not the other, or when sketch parameters differ
// (kll_k, hll_precision, frequent_items_capacity, quantile levels).
Result<Profile> MergeProfiles(const Profile& a, const Profile& b);

// Versioned little-endian binary form ("AIRMPROF" preamble, CRC32 per file),
// documented byte by byte in docs/formats/profile.md.
std::string SerializeProfile(const Profile& profile);

// The JSON form (docs/schemas/profile.v1.json: summaries and error bounds, not
// the sketches) as compact text; invalid UTF-8 in names is replaced.
std::string ProfileJsonText(const Profile& profile);
// Errors: Corrupt with the reason (bad magic, unsupported version, checksum
// mismatch, truncated section, value out of range); never crashes on input.
Result<Profile> DeserializeProfile(std::string_view bytes);

}  // namespace airm
