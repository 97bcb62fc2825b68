// The analysis sections of the evaluation page: segment heat map, weak
// slices, fairness per attribute, calibration and tail behaviour. Each
// explains itself in a sentence before its numbers, for a reader who is not
// a statistician (docs/evaluation-report.md says the same at more length).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "airm/report/format.h"
#include "airm/report/html_page.h"
#include "airm/report/svg_chart.h"
#include "eval_html_parts.h"
#include "eval_labels.h"

namespace airm::report {
namespace {

std::optional<double> ValueOf(const MetricMap& metrics, const std::string& name) {
  const auto it = metrics.find(name);
  if (it == metrics.end() || !it->second.value || !std::isfinite(*it->second.value)) {
    return std::nullopt;
  }
  return it->second.value;
}

double Blend(int from, int to, double t) { return from + (to - from) * t; }

std::string Mix(int r1, int g1, int b1, int r2, int g2, int b2, double t) {
  return fmt::format("#{:02x}{:02x}{:02x}", static_cast<int>(std::lround(Blend(r1, r2, t))),
                     static_cast<int>(std::lround(Blend(g1, g2, t))),
                     static_cast<int>(std::lround(Blend(b1, b2, t))));
}

// Error rates print as percentages for classification, losses as numbers.
std::string ErrorText(const EvalResult& r, double v) {
  return r.task == TaskType::kRegression ? FormatNumber(v) : FormatShare(v);
}

std::string LossLabel(const std::string& loss_name) {
  if (loss_name == "log_loss") return "log loss";
  if (loss_name == "squared_error") return "squared error";
  if (loss_name == "zero_one") return "0/1 error (wrong = 1)";
  if (loss_name == "absolute_error") return "absolute error";
  return loss_name.empty() ? "loss" : loss_name;
}

// The metric names shown for groups / segments: the headline metrics the
// data has, else whatever it has, at most `limit`.
std::vector<std::string> PickMetrics(const std::vector<std::string>& preferred,
                                     const std::set<std::string>& available, size_t limit) {
  std::vector<std::string> out;
  for (const std::string& m : preferred) {
    if (out.size() < limit && available.count(m)) out.push_back(m);
  }
  if (!out.empty()) return out;
  for (const std::string& m : available) {
    if (out.size() < limit) out.push_back(m);
  }
  return out;
}

}  // namespace

std::string HeatColor(std::string_view metric, std::optional<double> value,
                      std::optional<double> overall) {
  constexpr const char* kWhite = "#ffffff";
  const MetricDirection dir = DirectionOf(metric);
  if (!value || !overall || !std::isfinite(*value) || !std::isfinite(*overall) ||
      dir == MetricDirection::kNeutral) {
    return kWhite;
  }
  double gap = *value - *overall;
  if (dir == MetricDirection::kLowerIsBetter) gap = -gap;
  const double scale =
      IsProportionMetric(metric) ? 0.2 : std::max(std::fabs(*overall) * 0.5, 1e-12);
  const double t = std::clamp(std::fabs(gap) / scale, 0.0, 1.0);
  if (t == 0) return kWhite;
  return gap > 0 ? Mix(255, 255, 255, 0x7f, 0xcc, 0x9a, t)
                 : Mix(255, 255, 255, 0xee, 0x7b, 0x70, t);
}

std::string EvalSegmentsBody(const EvalResult& r) {
  if (r.segments.empty()) {
    return "<p>No segment columns were given (<code>--segment</code>), so per-segment metrics "
           "were not computed.</p>\n";
  }
  std::set<std::string> available;
  for (const SegmentResult& s : r.segments) {
    for (const auto& [name, value] : s.metrics) available.insert(name);
  }
  const std::vector<std::string> metrics = PickMetrics(HeadlineMetrics(r.task), available, 4);

  std::string out = fmt::format(
      "<p class=\"small\">Each row is one segment of the data. Cells are coloured against the "
      "value on all rows: <span class=\"swatch\" style=\"background:#7fcc9a\"></span>better, "
      "<span class=\"swatch\" style=\"background:#ee7b70\"></span>worse, darker for a larger "
      "gap. <span class=\"swatch\" style=\"background:#e4e7eb\"></span>Grey cells: fewer than "
      "{} rows, too few to judge. An em dash (—) means undefined; hover for why.</p>\n",
      HtmlEscape(FormatCount(r.config.min_group_rows)));
  out +=
      "<div class=\"table-wrap\"><table class=\"heatmap\">\n<thead><tr><th>Segment</th><th "
      "class=\"num\">Rows</th>";
  for (const std::string& m : metrics) {
    out += "<th class=\"num\">" + HtmlEscape(MetricLabel(m)) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n<tr class=\"overall\"><td><strong>All rows</strong></td>";
  out += "<td class=\"num\">" + HtmlEscape(FormatCount(r.rows_used)) + "</td>";
  for (const std::string& m : metrics) {
    const auto it = r.metrics.find(m);
    out += "<td class=\"num\">" +
           (it == r.metrics.end() ? std::string(kUndefined)
                                  : HtmlEscape(MetricValueText(it->second))) +
           "</td>";
  }
  out += "</tr>\n";
  std::string current_column;
  bool first = true;
  for (const SegmentResult& s : r.segments) {
    if (first || s.column != current_column) {
      out += fmt::format("<tr class=\"group\"><th colspan=\"{}\">{}</th></tr>\n",
                         metrics.size() + 2, HtmlEscape(s.column));
      current_column = s.column;
      first = false;
    }
    out += "<tr><td>" + HtmlEscape(s.value) + "</td><td class=\"num\">" +
           HtmlEscape(FormatCount(s.rows)) + "</td>";
    for (const std::string& m : metrics) {
      if (!s.sufficient) {
        out += fmt::format(
            "<td class=\"num heat insufficient\" title=\"insufficient data: {} rows, fewer than "
            "{}\">{}</td>",
            HtmlEscape(FormatCount(s.rows)), HtmlEscape(FormatCount(r.config.min_group_rows)),
            kUndefined);
        continue;
      }
      const auto it = s.metrics.find(m);
      if (it == s.metrics.end()) {
        out += fmt::format("<td class=\"num heat\" title=\"not computed\">{}</td>", kUndefined);
        continue;
      }
      const MetricValue& v = it->second;
      std::string title = MetricLabel(m) + ": " + MetricValueText(v);
      if (const std::string ci = IntervalText(v); !ci.empty())
        title += " (95% interval " + ci + ")";
      if (const auto overall = ValueOf(r.metrics, m))
        title += "; all rows: " + FormatNumber(*overall);
      if (!v.note.empty()) title += ". " + v.note;
      out += fmt::format("<td class=\"num heat\" style=\"background:{}\" title=\"{}\">{}</td>",
                         HeatColor(m, v.value, ValueOf(r.metrics, m)), HtmlEscape(title),
                         HtmlEscape(MetricValueText(v)));
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
  return out;
}

bool SliceCounts(const SliceResult& s) {
  return s.significant && (!s.confirmed.has_value() || *s.confirmed);
}

std::vector<size_t> SliceDisplayOrder(const EvalResult& r) {
  std::vector<size_t> order(r.slices.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const SliceResult &x = r.slices[a], &y = r.slices[b];
    if (SliceCounts(x) != SliceCounts(y)) return SliceCounts(x);
    return x.error_rate > y.error_rate;
  });
  return order;
}

const SliceResult* HeadlineSlice(const EvalResult& r) {
  const std::vector<size_t> order = SliceDisplayOrder(r);
  if (order.empty() || !SliceCounts(r.slices[order[0]])) return nullptr;
  return &r.slices[order[0]];
}

std::string EvalSlicesBody(const EvalResult& r) {
  const bool regression = r.task == TaskType::kRegression;
  std::string out = fmt::format(
      "<p class=\"small\">airm searched combinations of up to {} conditions for groups of rows "
      "where the model makes more errors than on average. <em>Lift</em> is the slice's {} "
      "divided by the overall one (2× = twice as many errors). The <em>q-value</em> is a p-value "
      "corrected for having examined many slices; a slice is <em>significant</em> when it is "
      "below {}.{}</p>\n",
      r.config.slice_max_predicates, regression ? "mean loss" : "error rate",
      HtmlEscape(FormatNumber(r.config.alpha)),
      r.config.confirm_holdout ? " <em>Confirmed</em> means the slice was found on one half of "
                                 "the data and still significantly worse on the other half."
                               : "");
  if (r.slices.empty()) {
    out += "<p>No slice with enough rows performs worse than the data set as a whole.</p>\n";
    return out;
  }
  const std::vector<size_t> order = SliceDisplayOrder(r);
  out += fmt::format(
      "<p class=\"small\">Worst first: the slices that count ({}) by {}, then the others. Row 1 "
      "is the worst slice of the headline. {}</p>\n",
      r.config.confirm_holdout ? "significant and confirmed on the held-out half" : "significant",
      regression ? "mean loss" : "error rate",
      r.config.confirm_holdout
          ? "Their numbers are measured on the held-out half, which the search did not see."
          : "Their numbers are measured on the same rows the search chose them on, so they "
            "overstate how much worse the model is there.");
  HtmlTable table;
  table.headers = {"#",       "Slice", "Rows",    regression ? "Mean loss" : "Error rate",
                   "Overall", "Lift",  "q-value", "Verdict"};
  table.column_classes = {"num", "", "num", "num", "num", "num", "num", ""};
  for (size_t rank = 0; rank < order.size(); ++rank) {
    const size_t i = order[rank];
    const SliceResult& s = r.slices[i];
    std::string slice;
    for (const Predicate& p : s.predicates) {
      if (!slice.empty()) slice += " <span class=\"amp\">&amp;</span> ";
      slice += "<span class=\"pred\">" + HtmlEscape(PredicateText(p)) + "</span>";
    }
    if (slice.empty()) slice = "(all rows)";
    std::string verdict =
        s.significant ? Badge("significant", Tone::kBad) : Badge("not significant", Tone::kNeutral);
    if (s.confirmed) {
      verdict += " " + (*s.confirmed ? Badge("confirmed", Tone::kBad)
                                     : Badge("not confirmed", Tone::kWarn));
    }
    table.rows.push_back(
        {std::to_string(rank + 1), slice, HtmlEscape(FormatCount(s.rows)),
         HtmlEscape(ErrorText(r, s.error_rate)), HtmlEscape(ErrorText(r, s.overall_error)),
         std::isfinite(s.lift) ? HtmlEscape(FormatNumber(s.lift)) + "×" : std::string(kUndefined),
         HtmlEscape(FormatPValue(s.q_value)), verdict});
    table.row_classes.push_back(s.significant ? "drifted" : "");
    table.row_status.push_back(SliceCounts(s) ? "bad" : "neutral");
  }
  out += RenderTable(table);
  return out;
}

namespace {

std::string FourFifthsText(const FairnessResult& f) {
  std::optional<double> ratio;
  std::string note;
  for (const char* name : {"disparate_impact", "demographic_parity_ratio"}) {
    const auto it = f.disparities.find(name);
    if (it == f.disparities.end()) continue;
    if (it->second.value && std::isfinite(*it->second.value)) {
      ratio = it->second.value;
      break;
    }
    if (note.empty()) note = it->second.note;
  }
  if (!ratio) {
    return "<p>" + Badge("not checked", Tone::kNeutral) +
           " <strong>Four-fifths rule:</strong> could not be checked" +
           (note.empty() ? "." : ": " + HtmlEscape(note)) + "</p>\n";
  }
  const std::string share = FormatShare(*ratio);
  return "<p>" +
         (f.four_fifths_rule_passed ? Badge("passed", Tone::kGood) : Badge("failed", Tone::kBad)) +
         " <strong>Four-fifths rule:</strong> " +
         HtmlEscape(
             fmt::format("the least-selected group is predicted positive at {} of the rate of the "
                         "most-selected group. The rule asks for at least 80%, so this {}.",
                         share, f.four_fifths_rule_passed ? "passes" : "fails")) +
         "</p>\n";
}

std::string IndependenceText(const FairnessResult& f, double alpha) {
  const std::optional<double> p = f.errors_independent_chi2.p_value;
  std::string badge;
  if (!p || !std::isfinite(*p)) {
    badge = Badge("not testable", Tone::kNeutral);
  } else if (*p < alpha) {
    badge = Badge("systematic", Tone::kBad);
  } else {
    badge = Badge("looks random", Tone::kGood);
  }
  std::string out = "<p>" + badge + " <strong>Are errors spread randomly across groups?</strong> ";
  out += f.verdict.empty() ? std::string("No verdict.") : HtmlEscape(f.verdict);
  out +=
      HtmlEscape(fmt::format(" (chi-square test p = {}, G-test p = {}; a p-value below {} means "
                             "the differences in error rate are unlikely to be chance.)",
                             FormatPValue(f.errors_independent_chi2.p_value),
                             FormatPValue(f.errors_independent_g.p_value), FormatNumber(alpha)));
  return out + "</p>\n";
}

}  // namespace

std::string EvalFairnessBody(const EvalResult& r) {
  if (r.fairness.empty()) {
    return "<p>No sensitive attributes were given (<code>--sensitive</code>), so errors were not "
           "compared across groups.</p>\n";
  }
  std::string out =
      "<p class=\"small\">For each sensitive attribute the model's behaviour is compared across "
      "its groups: how often each group is predicted positive (selection rate), how many of its "
      "true positives are found (true positive rate) and how many of its negatives are wrongly "
      "flagged (false positive rate). Whiskers show 95% intervals: wide whiskers mean few rows "
      "and an uncertain value.</p>\n";
  static const std::vector<std::string> kChartMetrics = {"selection_rate", "tpr", "fpr"};
  static const char* const kChartColors[] = {kAccentColor, "#2f9e63", "#d64545"};
  static const std::vector<std::string> kTableMetrics = {
      "selection_rate", "tpr", "fpr", "fnr", "precision", "error_rate"};
  for (size_t a = 0; a < r.fairness.size(); ++a) {
    const FairnessResult& f = r.fairness[a];
    out += "<div class=\"attribute\"><h3>" + HtmlEscape(f.attribute) + "</h3>\n";
    out += FourFifthsText(f);
    out += IndependenceText(f, r.config.alpha);

    std::set<std::string> available;
    for (const GroupResult& g : f.groups) {
      for (const auto& [name, value] : g.metrics) available.insert(name);
    }
    IntervalBarChartSpec chart;
    chart.title = "Rates per group of " + f.attribute;
    chart.x_max = 1;
    chart.x_label = "rate (95% interval)";
    chart.y_label = "group of " + f.attribute;
    for (const GroupResult& g : f.groups) {
      chart.categories.push_back(g.value + " (n=" + FormatCount(g.rows) + ")");
    }
    std::vector<std::string> chart_metrics;
    for (const std::string& m : kChartMetrics) {
      if (available.count(m)) chart_metrics.push_back(m);
    }
    if (chart_metrics.empty() && available.count("error_rate")) chart_metrics = {"error_rate"};
    for (size_t k = 0; k < chart_metrics.size(); ++k) {
      IntervalSeries s{MetricLabel(chart_metrics[k]), kChartColors[k % 3], {}, {}, {}};
      for (const GroupResult& g : f.groups) {
        const auto it = g.metrics.find(chart_metrics[k]);
        const MetricValue none;
        const MetricValue& v = it == g.metrics.end() ? none : it->second;
        s.values.push_back(v.value.value_or(NAN));
        s.lows.push_back(v.ci_low.value_or(NAN));
        s.highs.push_back(v.ci_high.value_or(NAN));
      }
      chart.series.push_back(std::move(s));
    }
    if (!chart.series.empty()) out += ChartBlock(IntervalBarChartSvg(chart));

    HtmlTable groups;
    groups.headers = {"Group", "Rows"};
    groups.column_classes = {"", "num"};
    std::vector<std::string> table_metrics;
    for (const std::string& m : kTableMetrics) {
      if (available.count(m)) table_metrics.push_back(m);
    }
    for (const std::string& m : available) {
      if (std::find(table_metrics.begin(), table_metrics.end(), m) == table_metrics.end()) {
        table_metrics.push_back(m);
      }
    }
    for (const std::string& m : table_metrics) {
      groups.headers.push_back(MetricLabel(m));
      groups.column_classes.push_back("num");
    }
    for (const GroupResult& g : f.groups) {
      std::vector<std::string> row = {HtmlEscape(g.value), HtmlEscape(FormatCount(g.rows))};
      for (const std::string& m : table_metrics) {
        const auto it = g.metrics.find(m);
        row.push_back(it == g.metrics.end() ? std::string(kUndefined) : MetricCell(it->second));
      }
      groups.rows.push_back(std::move(row));
    }
    out += RenderTable(groups);

    if (!f.disparities.empty()) {
      HtmlTable disparities;
      disparities.headers = {"Measure", "Value", "95% interval", "What it means"};
      disparities.column_classes = {"", "num", "num", ""};
      for (const auto& [name, v] : f.disparities) {
        std::string meaning = HtmlEscape(MetricHint(name));
        if (!v.note.empty()) meaning += "<div class=\"small\">" + HtmlEscape(v.note) + "</div>";
        const std::string ci = IntervalText(v);
        disparities.rows.push_back({HtmlEscape(MetricLabel(name)) + "<div class=\"small\"><code>" +
                                        HtmlEscape(name) + "</code></div>",
                                    HtmlEscape(MetricValueText(v)),
                                    ci.empty() ? std::string(kUndefined) : HtmlEscape(ci),
                                    meaning});
      }
      out += "<h4>Disparity measures</h4>\n" + RenderTable(disparities);
    }
    out += "</div>\n";
  }
  return out;
}

std::string EvalCalibrationBody(const EvalResult& r) {
  const CalibrationResult& c = r.calibration;
  if (!c.available) {
    return "<p>Calibration was not assessed: " +
           HtmlEscape(c.note.empty() ? "the model gave no probability scores." : c.note) + "</p>\n";
  }
  std::string out =
      "<p class=\"small\">A calibrated model's scores can be read as probabilities: of the rows "
      "scored 0.8, about 80% are positive. The diagram groups rows by score; a dot above the "
      "dashed diagonal means the model under-predicts there, below means it over-predicts. "
      "Larger dots hold more rows.</p>\n";
  ReliabilityDiagramSpec diagram;
  diagram.title = "Reliability diagram";
  for (const CalibrationBin& b : c.bins) {
    diagram.bins.push_back({b.lower, b.upper, static_cast<double>(b.count),
                            b.mean_predicted.value_or(NAN), b.fraction_positive.value_or(NAN)});
  }
  HtmlTable table;
  table.headers = {"Measure", "Value", "What it means"};
  table.column_classes = {"", "num", ""};
  const auto row = [&](std::string_view label, std::optional<double> v, std::string_view hint) {
    table.rows.push_back({HtmlEscape(label), HtmlEscape(FormatNumber(v)), HtmlEscape(hint)});
  };
  row("Expected calibration error (ECE)", c.ece,
      "Average gap between score and observed share of positives, over equal-width score bins "
      "weighted by their rows. 0 is perfect.");
  row("ECE, equal-mass bins", c.ece_equal_mass,
      "The same over bins holding equal numbers of rows; steadier when scores cluster.");
  row("Maximum calibration error (MCE)", c.mce, "The largest gap in any single bin.");
  if (r.task == TaskType::kMulticlass || c.classwise_ece) {
    row("Classwise ECE", c.classwise_ece,
        "ECE of each class's probability, averaged over classes.");
  }
  row("Brier score", c.brier, "Mean squared gap between score and outcome (0 = perfect).");
  row("\u2003Reliability", c.reliability,
      "The part of the Brier score due to miscalibration (lower is better).");
  row("\u2003Resolution", c.resolution,
      "How much the scores separate rows with different outcomes (higher is better).");
  row("\u2003Uncertainty", c.uncertainty,
      "How hard the outcome is to predict at all; a property of the data, not the model.");
  const auto share_row = [&](std::string_view label, std::optional<double> v,
                             std::string_view hint) {
    table.rows.push_back({HtmlEscape(label),
                          v && std::isfinite(*v) ? HtmlEscape(FormatShare(*v)) : kUndefined,
                          HtmlEscape(hint)});
  };
  share_row("Overconfidence rate", c.overconfidence_rate,
            "Share of the wrong predictions that were made with high confidence.");
  share_row("Underconfidence rate", c.underconfidence_rate,
            "Share of rows where the model hesitated between its top two answers.");

  out += "<div class=\"two-col\"><div>" + ChartBlock(ReliabilityDiagramSvg(diagram)) +
         "</div><div>" + RenderTable(table) + "</div></div>\n";
  if (!c.note.empty()) out += "<p class=\"small\">" + HtmlEscape(c.note) + "</p>\n";

  HtmlTable bins;
  bins.headers = {"Score range", "Rows", "Mean predicted", "Observed share", "Gap"};
  bins.column_classes = {"", "num", "num", "num", "num"};
  for (const CalibrationBin& b : c.bins) {
    std::string gap = kUndefined;
    if (b.mean_predicted && b.fraction_positive) {
      gap = HtmlEscape(FormatNumber(*b.fraction_positive - *b.mean_predicted));
    }
    bins.rows.push_back(
        {HtmlEscape(fmt::format("[{}, {})", FormatNumber(b.lower), FormatNumber(b.upper))),
         HtmlEscape(FormatCount(b.count)), HtmlEscape(FormatNumber(b.mean_predicted)),
         HtmlEscape(FormatNumber(b.fraction_positive)), gap});
  }
  if (!c.bins.empty()) {
    out += "<details><summary>Bins of the diagram</summary>\n" + RenderTable(bins) + "</details>\n";
  }
  if (!c.ece_by_segment.empty()) {
    HtmlTable seg;
    seg.headers = {"Segment", "ECE"};
    seg.column_classes = {"", "num"};
    for (const auto& [name, ece] : c.ece_by_segment) {
      seg.rows.push_back(
          {HtmlEscape(name),
           fmt::format("<span class=\"chip\" style=\"background:{}\">{}</span>",
                       HeatColor("ece", ece, c.ece), HtmlEscape(FormatNumber(ece)))});
    }
    out += "<h3>Calibration per segment</h3>\n" + RenderTable(seg);
  }
  return out;
}

std::string EvalTailBody(const EvalResult& r) {
  const TailResult& t = r.tail;
  if (!t.available) {
    return "<p>Tail behaviour was not assessed: " +
           HtmlEscape(t.note.empty() ? "no reference data was given (--reference)." : t.note) +
           "</p>\n";
  }
  std::string out =
      "<p>" +
      HtmlEscape(fmt::format(
          "Each row gets an unusualness score against the reference data (rare or unseen "
          "categories, values outside the reference's range). The most unusual {} of rows ({} "
          "rows) are compared with the rest: a model that is much worse on them may break on "
          "inputs it has rarely seen.",
          FormatShare(t.share), FormatCount(t.tail_rows))) +
      "</p>\n";
  if (!t.note.empty()) out += "<p class=\"small\">" + HtmlEscape(t.note) + "</p>\n";
  std::set<std::string> names;
  for (const auto& [name, v] : t.tail_metrics) names.insert(name);
  for (const auto& [name, v] : t.rest_metrics) names.insert(name);
  if (!names.empty()) {
    HtmlTable table;
    table.headers = {"Metric", "Unusual rows", "Other rows", "Difference"};
    table.column_classes = {"", "num", "num", "num"};
    const std::vector<std::string> order =
        OrderMetrics(r.task, std::vector<std::string>(names.begin(), names.end()));
    for (const std::string& n : order) {
      const auto tail = t.tail_metrics.find(n);
      const auto rest = t.rest_metrics.find(n);
      const std::optional<double> tv = ValueOf(t.tail_metrics, n);
      const std::optional<double> rv = ValueOf(t.rest_metrics, n);
      std::string diff = kUndefined;
      if (tv && rv) {
        diff = fmt::format("<span class=\"chip\" style=\"background:{}\">{}</span>",
                           HeatColor(n, tv, rv), HtmlEscape(FormatNumber(*tv - *rv)));
      }
      table.rows.push_back(
          {HtmlEscape(MetricLabel(n)),
           tail == t.tail_metrics.end() ? std::string(kUndefined) : MetricCell(tail->second),
           rest == t.rest_metrics.end() ? std::string(kUndefined) : MetricCell(rest->second),
           diff});
    }
    out +=
        "<p class=\"small\">The difference is unusual minus other rows, coloured "
        "<span class=\"swatch\" style=\"background:#7fcc9a\"></span>when the unusual rows do "
        "better and <span class=\"swatch\" style=\"background:#ee7b70\"></span>when they do "
        "worse, darker for a larger gap.</p>\n" +
        RenderTable(table);
  }
  if (t.cvar_loss) {
    std::string sentence =
        fmt::format("Worst-case loss (CVaR): the worst {} of rows have a mean {} of {}",
                    FormatShare(t.share), LossLabel(t.loss_name), FormatNumber(t.cvar_loss));
    if (t.mean_loss) {
      sentence += fmt::format(", against {} over all rows", FormatNumber(t.mean_loss));
      if (*t.mean_loss > 0 && std::isfinite(*t.cvar_loss)) {
        sentence += fmt::format(" ({}× the average)", FormatNumber(*t.cvar_loss / *t.mean_loss));
      }
    }
    out += "<p>" + HtmlEscape(sentence + ".") + "</p>\n";
  }
  return out;
}

}  // namespace airm::report
