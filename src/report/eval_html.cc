// RenderEvalHtml: the evaluation result as one self-contained page for a
// reviewer who is not a statistician. Top to bottom (docs/evaluation-report.md):
//   1. verdict area: the headline metrics next to their worst-slice values,
//      and one card per question (overall, worst case, fairness, calibration,
//      unusual rows), coloured by the findings about it;
//   2. what needs attention: the findings, most severe first;
//   3. metrics with 95% intervals;
//   4. segment heat map, weak slices, fairness, calibration, tail
//      (eval_html_sections.cc);
//   5. inputs and settings.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "airm/eval_result.h"
#include "airm/report.h"
#include "airm/report/findings_html.h"
#include "airm/report/format.h"
#include "airm/report/html_page.h"
#include "airm/report/key_value_table.h"
#include "eval_html_parts.h"
#include "eval_labels.h"

namespace airm {
namespace report {

const char* const kEvalStyle = R"css(
ul.headline{list-style:none;margin:0;padding:0}
ul.headline li{font-size:17px;padding:7px 0;border-bottom:1px solid var(--line)}
ul.headline li:last-child{border-bottom:none}
ul.headline .ci-inline{font-size:12px;color:var(--muted)}
.worse{color:var(--bad)}.better{color:var(--good)}
.ci{display:block;font-size:11px;color:var(--muted)}
table.heatmap td.heat{min-width:96px}
table.heatmap td.heat.insufficient{background:#e4e7eb;color:var(--muted)}
table.heatmap tr.group th{background:var(--bg);color:var(--fg);padding-top:10px}
table.heatmap tr.overall td{background:var(--bg)}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:middle;margin:0 3px 0 8px;border:1px solid var(--line)}
.chip{display:inline-block;padding:0 6px;border-radius:4px}
.pred{white-space:nowrap;font-weight:600}.amp{color:var(--muted)}
.two-col{display:grid;grid-template-columns:minmax(260px,440px) minmax(0,1fr);gap:20px;align-items:start}
@media (max-width:760px){.two-col{grid-template-columns:minmax(0,1fr)}}
.attribute{border-top:1px solid var(--line);margin-top:14px}
h4{font-size:14px;margin:14px 0 4px}
details{margin-top:10px}details summary{cursor:pointer;color:var(--info)}
ul.notes{margin:6px 0 0;padding-left:20px;color:var(--muted);font-size:13px}
)css";

std::string MetricValueText(const MetricValue& m) { return FormatNumber(m.value); }

std::string IntervalText(const MetricValue& m) {
  if (!m.ci_low || !m.ci_high || !std::isfinite(*m.ci_low) || !std::isfinite(*m.ci_high)) {
    return "";
  }
  return FormatNumber(*m.ci_low) + " \u2013 " + FormatNumber(*m.ci_high);
}

std::string MetricCell(const MetricValue& m) {
  std::string out = "<span";
  if (!m.note.empty()) out += " title=\"" + HtmlEscape(m.note) + "\"";
  out += ">" + HtmlEscape(MetricValueText(m)) + "</span>";
  if (const std::string ci = IntervalText(m); !ci.empty()) {
    out += "<span class=\"ci\">" + HtmlEscape(ci) + "</span>";
  }
  // An undefined value says why in plain sight, not only in a tooltip.
  if ((!m.value || !std::isfinite(*m.value)) && !m.note.empty()) {
    out += "<span class=\"ci\">" + HtmlEscape(m.note) + "</span>";
  }
  return out;
}

}  // namespace report

namespace {

using report::Badge;
using report::FormatCount;
using report::FormatNumber;
using report::FormatShare;
using report::HtmlEscape;
using report::Tone;

// The most severe finding whose code mentions any of `keywords`, as a tone:
// the cards take their colour from the findings, so the page and --fail-on
// never disagree about what is a problem.
std::optional<Tone> ToneFromFindings(const std::vector<Finding>& findings,
                                     std::initializer_list<std::string_view> keywords) {
  int worst = -1;
  for (const Finding& f : findings) {
    for (std::string_view k : keywords) {
      if (f.code.find(k) != std::string::npos)
        worst = std::max(worst, static_cast<int>(f.severity));
    }
  }
  if (worst < 0) return std::nullopt;
  if (worst == static_cast<int>(Severity::kFail)) return Tone::kBad;
  if (worst == static_cast<int>(Severity::kWarn)) return Tone::kWarn;
  return std::nullopt;  // info findings do not colour a card
}

struct Card {
  std::string heading;
  std::string badge;
  Tone tone = Tone::kNeutral;
  std::string headline;  // markup
  std::string detail;    // markup
};

std::string RenderCard(const Card& c) {
  return fmt::format(
      "<div class=\"verdict {}\"{}><h2>{}</h2>{}<p class=\"headline\">{}</p>"
      "<p class=\"small\">{}</p></div>\n",
      report::ToneClass(c.tone), report::StatusAttribute(c.tone), HtmlEscape(c.heading),
      Badge(c.badge, c.tone, "big"), c.headline, c.detail);
}

std::string TaskDescription(const EvalResult& r) {
  switch (r.task) {
    case TaskType::kBinary:
      return fmt::format("binary classification (positive class \u201c{}\u201d, threshold {})",
                         r.positive_label, FormatNumber(r.threshold));
    case TaskType::kMulticlass:
      return fmt::format("multiclass classification ({} classes)", r.classes.size());
    case TaskType::kRegression:
      return "regression";
  }
  return "";
}

Card OverallCard(const EvalResult& r) {
  Card c;
  c.heading = "Overall";
  size_t fail = 0, warn = 0;
  for (const Finding& f : r.findings) {
    fail += f.severity == Severity::kFail;
    warn += f.severity == Severity::kWarn;
  }
  if (fail > 0) {
    c.badge = "Needs attention";
    c.tone = Tone::kBad;
  } else if (warn > 0) {
    c.badge = "Review";
    c.tone = Tone::kWarn;
  } else {
    c.badge = "No problems found";
    c.tone = Tone::kGood;
  }
  c.headline =
      fail + warn == 0
          ? "No finding needs attention."
          : HtmlEscape(fmt::format("{} failed {}, {} {}.", fail, fail == 1 ? "check" : "checks",
                                   warn, warn == 1 ? "warning" : "warnings"));
  c.detail = HtmlEscape(
      fmt::format("{} \u00b7 {} rows evaluated", TaskDescription(r), FormatCount(r.rows_used)));
  if (r.rows_excluded > 0) {
    c.detail += HtmlEscape(fmt::format(", {} excluded", FormatCount(r.rows_excluded)));
  }
  return c;
}

// How far to trust the worst slice's numbers. A slice chosen because its
// rows had many errors looks worse on those rows than it will on new data
// (selection bias), so the page says which rows measured it.
std::string WorstSliceCaveat(const EvalResult& r) {
  if (r.config.confirm_holdout) {
    return "The worst slice was found on one half of the rows and is measured on the other "
           "half, which the search did not see: among the slices that held up there, it has the "
           "highest error rate (the first row of the weak-slice table).";
  }
  return "The worst slice is chosen and measured on the same rows (in-sample): a slice picked "
         "for its errors looks worse on these rows than it will on new data. It is the first "
         "row of the weak-slice table (the highest error rate among the significant slices). "
         "Run with <code>--confirm-holdout</code> to measure it on rows the search did not "
         "see.";
}

// The worst slice in the words of the slice table ("Home = rent"); the
// evaluation's own description when the slice is not listed.
std::string WorstSliceName(const EvalResult& r) {
  const SliceResult* s = report::HeadlineSlice(r);
  return s ? report::SliceText(s->predicates) : r.worst_case.slice;
}

Card WorstCaseCard(const EvalResult& r) {
  Card c;
  c.heading = "Worst case";
  const std::optional<Tone> tone = ToneFromFindings(r.findings, {"slice", "worst", "segment"});
  if (r.worst_case.slice.empty()) {
    c.badge = "No weak slice";
    c.tone = tone.value_or(Tone::kGood);
    c.headline = "No group of rows performs significantly worse than the data as a whole.";
  } else {
    c.badge = "Weak slice";
    c.tone = tone.value_or(Tone::kWarn);
    c.headline = "The model is weakest on <em>" + HtmlEscape(WorstSliceName(r)) + "</em>";
    if (const SliceResult* s = report::HeadlineSlice(r)) {
      const bool regression = r.task == TaskType::kRegression;
      const auto text = [&](double v) { return regression ? FormatNumber(v) : FormatShare(v); };
      c.headline += HtmlEscape(fmt::format(
          " ({} rows): {} {} against {} overall.", FormatCount(s->rows),
          regression ? "mean loss" : "error rate", text(s->error_rate), text(s->overall_error)));
    } else {
      c.headline += ".";
    }
  }
  c.detail = r.worst_case.slice.empty() ? HtmlEscape(r.worst_case.note) : WorstSliceCaveat(r);
  return c;
}

Card FairnessCard(const EvalResult& r) {
  Card c;
  c.heading = "Fairness";
  if (r.fairness.empty()) {
    c.badge = "Not assessed";
    c.headline = "No sensitive attributes were given.";
    c.detail = "Use <code>--sensitive COLUMN</code> to compare errors across groups.";
    return c;
  }
  std::vector<std::string> failed, systematic, unchecked;
  for (const FairnessResult& f : r.fairness) {
    bool has_ratio = false;
    for (const char* name : {"disparate_impact", "demographic_parity_ratio"}) {
      const auto it = f.disparities.find(name);
      has_ratio |= it != f.disparities.end() && it->second.value.has_value() &&
                   std::isfinite(*it->second.value);
    }
    if (has_ratio && !f.four_fifths_rule_passed) failed.push_back(f.attribute);
    const auto p = f.errors_independent_chi2.p_value;
    const bool testable = p && std::isfinite(*p);
    if (testable && *p < r.config.alpha) systematic.push_back(f.attribute);
    if (!has_ratio && !testable) unchecked.push_back(f.attribute);
  }
  const auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
  };
  const std::optional<Tone> tone = ToneFromFindings(r.findings, {"fairness", "disparity"});
  if (!failed.empty()) {
    c.badge = "Disparity";
    c.tone = tone.value_or(Tone::kBad);
    c.headline = HtmlEscape(fmt::format("The four-fifths rule fails for {} of {} attributes: {}.",
                                        failed.size(), r.fairness.size(), join(failed)));
  } else if (!systematic.empty()) {
    c.badge = "Systematic errors";
    c.tone = tone.value_or(Tone::kWarn);
    c.headline = HtmlEscape("Errors are concentrated in some groups of " + join(systematic) + ".");
  } else if (unchecked.size() == r.fairness.size()) {
    c.badge = "Not testable";
    c.tone = tone.value_or(Tone::kNeutral);
    c.headline =
        HtmlEscape("No attribute had enough data to compare groups: " + join(unchecked) + ".");
  } else {
    c.badge = "No disparity found";
    c.tone = tone.value_or(Tone::kGood);
    c.headline = HtmlEscape(fmt::format(
        "Selection rates pass the four-fifths rule and errors look random across the groups of "
        "{} {}.",
        r.fairness.size(), r.fairness.size() == 1 ? "attribute" : "attributes"));
  }
  if (!systematic.empty() && !failed.empty()) {
    c.detail =
        HtmlEscape("Errors are also concentrated in some groups of " + join(systematic) + ".");
  }
  if (!unchecked.empty() && unchecked.size() < r.fairness.size()) {
    if (!c.detail.empty()) c.detail += " ";
    c.detail += HtmlEscape("Too little data to check " + join(unchecked) + ".");
  }
  return c;
}

Card CalibrationCard(const EvalResult& r) {
  Card c;
  c.heading = "Calibration";
  const CalibrationResult& cal = r.calibration;
  if (!cal.available) {
    c.badge = "Not assessed";
    c.headline = HtmlEscape(cal.note.empty() ? "The model gave no probability scores." : cal.note);
    return c;
  }
  const std::optional<Tone> tone = ToneFromFindings(r.findings, {"calibration", "ece"});
  const bool defined = cal.ece && std::isfinite(*cal.ece);
  c.tone = tone.value_or(defined ? Tone::kGood : Tone::kNeutral);
  c.badge = tone ? "Miscalibrated" : defined ? "Calibrated" : "Undefined";
  c.headline = cal.ece ? HtmlEscape(fmt::format(
                             "Scores differ from observed frequencies by {} on average (ECE).",
                             FormatNumber(cal.ece)))
                       : "The calibration error is undefined.";
  c.detail =
      HtmlEscape(fmt::format("Largest gap in one score range (MCE): {}.", FormatNumber(cal.mce)));
  return c;
}

Card TailCard(const EvalResult& r) {
  Card c;
  c.heading = "Unusual rows";
  const TailResult& t = r.tail;
  if (!t.available) {
    c.badge = "Not assessed";
    c.headline = HtmlEscape(t.note.empty() ? "No reference data was given." : t.note);
    return c;
  }
  const std::optional<Tone> tone = ToneFromFindings(r.findings, {"tail", "cvar"});
  for (const std::string& m : report::HeadlineMetrics(r.task)) {
    const auto tail = t.tail_metrics.find(m);
    const auto rest = t.rest_metrics.find(m);
    if (tail == t.tail_metrics.end() || rest == t.rest_metrics.end()) continue;
    c.headline = HtmlEscape(fmt::format(
        "{} on the most unusual {} of rows: {}, against {} on the rest.", report::MetricLabel(m),
        FormatShare(t.share), FormatNumber(tail->second.value), FormatNumber(rest->second.value)));
    break;
  }
  if (tone) {
    c.tone = *tone;
    c.badge = "Weaker on unusual rows";
  } else if (c.headline.empty()) {
    c.tone = Tone::kNeutral;
    c.badge = "Not comparable";
  } else {
    c.tone = Tone::kGood;
    c.badge = "Robust";
  }
  if (c.headline.empty()) c.headline = "No metric could be compared on unusual rows.";
  if (t.cvar_loss) {
    c.detail = HtmlEscape(fmt::format("Mean loss of the worst {} of rows (CVaR): {}.",
                                      FormatShare(t.share), FormatNumber(t.cvar_loss)));
  }
  return c;
}

// "Accuracy 0.81 overall — 0.52 on the worst slice: Home = rent & Job = partime"
std::string HeadlineList(const EvalResult& r) {
  std::vector<std::string> names;
  for (const std::string& m : report::HeadlineMetrics(r.task)) {
    if (names.size() < 4 && r.metrics.count(m)) names.push_back(m);
  }
  if (names.empty()) return "<p>No metric could be computed.</p>\n";
  std::string out = "<ul class=\"headline\">\n";
  for (const std::string& m : names) {
    const MetricValue& overall = r.metrics.at(m);
    out += "<li><strong>" + HtmlEscape(report::MetricLabel(m) + " " + FormatNumber(overall.value)) +
           "</strong> overall";
    if (const std::string ci = report::IntervalText(overall); !ci.empty()) {
      out += " <span class=\"ci-inline\">(95% interval " + HtmlEscape(ci) + ")</span>";
    }
    const auto worst = r.worst_case.metrics.find(m);
    if (!r.worst_case.slice.empty() && worst != r.worst_case.metrics.end()) {
      std::string cls;
      if (worst->second.value && overall.value) {
        const double gap = *worst->second.value - *overall.value;
        const auto dir = report::DirectionOf(m);
        if (dir == report::MetricDirection::kHigherIsBetter) cls = gap < 0 ? "worse" : "better";
        if (dir == report::MetricDirection::kLowerIsBetter) cls = gap > 0 ? "worse" : "better";
      }
      const bool defined = worst->second.value && std::isfinite(*worst->second.value);
      out += " \u2014 <strong" + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" +
             (defined ? HtmlEscape(FormatNumber(worst->second.value)) : "undefined") +
             "</strong> on the worst slice: <em>" + HtmlEscape(WorstSliceName(r)) + "</em>";
    }
    if (!overall.note.empty()) {
      out += " <span class=\"ci-inline\">" + HtmlEscape(overall.note) + "</span>";
    }
    out += "</li>\n";
  }
  out += "</ul>\n";
  if (!r.worst_case.slice.empty()) {
    out += "<p class=\"small\">" + WorstSliceCaveat(r) + "</p>\n";
  }
  if (r.worst_case.slice.empty()) {
    out +=
        "<p class=\"small\">No significant weak slice was found, so there is no worst-case "
        "value to show" +
        (r.worst_case.note.empty() ? std::string(".") : ": " + HtmlEscape(r.worst_case.note)) +
        "</p>\n";
  }
  return out;
}

std::string MetricsBody(const EvalResult& r) {
  std::string out;
  if (r.metrics.empty()) {
    out = "<p>No metric could be computed.</p>\n";
  } else {
    std::vector<std::string> names;
    for (const auto& [name, v] : r.metrics) names.push_back(name);
    const std::vector<std::string> order = report::OrderMetrics(r.task, std::move(names));
    report::HtmlTable table;
    table.headers = {"Metric", "Value", "95% interval", "Interval method", "What it means"};
    table.column_classes = {"", "num", "num", "", ""};
    for (const std::string& name : order) {
      const MetricValue& v = r.metrics.at(name);
      std::string meaning = HtmlEscape(report::MetricHint(name));
      if (!v.note.empty()) meaning += "<div class=\"small\">" + HtmlEscape(v.note) + "</div>";
      const std::string ci = report::IntervalText(v);
      table.rows.push_back(
          {HtmlEscape(report::MetricLabel(name)) + "<div class=\"small\"><code>" +
               HtmlEscape(name) + "</code></div>",
           HtmlEscape(report::MetricValueText(v)),
           ci.empty() ? std::string(report::kUndefined) : HtmlEscape(ci),
           v.ci_method.empty() ? std::string(report::kUndefined) : HtmlEscape(v.ci_method),
           meaning});
    }
    out +=
        "<p class=\"small\">The 95% interval is the range the true value plausibly lies in, "
        "given how many rows were evaluated; a wide interval means few rows. Gates address "
        "these values as <code>metrics.&lt;name&gt;.value</code>.</p>\n";
    out += report::RenderTable(table);
  }
  if (!r.notes.empty()) {
    out += "<h3>Notes</h3>\n<ul class=\"notes\">\n";
    for (const std::string& n : r.notes) out += "<li>" + HtmlEscape(n) + "</li>\n";
    out += "</ul>\n";
  }
  return out;
}

std::string JoinOr(const std::vector<std::string>& names, std::string_view empty_text) {
  if (names.empty()) return std::string(empty_text);
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string InputsBody(const EvalResult& r, const ReportMeta& meta) {
  report::HtmlTable inputs;
  inputs.headers = {"", "Path", "SHA-256", "Rows", "Columns", "Size"};
  inputs.column_classes = {"", "", "", "num", "num", "num"};
  const auto input_row = [&](const char* name, const InputInfo& info) {
    inputs.rows.push_back(
        {name, "<code>" + HtmlEscape(info.path) + "</code>",
         "<code>" + HtmlEscape(info.sha256) + "</code>", HtmlEscape(FormatCount(info.rows)),
         HtmlEscape(FormatCount(info.columns)), HtmlEscape(report::FormatBytes(info.bytes))});
  };
  input_row("Data", r.data);
  if (r.reference) input_row("Reference", *r.reference);

  const EvalConfig& c = r.config;
  report::HtmlTable settings = report::KeyValueTable({"Setting", "Value"});
  const auto row = [&](std::string_view key, const std::string& value) {
    report::AddTextRow(&settings, {key, value});
  };
  row("Task", TaskDescription(r));
  if (!r.classes.empty()) row("Classes", JoinOr(r.classes, ""));
  row("Rows evaluated / excluded", FormatCount(r.rows_used) + " / " + FormatCount(r.rows_excluded));
  row("Segment columns", JoinOr(c.segment_columns, "none"));
  row("Sensitive attributes", JoinOr(c.sensitive_columns, "none"));
  row("Bins for numeric segments", std::to_string(c.segment_bins));
  row("Minimum rows per segment or group", FormatCount(c.min_group_rows));
  row("Bootstrap resamples", std::to_string(c.bootstrap));
  row("Significance level (alpha)", FormatNumber(c.alpha));
  row("Slice search", fmt::format("up to {} conditions, top {}, minimum support {}",
                                  c.slice_max_predicates, c.slice_top_k,
                                  c.slice_min_support == 0 ? std::string("max(30, 1% of rows)")
                                                           : FormatCount(c.slice_min_support)));
  row("Confirm slices on a held-out half", c.confirm_holdout ? "yes" : "no");
  row("Calibration bins", std::to_string(c.calibration_bins));
  row("Tail share", FormatShare(c.tail_share));
  row("Random seed", std::to_string(c.seed));

  std::string out = report::RenderTable(inputs);
  out += "<h3>Settings</h3>\n" + report::RenderTable(settings);
  return out + report::ReportFooterHtml(meta);
}

}  // namespace

std::string RenderEvalHtml(const EvalResult& r, const ReportMeta& meta) {
  report::HtmlPage page("Evaluation report: " + r.data.path);
  page.AddStyle(report::kEvalStyle);
  page.Append("<header class=\"page\"><h1>Model evaluation report</h1><p>Data <code>" +
              HtmlEscape(r.data.path) + "</code> &middot; " + HtmlEscape(TaskDescription(r)) +
              " &middot; " + HtmlEscape(meta.generated_at) + "</p></header>\n");

  page.AddSection("Headline metrics", "headline", HeadlineList(r));

  page.AddTocEntry("Verdicts", "verdict");
  page.Append("<section class=\"verdicts\" id=\"verdict\">\n");
  for (const Card& card :
       {OverallCard(r), WorstCaseCard(r), FairnessCard(r), CalibrationCard(r), TailCard(r)}) {
    page.Append(RenderCard(card));
  }
  page.Append("</section>\n");

  page.AddSection("What needs attention", "attention", report::FindingsListHtml(r.findings));

  page.AddSection("Metrics", "metrics", MetricsBody(r));

  page.AddSection("Segments", "segments", report::EvalSegmentsBody(r));

  page.AddSection("Weak slices", "slices", report::EvalSlicesBody(r));

  page.AddSection("Fairness: errors across groups", "fairness", report::EvalFairnessBody(r));

  page.AddSection("Calibration", "calibration", report::EvalCalibrationBody(r));

  page.AddSection("Unusual rows (tail behaviour)", "tail", report::EvalTailBody(r));

  page.AddSection("Inputs and settings", "inputs", InputsBody(r, meta));
  return page.Finish();
}

}  // namespace airm
