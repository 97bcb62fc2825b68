// RunChaos: the steps are listed in airm/chaos/chaos.h.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "airm/chaos/chaos.h"
#include "baseline_comparison.h"
#include "case_runner.h"
#include "catalogue.h"
#include "findings.h"
#include "model_input.h"
#include "status_rules.h"
#include "upstream_probes.h"

namespace airm::chaos {
namespace {

using internal::BaselineComparison;
using internal::CaseInput;
using internal::CasePlan;
using internal::CaseRunner;
using internal::ModelInput;

constexpr uint64_t kPermutationSeedSalt = 0x696d70;  // "imp"

class Run {
 public:
  Run(const ModelInput& input, const ChaosTargets& targets, const ChaosOptions& options,
      const ChaosProgress& progress, ChaosResult* result)
      : input_(input), targets_(targets), options_(options), progress_(progress), result_(result) {}

  void Baseline() {
    std::vector<double> scores;
    result_->baseline = internal::SendBatch(*targets_.model, input_.base, options_.batch_rows,
                                            false, input_.binary, &scores);
    ChaosCase c;
    c.name = "baseline";
    c.family = Family::kStructure;
    c.mode = "baseline";
    c.perturbation =
        "the data as it is, in requests of " + std::to_string(options_.batch_rows) + " rows";
    c.rows_sent = input_.rows();
    c.primary = result_->baseline;
    if (internal::Served(result_->baseline)) {
      comparison_ = std::make_unique<BaselineComparison>(input_, scores, options_);
      result_->baseline_metrics = comparison_->BaselineMetrics();
      c.status = CaseStatus::kHandled;
      c.reason = "answered every row with a valid score";
    } else {
      c.status = CaseStatus::kFailed;
      c.reason = "the unperturbed data was not served (" +
                 internal::DescribeFailure(result_->baseline) +
                 "); no metric change can be measured";
      result_->notes.push_back(
          "insufficient evidence: the baseline was not served, so metric "
          "changes are undefined");
    }
    result_->cases.push_back(std::move(c));
    runner_ = std::make_unique<CaseRunner>(input_, options_, comparison_.get(), targets_.fallback);
  }

  void RunFamily(chaos::Family family) {
    switch (family) {
      case Family::kMissing:
        return Missing();
      case Family::kTypes:
        return Plans(internal::TypeCases(input_, options_), family, "no numeric feature");
      case Family::kCategories:
        return Plans(internal::CategoryCases(input_, options_), family, "no text feature");
      case Family::kStructure:
        return Plans(internal::StructureCases(input_, options_), family, "");
      case Family::kDeterminism:
        return Plans(internal::DeterminismCases(input_), family, "");
      case Family::kUpstream:
        return Upstream();
      case Family::kLoad:
        return Load();
      case Family::kManipulation:
        return Manipulation();
    }
  }

  std::vector<Finding> TakeExtraFindings() { return std::move(extra_findings_); }
  const Status& usage_error() const { return usage_error_; }

 private:
  void Report(ChaosCase c) {
    result_->cases.push_back(std::move(c));
    if (progress_) progress_(result_->cases.size(), planned_, result_->cases.back().name);
  }

  void Plans(std::vector<CasePlan> plans, chaos::Family family, const char* empty_reason) {
    if (plans.empty()) {
      result_->skipped.push_back({family, empty_reason});
      return;
    }
    planned_ += plans.size();
    for (const CasePlan& plan : plans) Report(runner_->Run(plan, *targets_.model));
  }

  void Missing() {
    const std::vector<CasePlan> nulls = internal::NullOneCases(input_);
    planned_ += nulls.size();
    std::vector<std::optional<double>> importance(input_.features.size());
    for (size_t f = 0; f < nulls.size(); ++f) {
      Report(runner_->Run(nulls[f], *targets_.model, &importance[f]));
    }
    Plans(internal::AbsentCases(input_), Family::kMissing, "");
    Plans(internal::McarCases(input_, options_), Family::kMissing, "");
    if (options_.keep_top_k.empty()) return;
    // Rank features: the null-one score change, else permutation importance.
    std::vector<std::string> methods(input_.features.size(), "null_one");
    for (size_t f = 0; f < importance.size(); ++f) {
      if (importance[f] || comparison_ == nullptr) continue;
      methods[f] = "permutation";
      const CaseInput in =
          internal::PermutedFeature(input_, f, options_.seed ^ kPermutationSeedSalt);
      CasePlan plan;
      plan.name = "permutation:" + input_.features[f].name;
      (void)runner_->RunInput(plan, in, *targets_.model, &importance[f]);
    }
    std::vector<size_t> ranked(input_.features.size());
    std::iota(ranked.begin(), ranked.end(), size_t{0});
    std::stable_sort(ranked.begin(), ranked.end(), [&](size_t a, size_t b) {
      return importance[a].value_or(-1.0) > importance[b].value_or(-1.0);
    });
    for (size_t f : ranked) {
      result_->importance.push_back({input_.features[f].name, importance[f], methods[f]});
    }
    Plans(internal::KeepTopKCases(input_, ranked, options_), Family::kMissing, "");
  }

  void Upstream() {
    std::string not_applicable;
    Result<std::unique_ptr<internal::UpstreamProbes>> probes = internal::UpstreamProbes::Make(
        targets_.model_spec, targets_.adapter_options, &not_applicable);
    if (!probes.ok()) {
      result_->skipped.push_back({Family::kUpstream, probes.status().message()});
      return;
    }
    if (*probes == nullptr) {
      result_->skipped.push_back({Family::kUpstream, not_applicable});
      return;
    }
    const CaseInput base = internal::CopyOfBase(input_);
    planned_ += (*probes)->probes().size();
    for (internal::UpstreamProbe& probe : (*probes)->probes()) {
      (*probes)->Arm(probe.fault);
      const CasePlan plan =
          internal::MakePlan(Family::kUpstream, probe.name, probe.name, "", probe.perturbation,
                             internal::Invariance::kMayChange, nullptr);
      ChaosCase c = runner_->RunInput(plan, base, *probe.adapter);
      c.expected_failure = probe.expected;
      if (internal::Served(c.primary)) {
        c.status = CaseStatus::kFailed;
        c.reason = "the injected fault went unnoticed: the adapter reported an answer";
      } else if (c.primary.failure != probe.expected) {
        c.reason += std::string(" (expected ") + FailureKindName(probe.expected) + ")";
      }
      (*probes)->Arm(internal::Fault::kPass);
      Report(std::move(c));
    }
  }

  static CaseStatus StatusFromFindings(const std::vector<Finding>& findings, std::string* reason) {
    CaseStatus status = CaseStatus::kHandled;
    for (const Finding& f : findings) {
      const CaseStatus s = f.severity == Severity::kFail   ? CaseStatus::kFailed
                           : f.severity == Severity::kWarn ? CaseStatus::kDegraded
                                                           : CaseStatus::kHandled;
      if (s > status || (reason->empty() && s != CaseStatus::kHandled)) {
        status = std::max(status, s);
        *reason = f.message;
      }
    }
    return status;
  }

  std::vector<double> LabelsAsDoubles() const {
    return std::vector<double>(input_.labels.begin(), input_.labels.end());
  }

  void Load() {
    if (!targets_.model->IsLocal()) {
      result_->skipped.push_back(
          {Family::kLoad, "load tests run against loopback or in-process models only"});
      return;
    }
    LoadOptions load = options_.load;
    load.decision_threshold = options_.threshold;
    const std::vector<double> labels = LabelsAsDoubles();
    ++planned_;
    ChaosCase c;
    c.name = c.mode = "load";
    c.family = Family::kLoad;
    c.perturbation = "a closed-loop concurrency sweep" +
                     std::string(load.request_rate ? " and an open-loop fixed-rate run" : "") +
                     " of " + std::to_string(load.rows_per_request) + "-row requests";
    Result<LoadResult> r =
        RunLoadTest(*targets_.model, input_.base, input_.binary ? &labels : nullptr, load);
    if (!r.ok()) {
      c.status = CaseStatus::kFailed;
      c.reason = "the load test could not run: " + r.status().message();
    } else {
      c.status = StatusFromFindings(r->findings, &c.reason);
      if (c.reason.empty()) c.reason = "latency, errors and served answers within bounds";
      for (const Finding& f : r->findings) extra_findings_.push_back(f);
      c.primary.answered = true;  // the test ran; its own numbers are in result.load
      result_->load = std::move(r).value();
    }
    Report(std::move(c));
  }

  void Manipulation() {
    if (!input_.binary) {
      result_->skipped.push_back(
          {Family::kManipulation, "the flip search needs a binary decision (a regression task)"});
      return;
    }
    ManipulationOptions m = options_.manipulation;
    m.decision_threshold = options_.threshold;
    m.seed = options_.seed;
    const Constraints constraints = options_.constraints.value_or(Constraints{});
    ++planned_;
    ChaosCase c;
    c.name = c.mode = "manipulation";
    c.family = Family::kManipulation;
    c.perturbation =
        "a constraint-aware search for the cheapest feature changes that flip a "
        "decision, and monotonicity checks";
    if (options_.constraints) c.perturbation += " (constraints: " + constraints.source + ")";
    Result<ManipulationResult> r =
        RunManipulationTest(*targets_.model, input_.base, constraints, m);
    if (!r.ok() && r.status().code() == StatusCode::kInvalidArgument) {
      // Constraints that do not fit the data are the user's to fix, not a
      // failure of the model.
      usage_error_ = r.status();
      return;
    }
    if (!r.ok()) {
      c.status = CaseStatus::kFailed;
      c.reason = "the manipulation test could not run: " + r.status().message();
    } else {
      c.status = StatusFromFindings(r->findings, &c.reason);
      if (c.reason.empty()) c.reason = "no cheap flips or monotonicity violations beyond bounds";
      for (const Finding& f : r->findings) extra_findings_.push_back(f);
      c.primary.answered = true;  // the search ran; its numbers are in result.manipulation
      result_->manipulation = std::move(r).value();
    }
    Report(std::move(c));
  }

  const ModelInput& input_;
  const ChaosTargets& targets_;
  const ChaosOptions& options_;
  const ChaosProgress& progress_;
  ChaosResult* result_;
  std::unique_ptr<BaselineComparison> comparison_;
  std::unique_ptr<CaseRunner> runner_;
  std::vector<Finding> extra_findings_;
  Status usage_error_;
  size_t planned_ = 0;
};

// Every constrained feature must be one the model is sent, so a typo in the
// constraints file is a usage error before any request, not a failed case.
Status CheckConstraints(const ChaosOptions& options, const ModelInput& input) {
  if (!options.constraints) return Status::Ok();
  for (const auto& [feature, constraint] : options.constraints->features) {
    if (std::find(input.base.columns.begin(), input.base.columns.end(), feature) ==
        input.base.columns.end()) {
      return Status::InvalidArgument("--constraints " + options.constraints->source +
                                     ": feature '" + feature +
                                     "' is not a column sent to the model");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<ChaosResult> RunChaos(const Table& data, const ChaosTargets& targets,
                             const ChaosOptions& options, const ChaosProgress& progress) {
  if (targets.model == nullptr) return Status::InvalidArgument("RunChaos: no model");
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(ModelInput input, internal::BuildModelInput(data, options));
  if (input.rows() == 0) {
    return Status::InvalidArgument("--target '" + options.target + "' has no rows with a value");
  }
  AIRM_RETURN_IF_ERROR(CheckConstraints(options, input));

  ChaosResult result;
  result.model_spec = targets.model_spec;
  result.model = targets.model->Describe();
  if (targets.fallback != nullptr) result.fallback = targets.fallback->Describe();
  result.task = input.binary ? "binary" : "regression";
  result.target = options.target;
  result.positive_label = input.positive_label;
  result.negative_label = input.negative_label;
  result.threshold = options.threshold;
  result.rows_used = input.rows();
  result.rows_excluded = input.rows_excluded;
  result.features = input.base.columns;
  result.notes = input.notes;
  result.options = options;

  Run run(input, targets, options, progress, &result);
  run.Baseline();
  std::vector<chaos::Family> families = options.families;
  std::sort(families.begin(), families.end());
  families.erase(std::unique(families.begin(), families.end()), families.end());
  for (chaos::Family family : families) run.RunFamily(family);
  if (!run.usage_error().ok()) return run.usage_error();

  result.summary = internal::Summarise(result.cases);
  result.findings = internal::ChaosFindings(result.cases, run.TakeExtraFindings());
  return result;
}

}  // namespace airm::chaos
