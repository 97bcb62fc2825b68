// ChaosResult: everything `airm chaos` observed, as plain data.
//
// Produced by RunChaos (chaos.h), rendered by the chaos JSON / HTML / JUnit
// renderers (airm/report/chaos_report.h) and read by gates. Each failure mode is one
// ChaosCase with a status; undefined numbers are nullopt with a note
// ("insufficient evidence: ..."), never 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/chaos/chaos_options.h"
#include "airm/chaos/model_adapter.h"
#include "airm/finding.h"
#include "airm/input_info.h"
#include "airm/metric_value.h"

namespace airm::chaos {

enum class CaseStatus { kHandled, kDegraded, kFailed };
const char* CaseStatusName(CaseStatus status);  // "handled", "degraded", "failed"

// One metric on the perturbed answers against the same rows' baseline
// answers. delta = perturbed - baseline; the interval is the paired-bootstrap
// percentile interval of delta (docs/chaos.md, "Intervals").
struct MetricChange {
  std::string metric;  // "roc_auc", "accuracy", "log_loss", "rmse"
  std::optional<double> baseline;
  std::optional<double> perturbed;
  std::optional<double> delta;
  std::optional<double> ci_low;
  std::optional<double> ci_high;
  std::string note;  // why undefined
};

// What one adapter did with one case's requests.
struct ServiceAnswer {
  bool answered = false;  // every request answered with valid scores
  FailureKind failure = FailureKind::kNone;
  int http_status = 0;
  std::string detail;           // the adapter's message, or why valid-looking scores were rejected
  bool invalid_output = false;  // answered, but scores non-finite or outside [0, 1] (binary)
  int attempts = 0;             // requests including retries
  uint64_t requests = 0;
  double seconds = 0;  // wall time of all requests
};

// A served answer: every request answered with valid scores.
bool Served(const ServiceAnswer& answer);
// "timeout: no answer within 2 s" — the failure in words: its kind (with the
// HTTP status) and the first line of the adapter's message.
std::string DescribeFailure(const ServiceAnswer& answer);

struct ChaosCase {
  std::string name;  // stable id, e.g. "null:Income", "mcar:50%", "shuffled_columns"
  Family family = Family::kMissing;
  std::string mode;          // e.g. "null", "string", "unseen", "refused"
  std::string feature;       // "" when the case is not about one feature
  std::string perturbation;  // what was done, in plain words
  uint64_t rows_sent = 0;
  uint64_t rows_affected = 0;  // rows with at least one perturbed value
  CaseStatus status = CaseStatus::kHandled;
  std::string reason;  // why this status, one sentence

  ServiceAnswer primary;
  // Upstream probes: the failure the injected fault should produce.
  std::optional<FailureKind> expected_failure;

  // Comparison with the baseline (empty / nullopt when the primary did not answer).
  uint64_t rows_compared = 0;
  std::vector<MetricChange> metrics;
  std::optional<double> changed_share;           // over compared rows
  std::optional<double> changed_share_affected;  // over compared rows that were perturbed
  std::optional<double> max_abs_score_change;
  // Rows sent more than once (or meant to be unchanged) whose scores differ.
  std::optional<uint64_t> inconsistent_rows;

  // --fallback: the fallback's answer when the primary failed.
  bool fallback_used = false;
  ServiceAnswer fallback;
  std::vector<MetricChange> fallback_metrics;  // accuracy of the degraded service
};

// A family that was asked for but does not apply (e.g. upstream probes for an
// in-process model), or a case that could not be built.
struct SkippedFamily {
  Family family = Family::kMissing;
  std::string reason;
};

// How much the model relies on each feature, used to pick the k most
// important features: the mean absolute score change when the feature is
// null ("null_one") or, where that failed, when its values are permuted
// across rows ("permutation").
struct FeatureImportance {
  std::string feature;
  std::optional<double> value;
  std::string method;
};

struct FamilySummary {
  Family family = Family::kMissing;
  uint64_t handled = 0;
  uint64_t degraded = 0;
  uint64_t failed = 0;
};

struct ChaosSummary {
  CaseStatus verdict = CaseStatus::kHandled;  // the worst case status
  uint64_t cases = 0;
  uint64_t handled = 0;
  uint64_t degraded = 0;
  uint64_t failed = 0;
  std::vector<FamilySummary> by_family;  // families that ran, catalogue order
};

struct ChaosResult {
  // Filled by the use case (usecases::RunChaos): the data file, the model specs and the
  // digests of the files they name (empty when a spec names no file).
  InputInfo data;
  std::string model_spec;
  std::string model_sha256;
  std::string fallback_spec;
  std::string constraints_path;
  std::string constraints_sha256;

  std::string model;     // ModelAdapter::Describe()
  std::string fallback;  // "" without --fallback
  std::string task;      // "binary" or "regression"
  std::string target;
  std::string positive_label;  // binary only
  std::string negative_label;  // binary only
  double threshold = 0.5;
  uint64_t rows_used = 0;
  uint64_t rows_excluded = 0;  // rows without a usable target
  std::vector<std::string> features;
  std::vector<std::string> notes;
  ChaosOptions options;

  ServiceAnswer baseline;  // the unperturbed batch
  MetricMap baseline_metrics;
  std::vector<FeatureImportance> importance;
  std::vector<ChaosCase> cases;
  std::vector<SkippedFamily> skipped;
  // The load and manipulation families, when they ran (load_test.h,
  // manipulation.h); their findings are merged into `findings`.
  std::optional<LoadResult> load;
  std::optional<ManipulationResult> manipulation;
  ChaosSummary summary;
  std::vector<Finding> findings;  // most severe first
};

}  // namespace airm::chaos
