#include "trace_findings.h"

#include <algorithm>
#include <map>

#include "airm/report/format.h"
#include "time_text.h"

namespace airm::lineage::internal {
namespace {

void FileFindings(const FileCheck& file, bool is_model, std::vector<Finding>* out) {
  if (file.state == FileState::kChanged) {
    out->push_back(MakeFinding(Severity::kFail,
                               is_model ? "lineage.artifact_changed" : "lineage.file_changed",
                               file.subject,
                               file.subject + ": the file at " + file.path +
                                   " no longer matches the digest it was registered with (now " +
                                   file.actual_digest.value_or("?") + ")."));
  } else if (file.state == FileState::kMissing) {
    out->push_back(MakeFinding(Severity::kWarn,
                               is_model ? "lineage.artifact_missing" : "lineage.file_missing",
                               file.subject,
                               file.subject + ": nothing can be read at " + file.path +
                                   "; its content cannot be verified."));
  }
}

// The last run of each check before the reference time.
std::map<std::string, const QualityCheckRef*> LastChecksBefore(const DataNode& node) {
  std::map<std::string, const QualityCheckRef*> last;
  for (const QualityCheckRef& check : node.quality_checks) {
    if (check.seconds_from_reference && *check.seconds_from_reference > 0) continue;
    last[check.check_name] = &check;  // oldest first, so the last one wins
  }
  return last;
}

void QualityFindings(const TraceResult& trace, std::vector<Finding>* out) {
  for (const TracedData& data : trace.data) {
    if (data.side == TraceSide::kInference) continue;
    const auto last = LastChecksBefore(data.node);
    for (const auto& [name, check] : last) {
      if (check->status == "fail" || check->status == "error") {
        out->push_back(MakeFinding(Severity::kWarn, "lineage.check_failed", check->dataset,
                                   "Check '" + name + "' on " + check->dataset +
                                       " last ran before " + trace.reference_kind + " (" +
                                       check->executed_at + ") with status " + check->status +
                                       "."));
      }
    }
    if (data.node.depth == 0 && last.empty()) {
      const bool later = !data.node.quality_checks.empty();
      out->push_back(MakeFinding(Severity::kInfo, "lineage.unchecked_training_data",
                                 data.node.Label(),
                                 data.node.Label() + " has no quality check before " +
                                     trace.reference_kind + (later ? " (only later ones)." : ".")));
    }
  }
}

}  // namespace

void SortBySeverity(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) > static_cast<int>(b.severity);
  });
}

std::vector<Finding> TraceFindings(const TraceResult& trace) {
  std::vector<Finding> out;
  for (const TracedData& data : trace.data) {
    for (const FileCheck& file : data.node.files) FileFindings(file, false, &out);
  }
  if (trace.model.file) FileFindings(*trace.model.file, true, &out);
  if (!trace.deployment) {
    out.push_back(MakeFinding(Severity::kWarn, "lineage.no_deployment", trace.model.Reference(),
                              "No deployment was in force at " + trace.prediction.predicted_at +
                                  " (looked up by " +
                                  (trace.prediction.batch.recorded_deployment_id
                                       ? std::string("the recorded deployment's environment")
                                       : std::string("the batch's model version")) +
                                  ")."));
  } else if (trace.deployment->model_version_id != trace.model.id) {
    out.push_back(MakeFinding(
        Severity::kFail, "lineage.deployment_mismatch", trace.deployment->environment,
        "At " + trace.prediction.predicted_at + " " + trace.deployment->environment + " served " +
            trace.deployment->model + ", but the prediction was logged as made by " +
            trace.model.Reference() + "."));
  }
  QualityFindings(trace, &out);
  for (const TracedRun& run : trace.runs) {
    if (run.run.status == "failed" || run.run.status == "aborted") {
      out.push_back(MakeFinding(Severity::kWarn, "lineage.run_failed", run.run.uuid,
                                "Run " + run.run.uuid + " of job " + run.run.job_name + " " +
                                    run.run.status + (run.run.error ? ": " + *run.run.error : "") +
                                    "."));
    }
  }
  if (!trace.model.training_run_uuid && trace.model.data.empty()) {
    out.push_back(MakeFinding(
        Severity::kInfo, "lineage.no_training_lineage", trace.model.Reference(),
        trace.model.Reference() + " has neither a training run nor training data recorded; "
                                  "what it learned from is unknown."));
  }
  if (trace.as_of_given) {
    std::optional<int64_t> gap = SecondsBetween(trace.as_of, trace.prediction.predicted_at);
    if (gap && *gap > 0) {
      out.push_back(
          MakeFinding(Severity::kInfo, "lineage.as_of_before_prediction", trace.prediction.id,
                      "The trace is taken as of " + trace.as_of + ", " +
                          report::DurationText(*gap) + " before the prediction was made."));
    }
  }
  SortBySeverity(&out);
  return out;
}

}  // namespace airm::lineage::internal
