// AnalyzeFairness: per-group rates, disparities between groups, and whether
// errors depend on the group. Definitions: docs/fairness.md.
#include <algorithm>
#include <cstdio>

#include "airm/groups.h"
#include "airm/metrics.h"
#include "airm/stats/contingency.h"

namespace airm {
namespace {

constexpr double kConfidence = 0.95;

// The rate successes/n with its Wilson interval, or undefined with `why`.
MetricValue Rate(uint64_t successes, uint64_t n, const std::string& why) {
  MetricValue v;
  if (n == 0) {
    v.note = why;
    return v;
  }
  v.value = static_cast<double>(successes) / static_cast<double>(n);
  const Interval ci = WilsonInterval(successes, n, kConfidence);
  v.ci_low = ci.low;
  v.ci_high = ci.high;
  v.ci_method = "wilson";
  return v;
}

std::string Fmt(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

std::string Percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * x);
  return buf;
}

std::string JoinQuoted(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += "'" + names[i] + "'";
  }
  return out;
}

struct GroupCounts {
  uint64_t n = 0, tp = 0, fp = 0, tn = 0, fn = 0, wrong = 0;
};

GroupCounts Count(const EvalData& data, const std::vector<uint32_t>& rows) {
  GroupCounts c;
  c.n = rows.size();
  const bool binary = data.task == TaskType::kBinary;
  for (uint32_t i : rows) {
    const bool wrong = data.y_pred[i] != data.y_true[i];
    c.wrong += wrong;
    if (!binary) continue;
    const bool actual = data.y_true[i] == 1;
    const bool predicted = data.y_pred[i] == 1;
    if (actual && predicted) ++c.tp;
    if (!actual && predicted) ++c.fp;
    if (!actual && !predicted) ++c.tn;
    if (actual && !predicted) ++c.fn;
  }
  return c;
}

// The extremes of one metric over the qualifying groups (rows >= floor) whose
// value is defined; qualifying groups where it is undefined are listed.
struct Gap {
  std::optional<double> max, min;
  std::string max_group, min_group;
  std::vector<std::string> undefined_groups;  // qualifying, metric undefined
  size_t used = 0;
};

Gap GapOf(const std::vector<GroupResult>& groups, const std::vector<bool>& qualifies,
          const std::string& metric) {
  Gap gap;
  for (size_t i = 0; i < groups.size(); ++i) {
    if (!qualifies[i]) continue;
    auto it = groups[i].metrics.find(metric);
    if (it == groups[i].metrics.end() || !it->second.value) {
      gap.undefined_groups.push_back(groups[i].value);
      continue;
    }
    const double v = *it->second.value;
    ++gap.used;
    if (!gap.max || v > *gap.max) {
      gap.max = v;
      gap.max_group = groups[i].value;
    }
    if (!gap.min || v < *gap.min) {
      gap.min = v;
      gap.min_group = groups[i].value;
    }
  }
  return gap;
}

struct DisparityContext {
  std::string excluded_small;  // sentence naming groups below min_group_rows, or ""
};

MetricValue Difference(const Gap& gap, const std::string& metric, const std::string& why_undef,
                       const DisparityContext& ctx) {
  MetricValue v;
  std::string note;
  if (!gap.undefined_groups.empty()) {
    note = JoinQuoted(gap.undefined_groups) + " left out: " + metric + " undefined (" + why_undef +
           "). ";
  }
  note += ctx.excluded_small;
  if (gap.used < 2) {
    v.note = "undefined: fewer than two groups with a defined " + metric + ". " + note;
  } else {
    v.value = *gap.max - *gap.min;
    v.note = "max " + Fmt(*gap.max) + " ('" + gap.max_group + "') - min " + Fmt(*gap.min) + " ('" +
             gap.min_group + "'). " + note;
  }
  while (!v.note.empty() && v.note.back() == ' ') v.note.pop_back();
  return v;
}

MetricValue Undefined(const std::string& why) {
  MetricValue v;
  v.note = why;
  return v;
}

void FillBinaryDisparities(const std::vector<GroupResult>& groups,
                           const std::vector<bool>& qualifies, const DisparityContext& ctx,
                           FairnessResult* out) {
  auto& d = out->disparities;
  const Gap sr = GapOf(groups, qualifies, "selection_rate");
  d["demographic_parity_difference"] = Difference(sr, "selection_rate", "no rows", ctx);
  MetricValue ratio;
  if (sr.used < 2) {
    ratio = d["demographic_parity_difference"];
  } else if (*sr.max == 0) {
    ratio.note = "undefined: no group has a positive prediction (0 / 0). " + ctx.excluded_small;
  } else {
    ratio.value = *sr.min / *sr.max;
    ratio.note = "min " + Fmt(*sr.min) + " ('" + sr.min_group + "') / max " + Fmt(*sr.max) + " ('" +
                 sr.max_group + "'). " + ctx.excluded_small;
  }
  while (!ratio.note.empty() && ratio.note.back() == ' ') ratio.note.pop_back();
  d["demographic_parity_ratio"] = ratio;
  d["disparate_impact"] = ratio;
  out->four_fifths_rule_passed = ratio.value.has_value() && *ratio.value >= 0.8;

  const Gap tpr = GapOf(groups, qualifies, "tpr");
  const Gap fpr = GapOf(groups, qualifies, "fpr");
  const MetricValue tpr_gap =
      Difference(tpr, "tpr", "no actual positives: insufficient evidence", ctx);
  const MetricValue fpr_gap =
      Difference(fpr, "fpr", "no actual negatives: insufficient evidence", ctx);
  d["equal_opportunity_difference"] = tpr_gap;
  MetricValue eo;
  if (tpr_gap.value && fpr_gap.value) {
    eo.value = std::max(*tpr_gap.value, *fpr_gap.value);
    eo.note = "max of the TPR gap " + Fmt(*tpr_gap.value) + " and the FPR gap " +
              Fmt(*fpr_gap.value) + ". " + ctx.excluded_small;
  } else {
    eo.note = std::string("undefined: the ") + (tpr_gap.value ? "FPR" : "TPR") +
              " gap is undefined (" + (tpr_gap.value ? fpr_gap.note : tpr_gap.note) + ")";
  }
  while (!eo.note.empty() && eo.note.back() == ' ') eo.note.pop_back();
  d["equalized_odds_difference"] = eo;
}

void FillVerdict(const std::string& attribute, const std::vector<GroupResult>& groups,
                 const std::vector<bool>& qualifies, const std::vector<GroupCounts>& all_counts,
                 double alpha, FairnessResult* out) {
  std::vector<std::vector<uint64_t>> table;
  for (size_t i = 0; i < groups.size(); ++i) {
    if (!qualifies[i]) continue;
    table.push_back({all_counts[i].n - all_counts[i].wrong, all_counts[i].wrong});
  }
  const stats::ContingencyTest t = stats::IndependenceTests(table);
  out->errors_independent_chi2 = {t.chi2, t.chi2_p};
  out->errors_independent_g = {t.g, t.g_p};
  if (!t.chi2_p) {
    out->verdict = "no verdict on whether errors depend on " + attribute + ": " + t.note + ".";
    return;
  }
  const Gap err = GapOf(groups, qualifies, "error_rate");
  const std::string range = "the error rate ranges from " + Percent(*err.min) + " ('" +
                            err.min_group + "') to " + Percent(*err.max) + " ('" + err.max_group +
                            "')";
  char p[64];
  std::snprintf(p, sizeof p, "chi-square p = %.3g, G-test p = %.3g", *t.chi2_p, *t.g_p);
  if (*t.chi2_p < alpha) {
    out->verdict = "errors are concentrated in some groups of " + attribute + " (systematic; " + p +
                   "): " + range + ".";
  } else {
    out->verdict = "errors look random across groups of " + attribute + " (" + p +
                   "): no evidence that the error rate depends on the group; " + range + ".";
  }
}

FairnessResult AnalyzeAttribute(const std::string& attribute, const std::vector<RowGroup>& split,
                                const EvalData& data, const EvalConfig& config) {
  FairnessResult out;
  out.attribute = attribute;
  const uint64_t floor = std::max<uint64_t>(1, config.min_group_rows);
  std::vector<bool> qualifies;
  std::vector<GroupCounts> counts;
  std::vector<std::string> small;
  for (const RowGroup& g : split) {
    GroupResult r;
    r.value = g.label;
    r.rows = g.rows.size();
    const GroupCounts c = Count(data, g.rows);
    if (data.task == TaskType::kBinary) {
      const std::string no_rows = "undefined: no rows in this group";
      r.metrics["selection_rate"] = Rate(c.tp + c.fp, c.n, no_rows);
      const std::string no_pos = "insufficient evidence: no actual positives in this group";
      const std::string no_neg = "insufficient evidence: no actual negatives in this group";
      r.metrics["tpr"] = Rate(c.tp, c.tp + c.fn, c.n == 0 ? no_rows : no_pos);
      r.metrics["fnr"] = Rate(c.fn, c.tp + c.fn, c.n == 0 ? no_rows : no_pos);
      r.metrics["fpr"] = Rate(c.fp, c.fp + c.tn, c.n == 0 ? no_rows : no_neg);
      r.metrics["precision"] =
          Rate(c.tp, c.tp + c.fp,
               c.n == 0 ? no_rows : "undefined: no positive predictions in this group");
      r.metrics["error_rate"] = Rate(c.wrong, c.n, no_rows);
    } else if (data.task == TaskType::kMulticlass) {
      r.metrics["error_rate"] = Rate(c.wrong, c.n, "undefined: no rows in this group");
    } else if (!g.rows.empty()) {
      r.metrics = ComputePointMetrics(data, g.rows);
    }
    qualifies.push_back(r.rows >= floor);
    if (r.rows < floor) {
      small.push_back("'" + r.value + "' (" + std::to_string(r.rows) + " rows)");
    }
    counts.push_back(c);
    out.groups.push_back(std::move(r));
  }
  DisparityContext ctx;
  if (!small.empty()) {
    ctx.excluded_small = "Left out for fewer than " + std::to_string(floor) + " rows: ";
    for (size_t i = 0; i < small.size(); ++i) {
      ctx.excluded_small += (i > 0 ? ", " : "") + small[i];
    }
    ctx.excluded_small += ".";
  }

  if (data.task == TaskType::kRegression) {
    const std::string why = "undefined for regression: needs a positive class";
    for (const char* name :
         {"demographic_parity_difference", "demographic_parity_ratio", "disparate_impact",
          "equal_opportunity_difference", "equalized_odds_difference"}) {
      out.disparities[name] = Undefined(why);
    }
    out.disparities["error_rate_difference"] =
        Undefined("undefined for regression: no correct / incorrect split");
    out.verdict = "no verdict on whether errors depend on " + attribute +
                  ": regression has no correct / incorrect split; compare the per-group "
                  "error metrics.";
    return out;
  }
  out.disparities["error_rate_difference"] =
      Difference(GapOf(out.groups, qualifies, "error_rate"), "error_rate", "no rows", ctx);
  if (data.task == TaskType::kBinary) {
    FillBinaryDisparities(out.groups, qualifies, ctx, &out);
  } else {
    const std::string why = "undefined for multiclass: needs a positive class";
    for (const char* name :
         {"demographic_parity_difference", "demographic_parity_ratio", "disparate_impact",
          "equal_opportunity_difference", "equalized_odds_difference"}) {
      out.disparities[name] = Undefined(why);
    }
  }
  FillVerdict(attribute, out.groups, qualifies, counts, config.alpha, &out);
  return out;
}

}  // namespace

Result<std::vector<FairnessResult>> AnalyzeFairness(const Table& table, const EvalData& data,
                                                    const EvalConfig& config) {
  std::vector<std::vector<RowGroup>> splits;
  for (const std::string& column : config.sensitive_columns) {
    Result<std::vector<RowGroup>> groups =
        GroupRows(table, data, column, config.segment_bins, nullptr);
    if (!groups.ok()) {
      return Status::InvalidArgument(OptionRef("sensitive") + " " + column + ": " +
                                     groups.status().raw_message());
    }
    splits.push_back(std::move(groups).value());
  }
  std::vector<FairnessResult> out;
  for (size_t i = 0; i < splits.size(); ++i) {
    out.push_back(AnalyzeAttribute(config.sensitive_columns[i], splits[i], data, config));
  }
  for (size_t i = 0; i < splits.size(); ++i) {
    for (size_t j = i + 1; j < splits.size(); ++j) {
      out.push_back(
          AnalyzeAttribute(config.sensitive_columns[i] + " & " + config.sensitive_columns[j],
                           Intersect(splits[i], splits[j]), data, config));
    }
  }
  return out;
}

}  // namespace airm
