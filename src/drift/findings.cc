#include "findings.h"

#include <algorithm>
#include <cstdio>

namespace airm::drift {
namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

void ColumnFindings(const std::vector<ColumnDrift>& columns, const char* family,
                    std::vector<Finding>* out) {
  for (const ColumnDrift& c : columns) {
    if (c.status == ColumnDriftStatus::kDrift) {
      Finding f = MakeFinding(Severity::kWarn, std::string("drift.") + family, c.name,
                              "'" + c.name + "' has drifted: " + c.reason);
      if (c.effect_size) f.evidence[c.effect_size_name] = *c.effect_size;
      if (c.p_value_adjusted) f.evidence["p_value_adjusted"] = *c.p_value_adjusted;
      out->push_back(std::move(f));
    } else if (c.status == ColumnDriftStatus::kNoDrift && c.effect_size &&
               *c.effect_size >= c.effect_size_threshold && c.p_value_adjusted &&
               *c.p_value_adjusted >= c.threshold) {
      Finding f = MakeFinding(Severity::kWarn, "drift.uncertain", c.name,
                              "'" + c.name + "' changed a lot (" + c.effect_size_name + " " +
                                  Num(*c.effect_size) +
                                  ") but there are too few rows for the change to be significant");
      f.evidence[c.effect_size_name] = *c.effect_size;
      out->push_back(std::move(f));
    }
    if (c.bounds && !c.bounds->decided) {
      out->push_back(MakeFinding(Severity::kWarn, "drift.undecided", c.name,
                                 "'" + c.name +
                                     "': the sketches' error bounds leave the verdict open; "
                                     "compare the rows (without --sketch) or use larger sketches"));
    }
    if (c.status == ColumnDriftStatus::kInsufficientData) {
      out->push_back(MakeFinding(Severity::kInfo, "drift.insufficient_data", c.name,
                                 "'" + c.name + "': " + c.reason));
    }
  }
}

}  // namespace

std::vector<Finding> CollectFindings(const DriftResult& r) {
  std::vector<Finding> out;
  for (const QualityCheck& q : r.quality) {
    if (q.status == CheckStatus::kPass) continue;
    Finding f = MakeFinding(q.status == CheckStatus::kFail ? Severity::kFail : Severity::kWarn,
                            "quality." + q.check, q.column.empty() ? "dataset" : q.column,
                            (q.column.empty() ? "" : "'" + q.column + "': ") + q.message);
    if (q.value) f.evidence[q.check] = *q.value;
    out.push_back(std::move(f));
  }
  if (r.input_verdict.drifted) {
    Finding f = MakeFinding(Severity::kFail, "drift.dataset", "inputs",
                            "The model's inputs have drifted: " + r.input_verdict.summary);
    f.evidence["columns_drifted"] = static_cast<double>(r.input_verdict.columns_drifted);
    f.evidence["columns_tested"] = static_cast<double>(r.input_verdict.columns_tested);
    out.push_back(std::move(f));
  }
  if (r.output_verdict.drifted) {
    Finding f = MakeFinding(Severity::kFail, "drift.outputs", "outputs",
                            "The model's outputs (target, prediction or score) have drifted: " +
                                r.output_verdict.summary);
    f.evidence["columns_drifted"] = static_cast<double>(r.output_verdict.columns_drifted);
    out.push_back(std::move(f));
  }
  ColumnFindings(r.output_columns, "output_column", &out);
  ColumnFindings(r.input_columns, "column", &out);
  if (r.domain_classifier.ran && r.domain_classifier.drifted) {
    Finding f =
        MakeFinding(Severity::kWarn, "drift.multivariate", "inputs",
                    "A classifier can tell the two batches apart (ROC AUC " +
                        Num(r.domain_classifier.auc.value_or(0)) + ")" +
                        (r.domain_classifier.top_columns.empty()
                             ? std::string()
                             : ", mostly by '" + r.domain_classifier.top_columns[0].first + "'"));
    if (r.domain_classifier.auc) f.evidence["auc"] = *r.domain_classifier.auc;
    out.push_back(std::move(f));
  }
  for (const SegmentDrift& s : r.segments) {
    if (s.sufficient && s.verdict.drifted) {
      out.push_back(MakeFinding(Severity::kWarn, "drift.segment", s.column + "=" + s.value,
                                "Within " + s.column + " = " + s.value + ": " + s.verdict.summary));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) > static_cast<int>(b.severity);
  });
  return out;
}

}  // namespace airm::drift
