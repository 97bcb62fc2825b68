// RenderDriftHtml: the drift result as one self-contained page for a reader
// who is not a statistician. Sections, top to bottom (docs/reports.md):
//   1. verdicts: input drift, model-output drift, data quality, in words;
//   2. what needs attention: the findings, most severe first;
//   3. column tables (inputs, model outputs), most severe first;
//   4. per column: reference vs current distribution chart and a sentence;
//   5. data quality, multivariate check, segments, inputs and settings.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

#include "airm/report.h"
#include "airm/report/findings_html.h"
#include "airm/report/format.h"
#include "airm/report/html_page.h"
#include "airm/report/key_value_table.h"
#include "airm/report/svg_chart.h"
#include "airm/table.h"
#include "drift_labels.h"

namespace airm {
namespace {

using report::Badge;
using report::FormatCount;
using report::FormatNumber;
using report::FormatPValue;
using report::FormatShare;
using report::HtmlEscape;
using report::Tone;

// Categorical charts show this many categories, the rest as "other".
constexpr size_t kMaxChartCategories = 20;

std::string Plural(uint64_t n, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", FormatCount(n), n == 1 ? singular : plural);
}

Tone CheckTone(CheckStatus s) {
  switch (s) {
    case CheckStatus::kPass:
      return Tone::kGood;
    case CheckStatus::kWarn:
      return Tone::kWarn;
    case CheckStatus::kFail:
      return Tone::kBad;
  }
  return Tone::kNeutral;
}

Tone ColumnTone(const ColumnDrift& c) {
  if (c.drifted) return Tone::kBad;
  switch (c.status) {
    case ColumnDriftStatus::kDrift:
      return Tone::kBad;
    case ColumnDriftStatus::kRetyped:
    case ColumnDriftStatus::kMissingInCurrent:
    case ColumnDriftStatus::kNewInCurrent:
      return Tone::kWarn;
    case ColumnDriftStatus::kInsufficientData:
      return Tone::kNeutral;
    case ColumnDriftStatus::kNoDrift:
      return Tone::kGood;
  }
  return Tone::kNeutral;
}

std::string ColumnBadge(const ColumnDrift& c) {
  const char* label = c.drifted ? report::DriftStatusLabel(ColumnDriftStatus::kDrift)
                                : report::DriftStatusLabel(c.status);
  return Badge(label, ColumnTone(c));
}

// One verdict card of the top row.
struct VerdictCard {
  std::string heading;
  std::string badge;
  Tone tone = Tone::kNeutral;
  std::string headline;  // escaped markup
  std::string summary;   // escaped markup, optional second sentence
  std::string detail;    // escaped markup, small print
};

std::string RenderVerdictCard(const VerdictCard& card) {
  return fmt::format(
      "<div class=\"verdict {}\"><h2>{}</h2>{}<p class=\"headline\">{}</p>{}"
      "<p class=\"small\">{}</p></div>\n",
      report::ToneClass(card.tone), HtmlEscape(card.heading), Badge(card.badge, card.tone, "big"),
      card.headline, card.summary.empty() ? "" : "<p>" + card.summary + "</p>", card.detail);
}

// The card for input or output drift. `noun` is "input column" / "output
// column"; `subject` starts the drifted sentence ("The current data").
VerdictCard DriftCard(const DriftVerdict& v, std::string heading, std::string_view noun,
                      std::string_view subject, std::string_view none_text) {
  VerdictCard card;
  card.heading = std::move(heading);
  const std::string tested = Plural(v.columns_tested, noun, std::string(noun) + "s");
  std::string headline;
  if (v.columns_tested == 0) {
    card.badge = "Not tested";
    card.tone = Tone::kNeutral;
    headline = std::string(none_text);
  } else if (v.drifted) {
    card.badge = "Drift";
    card.tone = Tone::kBad;
    headline = fmt::format("{} has drifted: {} of {} changed significantly.", subject,
                           FormatCount(v.columns_drifted), tested);
  } else if (v.columns_drifted > 0) {
    card.badge = "No drift";
    card.tone = Tone::kWarn;
    headline = fmt::format("No significant drift overall, but {} of {} changed significantly.",
                           FormatCount(v.columns_drifted), tested);
  } else {
    card.badge = "No drift";
    card.tone = Tone::kGood;
    headline = fmt::format("No significant drift was found in the {}.", tested);
  }
  card.headline = HtmlEscape(headline);
  if (!v.summary.empty() && v.summary != headline) {
    card.summary = HtmlEscape(v.summary);
  }
  card.detail = v.rule.empty() ? "" : "Rule: " + HtmlEscape(v.rule);
  return card;
}

VerdictCard QualityCard(const DriftResult& r) {
  VerdictCard card;
  card.heading = "Data quality";
  if (!r.quality_status) {
    // Not run is not a pass: say so in plain words, in no pass colour.
    card.badge = "Not checked";
    card.tone = Tone::kNeutral;
    card.headline = "Data quality was not checked.";
    card.detail = HtmlEscape(r.quality_note);
    return card;
  }
  card.tone = CheckTone(*r.quality_status);
  size_t counts[3] = {0, 0, 0};
  for (const QualityCheck& q : r.quality) ++counts[static_cast<int>(q.status)];
  const size_t pass = counts[0], warn = counts[1], fail = counts[2];
  switch (*r.quality_status) {
    case CheckStatus::kPass:
      card.badge = "Pass";
      card.headline = r.quality.empty() ? "No data quality checks were run."
                                        : "All data quality checks passed.";
      if (r.quality.empty()) card.tone = Tone::kNeutral;
      break;
    case CheckStatus::kWarn:
      card.badge = "Warn";
      card.headline = fmt::format("{} raised a warning.",
                                  Plural(warn, "data quality check", "data quality checks"));
      break;
    case CheckStatus::kFail:
      card.badge = "Fail";
      card.headline =
          fmt::format("{} failed.", Plural(fail, "data quality check", "data quality checks"));
      break;
  }
  card.headline = HtmlEscape(card.headline);
  if (r.quality.empty()) return card;
  card.detail = HtmlEscape(fmt::format(
      "{} run: {} passed, {} warned, {} failed. Rule: fail if any check fails, warn if any "
      "check warns.",
      Plural(r.quality.size(), "check", "checks"), pass, warn, fail));
  return card;
}

// A share change (total variation distance, the effect size of proportions)
// in percentage points: "9.0 points" reads as "the bad rate moved 9 points".
bool IsShareChange(const ColumnDrift& c) { return c.effect_size_name == "tvd"; }
std::string Points(double share) { return fmt::format("{:.1f} points", 100 * share); }
std::string SignedPoints(double share) {
  return fmt::format("{}{:.1f} percentage points", share > 0 ? "+" : "\u2212",
                     100 * std::fabs(share));
}

// Effect size cell: the value, its measure and a bar whose middle tick marks
// the threshold, so "past the tick" reads as "large enough to matter".
std::string EffectCell(const ColumnDrift& c) {
  if (!c.effect_size || std::isnan(*c.effect_size)) return report::kUndefined;
  const bool points = IsShareChange(c);
  const auto text = [&](double v) { return points ? Points(v) : FormatNumber(v); };
  const std::string measure = points ? "share moved" : c.effect_size_name;
  report::InlineBarSpec bar;
  if (c.effect_size_threshold > 0) {
    bar.fraction = *c.effect_size / c.effect_size_threshold / 2;
    bar.marker = 0.5;
    bar.title = fmt::format("{} = {} (threshold {})", measure, text(*c.effect_size),
                            text(c.effect_size_threshold));
  } else {
    bar.fraction = *c.effect_size;
    bar.title = fmt::format("{} = {}", measure, text(*c.effect_size));
  }
  bar.color = c.drifted ? "#d64545" : report::kReferenceColor;
  return HtmlEscape(text(*c.effect_size)) + " " + report::InlineBarSvg(bar) +
         "<div class=\"small\">" + HtmlEscape(measure) + "</div>";
}

// How much the model uses a column, in words (issue 16): XGBoost's total
// gain of the column's splits as a share of all gain.
std::string ModelUseText(const ModelColumnUse& use) {
  if (use.splits == 0) return "not used by the model";
  return fmt::format("{} of the model's gain ({} {})", FormatShare(use.gain_share), use.splits,
                     use.splits == 1 ? "split" : "splits");
}

std::string ModelUseCell(const ColumnDrift& c) {
  if (!c.model_use) return report::kUndefined;
  if (c.model_use->splits == 0) return "<span class=\"small\">not used</span>";
  return HtmlEscape(FormatShare(c.model_use->gain_share));
}

std::string ColumnTable(const std::vector<ColumnDrift>& columns, const std::vector<size_t>& order,
                        std::string_view anchor_prefix) {
  report::HtmlTable table;
  table.headers = {"Column",      "Status",      "Test",     "Statistic", "p-value (adjusted)",
                   "Effect size", "Reference n", "Current n"};
  table.column_classes = {"", "", "", "num", "num", "", "num", "num"};
  const bool model_known = std::any_of(
      columns.begin(), columns.end(), [](const ColumnDrift& c) { return c.model_use.has_value(); });
  if (model_known) {
    table.headers.insert(table.headers.begin() + 2, "Model uses it");
    table.column_classes.insert(table.column_classes.begin() + 2, "num");
  }
  for (size_t i : order) {
    const ColumnDrift& c = columns[i];
    const std::optional<double> p = c.p_value_adjusted ? c.p_value_adjusted : c.p_value;
    table.rows.push_back({
        fmt::format("<a href=\"#{}{}\">{}</a>", anchor_prefix, i, HtmlEscape(c.name)),
        ColumnBadge(c),
        c.method.empty() ? report::kUndefined : HtmlEscape(c.method),
        HtmlEscape(FormatNumber(c.statistic)),
        HtmlEscape(FormatPValue(p)),
        EffectCell(c),
        HtmlEscape(FormatCount(c.reference_count)),
        HtmlEscape(FormatCount(c.current_count)),
    });
    if (model_known) table.rows.back().insert(table.rows.back().begin() + 2, ModelUseCell(c));
    table.row_classes.push_back(c.drifted ? "drifted" : "");
    table.row_status.push_back(report::ToneClass(ColumnTone(c)));
  }
  return report::RenderTable(table);
}

// Shares per bin of the two sides, with categories beyond the chart's limit
// folded into one "other" bar.
struct ChartData {
  std::vector<std::string> labels;
  std::vector<double> reference;
  std::vector<double> current;
};

ChartData MakeChartData(const BinnedDistribution& d) {
  const size_t n = std::min({d.labels.size(), d.reference_counts.size(), d.current_counts.size()});
  const double ref_total =
      std::accumulate(d.reference_counts.begin(), d.reference_counts.begin() + n, 0.0);
  const double cur_total =
      std::accumulate(d.current_counts.begin(), d.current_counts.begin() + n, 0.0);
  const auto share = [](uint64_t count, double total) {
    return total > 0 ? static_cast<double>(count) / total : NAN;
  };
  std::vector<size_t> keep(n);
  std::iota(keep.begin(), keep.end(), 0);
  const bool numeric = !d.lower.empty();
  if (!numeric && n > kMaxChartCategories) {
    // Keep the categories that matter most on either side.
    std::stable_sort(keep.begin(), keep.end(), [&](size_t a, size_t b) {
      const double ma =
          std::max(share(d.reference_counts[a], ref_total), share(d.current_counts[a], cur_total));
      const double mb =
          std::max(share(d.reference_counts[b], ref_total), share(d.current_counts[b], cur_total));
      return ma > mb;
    });
    keep.resize(kMaxChartCategories);
  }
  ChartData data;
  std::vector<bool> kept(n, false);
  for (size_t i : keep) {
    kept[i] = true;
    data.labels.push_back(d.labels[i]);
    data.reference.push_back(share(d.reference_counts[i], ref_total));
    data.current.push_back(share(d.current_counts[i], cur_total));
  }
  if (keep.size() < n) {
    uint64_t ref_other = 0, cur_other = 0;
    for (size_t i = 0; i < n; ++i) {
      if (kept[i]) continue;
      ref_other += d.reference_counts[i];
      cur_other += d.current_counts[i];
    }
    data.labels.push_back(fmt::format("other ({} categories)", n - keep.size()));
    data.reference.push_back(share(ref_other, ref_total));
    data.current.push_back(share(cur_other, cur_total));
  }
  return data;
}

// The bin whose share moved most between the two sides, and the share of
// current values in bins the reference never had (and the reverse).
struct BinChanges {
  bool numeric = false;
  std::optional<size_t> largest;  // nullopt: one side has no values
  double largest_reference = 0, largest_current = 0;
  double unseen = 0, vanished = 0;
};

BinChanges CompareBins(const BinnedDistribution& d) {
  BinChanges out;
  out.numeric = !d.lower.empty();
  const size_t n = std::min({d.labels.size(), d.reference_counts.size(), d.current_counts.size()});
  const double ref_total =
      std::accumulate(d.reference_counts.begin(), d.reference_counts.begin() + n, 0.0);
  const double cur_total =
      std::accumulate(d.current_counts.begin(), d.current_counts.begin() + n, 0.0);
  if (ref_total == 0 || cur_total == 0) return out;
  double largest_diff = -1;
  for (size_t i = 0; i < n; ++i) {
    const double r = d.reference_counts[i] / ref_total, c = d.current_counts[i] / cur_total;
    if (std::fabs(c - r) > largest_diff) {
      largest_diff = std::fabs(c - r);
      out.largest = i;
      out.largest_reference = r;
      out.largest_current = c;
    }
    if (d.reference_counts[i] == 0) out.unseen += c;
    if (d.current_counts[i] == 0) out.vanished += r;
  }
  return out;
}

// "the largest change is in the range <label>: 12% of reference values,
// 40% of current values (+28.0 percentage points)", the label as given
// (plain or marked up); "" when the shares of every bin agree within half a
// point or a side has no values.
std::string LargestChangeText(const BinChanges& b, std::string_view label) {
  if (!b.largest || std::fabs(b.largest_current - b.largest_reference) < 0.005) return "";
  return fmt::format(
      "the largest change is {} {}: {} of reference values, {} of current values ({})",
      b.numeric ? "in the range" : "in the category", label, FormatShare(b.largest_reference),
      FormatShare(b.largest_current), SignedPoints(b.largest_current - b.largest_reference));
}

// Plain sentences derived from the bins alone: the largest change, and the
// share of current values where the reference had none.
std::string DistributionSentences(const BinnedDistribution& d) {
  const BinChanges b = CompareBins(d);
  if (!b.largest) return "<p>No distribution to compare: one side has no values.</p>\n";
  std::string out;
  const std::string largest =
      LargestChangeText(b, "<strong>" + HtmlEscape(d.labels[*b.largest]) + "</strong>");
  if (!largest.empty()) {
    out += "<p>T" + largest.substr(1) + ".</p>\n";
  } else {
    out += "<p>The shares of every bin agree within half a percentage point.</p>\n";
  }
  if (b.unseen > 0) {
    out += fmt::format("<p>{} of current values are {}.</p>\n", FormatShare(b.unseen),
                       b.numeric ? "in ranges where the reference had no values"
                                 : "categories never seen in the reference");
  }
  if (!b.numeric && b.vanished > 0) {
    out +=
        fmt::format("<p>{} of reference values are categories absent from the current data.</p>\n",
                    FormatShare(b.vanished));
  }
  return out;
}

std::string IntervalText(const ValueBounds& b, bool p_value) {
  auto end = [&](const std::optional<double>& v) {
    return v ? (p_value ? FormatPValue(v) : FormatNumber(v)) : std::string("unknown");
  };
  return "[" + end(b.lower) + ", " + end(b.upper) + "]";
}

// Compared from sketches: the intervals that hold the exact values.
std::string SketchBoundsHtml(const ColumnDrift& c) {
  const SketchBounds& b = *c.bounds;
  std::string text =
      fmt::format("From sketches: {} in {}", c.method, IntervalText(b.statistic, false));
  if (c.p_value) text += ", p-value in " + IntervalText(b.p_value, true);
  if (c.p_value_adjusted) text += " (adjusted " + IntervalText(b.p_value_adjusted, true) + ")";
  if (!c.effect_size_name.empty()) {
    text += ", " + c.effect_size_name + " in " + IntervalText(b.effect_size, false);
  }
  text += fmt::format(
      ". Sketch errors: rank {} (reference), {} (current); counts at most {} (reference), {} "
      "(current) over. ",
      FormatNumber(b.reference_rank_error), FormatNumber(b.current_rank_error),
      FormatCount(b.reference_count_error), FormatCount(b.current_count_error));
  text += b.decided ? "Both ends of the bounds give this verdict."
                    : "The bounds leave the verdict open; the conservative verdict is shown.";
  return "<p class=\"small\">" + HtmlEscape(text) + "</p>\n";
}

std::string BinKind(const ColumnDrift& c) {
  return c.distribution.lower.empty() ? "category" : "range";
}

std::string ColumnDetail(const ColumnDrift& c, std::string_view anchor) {
  std::string out =
      fmt::format("<div class=\"column-detail\" id=\"{}\"{}><h3>{} {}</h3>\n", anchor,
                  report::StatusAttribute(ColumnTone(c)), HtmlEscape(c.name), ColumnBadge(c));
  // The verdict in words first; the rule as applied, with its codes, below.
  const std::string plain = report::PlainDriftReason(c);
  if (!plain.empty()) {
    out += "<p>" + HtmlEscape(plain) + "</p>\n";
    if (!c.reason.empty()) {
      out += "<p class=\"small\">Rule as applied: <code>" + HtmlEscape(c.reason) + "</code></p>\n";
    }
  } else if (!c.reason.empty()) {
    out += "<p>" + HtmlEscape(c.reason) + "</p>\n";
  }
  if (c.model_use) {
    out += "<p>" +
           HtmlEscape(c.model_use->splits == 0
                          ? "The model does not use this column: a change here does not move "
                            "its predictions directly."
                          : "The model uses this column: " + ModelUseText(*c.model_use) +
                                ". A change here moves its predictions.") +
           "</p>\n";
  }
  std::string facts = HtmlEscape(fmt::format("Role: {}. Type: {}", ColumnRoleName(c.role),
                                             c.type.empty() ? "absent" : c.type));
  if (!c.current_type.empty() && c.current_type != c.type) {
    facts += HtmlEscape(fmt::format(" in the reference, {} in the current data", c.current_type));
  }
  facts += ".";
  if (!c.method.empty()) {
    facts += HtmlEscape(fmt::format(" Test: {}, statistic {}, p-value {}", c.method,
                                    FormatNumber(c.statistic), FormatPValue(c.p_value)));
    if (c.p_value_adjusted) {
      facts += HtmlEscape(fmt::format(" ({} adjusted)", FormatPValue(c.p_value_adjusted)));
    }
    facts += HtmlEscape(fmt::format(", threshold {}.", FormatNumber(c.threshold)));
  }
  if (IsShareChange(c) && c.effect_size) {
    facts += HtmlEscape(fmt::format(
        " Effect size: {} of the values moved to another {} (total variation distance), "
        "threshold {}.",
        Points(*c.effect_size), BinKind(c), Points(c.effect_size_threshold)));
  } else if (!c.effect_size_name.empty()) {
    facts +=
        HtmlEscape(fmt::format(" Effect size ({}): {}, threshold {}.", c.effect_size_name,
                               FormatNumber(c.effect_size), FormatNumber(c.effect_size_threshold)));
  }
  facts += HtmlEscape(fmt::format(" Values: {} reference, {} current.",
                                  FormatCount(c.reference_count), FormatCount(c.current_count)));
  out += "<p class=\"small\">" + facts + "</p>\n";
  if (c.bounds) out += SketchBoundsHtml(c);

  const BinnedDistribution& d = c.distribution;
  if (d.labels.empty()) {
    out += "<p class=\"small\">No distribution chart: there are no values to compare.</p>\n";
  } else {
    out += DistributionSentences(d);
    const ChartData data = MakeChartData(d);
    report::GroupedBarChartSpec spec;
    spec.title = "Distribution of " + c.name + ": reference vs current";
    spec.categories = data.labels;
    spec.series = {{"Reference", report::kReferenceColor, data.reference},
                   {"Current", report::kCurrentColor, data.current}};
    spec.x_label = d.lower.empty() ? "category" : "value range (reference quantile bins)";
    spec.y_label = "share of values";
    out += report::ChartBlock(report::GroupedBarChartSvg(spec));
  }
  out += "</div>\n";
  return out;
}

std::string QualityTable(const std::vector<QualityCheck>& checks) {
  if (checks.empty()) return "<p>No data quality checks were run.</p>\n";
  std::vector<size_t> order(checks.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return static_cast<int>(checks[a].status) > static_cast<int>(checks[b].status);
  });
  // Checks that warn or fail are shown; passing ones are folded away.
  report::HtmlTable problems, passed;
  for (report::HtmlTable* table : {&problems, &passed}) {
    table->headers = {"Status", "Check", "Column", "Value", "Warn at", "Fail at", "Message"};
    table->column_classes = {"", "", "", "num", "num", "num", ""};
  }
  for (size_t i : order) {
    const QualityCheck& q = checks[i];
    report::HtmlTable& table = q.status == CheckStatus::kPass ? passed : problems;
    table.rows.push_back({Badge(CheckStatusName(q.status), CheckTone(q.status)),
                          "<code>" + HtmlEscape(q.check) + "</code>",
                          q.column.empty() ? "(dataset)" : HtmlEscape(q.column),
                          HtmlEscape(FormatNumber(q.value)),
                          HtmlEscape(FormatNumber(q.warn_threshold)),
                          HtmlEscape(FormatNumber(q.fail_threshold)), HtmlEscape(q.message)});
    table.row_status.push_back(report::ToneClass(CheckTone(q.status)));
  }
  std::string out = problems.rows.empty() ? "<p>Every data quality check passed.</p>\n"
                                          : report::RenderTable(problems);
  if (!passed.rows.empty()) {
    out += report::FoldedHtml(Plural(passed.rows.size(), "passing check", "passing checks"),
                              report::RenderTable(passed));
  }
  return out;
}

std::string MultivariateSection(const DomainClassifierResult& d) {
  std::string out =
      "<p class=\"small\">A classifier is trained to tell reference rows from current rows. If it "
      "cannot (ROC AUC near 0.5) the two data sets look alike as a whole; if it can, the columns "
      "it relies on most show where they differ, including changes in how columns combine that "
      "no single-column test sees.</p>\n";
  if (!d.ran) {
    out += "<p>" + Badge("Did not run", Tone::kNeutral) + " " +
           HtmlEscape(d.note.empty() ? "The multivariate check was not run." : d.note) + "</p>\n";
    return out;
  }
  out += "<p>" + (d.drifted ? Badge("Drift", Tone::kBad) : Badge("No drift", Tone::kGood)) + " ";
  out += HtmlEscape(fmt::format(
      "The classifier reached a ROC AUC of {} on rows it was not trained on; drift is flagged "
      "from {} (Mann-Whitney critical value), p-value {}.",
      FormatNumber(d.auc), FormatNumber(d.auc_threshold), FormatPValue(d.p_value)));
  out += "</p>\n<p class=\"small\">" +
         HtmlEscape(fmt::format("Trained on {} rows ({} trees), tested on {} held-out rows.",
                                FormatCount(d.train_rows), d.trees, FormatCount(d.test_rows)));
  if (!d.note.empty()) out += " " + HtmlEscape(d.note);
  out += "</p>\n";
  if (!d.top_columns.empty()) {
    report::HtmlTable table;
    table.headers = {"Column the classifier relies on", "Share of importance", ""};
    table.column_classes = {"", "num", ""};
    for (const auto& [name, share] : d.top_columns) {
      report::InlineBarSpec bar;
      bar.fraction = share;
      bar.title = name;
      bar.width = 160;
      table.rows.push_back(
          {HtmlEscape(name), HtmlEscape(FormatShare(share)), report::InlineBarSvg(bar)});
    }
    out += report::RenderTable(table);
  }
  return out;
}

std::string SegmentsSection(const DriftResult& r) {
  if (r.segments.empty()) {
    return "<p>No segments were analysed.</p>\n";
  }
  report::HtmlTable table;
  table.headers = {"Segment", "Reference rows", "Current rows", "Verdict", "Details"};
  table.column_classes = {"", "num", "num", "", ""};
  for (const SegmentDrift& s : r.segments) {
    std::string verdict, details;
    if (!s.sufficient) {
      verdict = Badge("Insufficient data", Tone::kNeutral);
      details = HtmlEscape(fmt::format("Fewer than {} rows on one side: no verdict.",
                                       FormatCount(r.config.min_segment_rows)));
    } else {
      verdict = s.verdict.drifted ? Badge("Drift", Tone::kBad) : Badge("No drift", Tone::kGood);
      details =
          HtmlEscape(s.verdict.summary.empty()
                         ? fmt::format("{} of {} drifted.", FormatCount(s.verdict.columns_drifted),
                                       Plural(s.verdict.columns_tested, "column", "columns"))
                         : s.verdict.summary);
      std::string drifted_names;
      for (size_t i : report::SeverityOrder(s.columns)) {
        if (!s.columns[i].drifted) break;
        if (!drifted_names.empty()) drifted_names += ", ";
        drifted_names += HtmlEscape(s.columns[i].name);
      }
      if (!drifted_names.empty()) {
        details += "<div class=\"small\">Drifted: " + drifted_names + "</div>";
      }
    }
    table.rows.push_back({HtmlEscape(s.column) + " = <strong>" + HtmlEscape(s.value) + "</strong>",
                          HtmlEscape(FormatCount(s.reference_rows)),
                          HtmlEscape(FormatCount(s.current_rows)), verdict, details});
    table.row_classes.push_back(s.sufficient && s.verdict.drifted ? "drifted" : "");
    table.row_status.push_back(!s.sufficient ? "neutral" : s.verdict.drifted ? "bad" : "good");
  }
  return report::RenderTable(table);
}

std::string JoinOrAll(const std::vector<std::string>& names, std::string_view empty_text) {
  if (names.empty()) return std::string(empty_text);
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::string InputsSection(const DriftResult& r, const ReportMeta& meta) {
  report::HtmlTable inputs;
  inputs.headers = {"", "Path", "SHA-256", "Rows", "Columns", "Size"};
  inputs.column_classes = {"", "", "", "num", "num", "num"};
  for (const auto& [name, info] :
       {std::pair{"Reference", &r.reference}, std::pair{"Current", &r.current}}) {
    inputs.rows.push_back(
        {name, "<code>" + HtmlEscape(info->path) + "</code>",
         "<code>" + HtmlEscape(info->sha256) + "</code>", HtmlEscape(FormatCount(info->rows)),
         HtmlEscape(FormatCount(info->columns)), HtmlEscape(report::FormatBytes(info->bytes))});
  }
  const DriftConfig& c = r.config;
  report::HtmlTable settings = report::KeyValueTable({"Setting", "Value"});
  const auto row = [&](std::string_view key, const std::string& value) {
    report::AddTextRow(&settings, {key, value});
  };
  row("Columns", JoinOrAll(c.columns, "all"));
  row("Excluded columns", JoinOrAll(c.exclude, "none"));
  row("Method", c.method + (c.all_tests ? " (all tests computed)" : ""));
  row("Significance level (alpha)", FormatNumber(c.alpha));
  row("Multiple-testing correction", c.correction);
  row("Dataset drifts when",
      c.drift_share > 0 ? "at least " + FormatShare(c.drift_share) + " of tested columns drift"
                        : "at least one tested column drifts");
  row("Minimum values per side", FormatCount(c.min_rows));
  row("Bins", std::to_string(c.bins));
  row("Multivariate check", c.domain_classifier ? "on" : "off");
  row("Model (importance beside each column)", r.model ? r.model->source : "none given");
  row("Segment columns", JoinOrAll(r.segment_columns, "none"));
  row("Minimum rows per segment", FormatCount(c.min_segment_rows));
  row("Random seed", std::to_string(c.seed));

  std::string out = report::RenderTable(inputs);
  out += "<h3>Settings</h3>\n" + report::RenderTable(settings);
  out += report::ReportFooterHtml(meta);
  return out;
}

// Where "Model uses it" comes from, and what it means for the ranking.
std::string ModelUseNote(const ModelUsage& m) {
  std::string out =
      "<p class=\"small\"><em>Model uses it</em>: the share of the model's total gain (XGBoost "
      "<code>total_gain</code>) from splits on the column, one-hot dummies "
      "<code>column=level</code> counted for their column, read from <code>" +
      HtmlEscape(m.source) +
      "</code>. A drifted column the model leans on matters more than one it ignores, so "
      "\"What needs attention\" lists the columns it uses most first within each "
      "severity.";
  if (!m.unmatched_features.empty()) {
    out += HtmlEscape(
        fmt::format(" {} model {} no column here explains: ", m.unmatched_features.size(),
                    m.unmatched_features.size() == 1 ? "feature" : "features"));
    for (size_t i = 0; i < m.unmatched_features.size(); ++i) {
      out += (i == 0 ? "" : ", ") + HtmlEscape(m.unmatched_features[i]);
    }
    out += ".";
  }
  return out + "</p>\n";
}

// A finding in the words of the attention list (issue 16 §2): what happened
// to the thing named beside it, with the shares a reader can act on; the
// tests, p-values and effect sizes stay in the thing's detail, where the
// link leads. Findings without a plainer form keep their message.
std::string PlainAttentionMessage(const Finding& f, const ColumnDrift* column,
                                  const DriftResult& r) {
  if (column != nullptr && (f.code == "drift.column" || f.code == "drift.output_column")) {
    const BinChanges b = CompareBins(column->distribution);
    const std::string change =
        b.largest ? LargestChangeText(b, column->distribution.labels[*b.largest]) : "";
    return "Its values have moved more than chance explains, by enough to matter" +
           (change.empty() ? std::string(".") : ": " + change + ".");
  }
  if (column != nullptr && f.code == "drift.uncertain") {
    return "Its values changed a lot, but there are too few rows to rule out chance.";
  }
  if (column != nullptr && f.code == "drift.undecided") {
    return "The sketches are too coarse to decide whether it moved; compare the rows (without "
           "--sketch) or use larger sketches.";
  }
  if (column != nullptr && f.code == "drift.insufficient_data") {
    return "Too few values to tell whether it moved.";
  }
  // Quality messages name their column first; the entry's label already does.
  if (column != nullptr && f.message.rfind("'" + column->name + "': ", 0) == 0) {
    std::string rest = f.message.substr(column->name.size() + 4);
    if (!rest.empty())
      rest[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(rest[0])));
    return rest;
  }
  if (f.code == "drift.multivariate") {
    const auto& top = r.domain_classifier.top_columns;
    return "A model can tell the current rows from the reference rows" +
           (top.empty() ? std::string(".") : ", mostly by " + top[0].first + ".");
  }
  return f.message;
}

// Each thing once: a column's drift and quality findings are one entry,
// linked to its distribution, with the column's own status beside it; each
// message in plain words (PlainAttentionMessage).
std::string AttentionList(const DriftResult& r) {
  const auto find_column =
      [&](const std::string& name) -> std::pair<const ColumnDrift*, std::string> {
    for (const auto& [columns, prefix] :
         {std::pair{&r.input_columns, "in-"}, std::pair{&r.output_columns, "out-"}}) {
      for (size_t i = 0; i < columns->size(); ++i) {
        if ((*columns)[i].name == name) {
          return {&(*columns)[i], std::string("#") + prefix + std::to_string(i)};
        }
      }
    }
    return {nullptr, ""};
  };
  const auto target = [&](const Finding& f) -> std::optional<report::FindingTarget> {
    if (const auto [c, href] = find_column(f.subject); c != nullptr) {
      report::FindingTarget t{"column:" + c->name, c->name, href, ColumnBadge(*c)};
      if (c->model_use) {
        t.status_html +=
            " <span class=\"small\">" + HtmlEscape(ModelUseText(*c->model_use)) + "</span>";
        t.weight = c->model_use->gain_share;
      }
      return t;
    }
    if (f.code == "drift.dataset") {
      return report::FindingTarget{"inputs", "Input data", "#columns", ""};
    }
    if (f.code == "drift.outputs") {
      return report::FindingTarget{"outputs", "Model outputs", "#outputs", ""};
    }
    if (f.code == "drift.multivariate") {
      return report::FindingTarget{"multivariate", "Multivariate check", "#multivariate", ""};
    }
    if (f.code == "drift.segment") {
      return report::FindingTarget{"segment:" + f.subject, "Segment " + f.subject, "#segments", ""};
    }
    if (f.code.rfind("quality.", 0) == 0) {
      return report::FindingTarget{"quality:" + f.subject,
                                   f.subject.empty() ? "Data quality" : f.subject, "#quality", ""};
    }
    return std::nullopt;
  };
  std::vector<Finding> plain = r.findings;
  for (Finding& f : plain) f.message = PlainAttentionMessage(f, find_column(f.subject).first, r);
  return report::GroupedFindingsHtml(plain, target);
}

}  // namespace

std::string RenderDriftHtml(const DriftResult& r, const ReportMeta& meta) {
  report::HtmlPage page("Drift report: " + r.current.path + " vs " + r.reference.path);
  page.Append("<header class=\"page\"><h1>Drift report</h1><p>Current data <code>" +
              HtmlEscape(r.current.path) + "</code> compared with the reference <code>" +
              HtmlEscape(r.reference.path) + "</code> &middot; " + HtmlEscape(meta.generated_at) +
              "</p>" +
              (r.comparison == "sketches"
                   ? "<p class=\"small\">Compared from sketches (bounded memory): every number "
                     "is an estimate with the interval that holds the exact value; a column drifts "
                     "only when the interval's end least favourable to drift still drifts. Data "
                     "quality checks, the domain classifier and segments need the rows and were "
                     "not run.</p>"
                   : std::string()) +
              "</header>\n");

  page.AddTocEntry("Verdict", "verdict");
  page.Append("<section class=\"verdicts\" id=\"verdict\">\n");
  page.Append(
      RenderVerdictCard(DriftCard(r.input_verdict, "Input data", "input column", "The current data",
                                  "No input columns could be tested.")));
  page.Append(RenderVerdictCard(DriftCard(
      r.output_verdict, "Model outputs", "output column", "The model's output",
      r.output_columns.empty() ? "No model outputs (prediction or score columns) were compared."
                               : "No output column had enough data to test.")));
  page.Append(RenderVerdictCard(QualityCard(r)));
  page.Append("</section>\n");

  page.BeginSection("What needs attention", "attention");
  page.Append(AttentionList(r));
  page.EndSection();

  const std::vector<size_t> input_order = report::SeverityOrder(r.input_columns);
  const std::vector<size_t> output_order = report::SeverityOrder(r.output_columns);
  page.BeginSection("Input columns", "columns");
  page.Append(
      "<p class=\"small\">Most severe first. A column drifts when its test is significant after "
      "correction for testing many columns and its effect size reaches the threshold (the tick "
      "in the bar). Click a name for its distribution.</p>\n");
  if (r.model) page.Append(ModelUseNote(*r.model));
  page.Append(r.input_columns.empty() ? "<p>No input columns.</p>\n"
                                      : ColumnTable(r.input_columns, input_order, "in-"));
  page.EndSection();
  if (!r.output_columns.empty()) {
    page.BeginSection("Model outputs", "outputs");
    page.Append(
        "<p class=\"small\">The target, the predictions and the scores, tested as their own "
        "family. A target or prediction with a few classes is a proportion: its effect size is "
        "the share of values that moved to another class, in percentage points (for two classes "
        "exactly how far the share of each class moved), and it drifts from the threshold shown "
        "(docs/drift-methods.md).</p>\n");
    page.Append(ColumnTable(r.output_columns, output_order, "out-"));
    page.EndSection();
  }

  page.BeginSection("Distributions: reference vs current", "distributions");
  page.Append(
      "<p class=\"small\">Each chart shows the share of values per range (numbers) or per "
      "category (text) in the reference (grey) and the current data (orange).</p>\n");
  // Columns that need a look are shown; columns without drift are folded.
  std::string quiet;
  size_t quiet_count = 0;
  for (const auto& [columns, order, prefix] :
       {std::tuple{&r.input_columns, &input_order, "in-"},
        std::tuple{&r.output_columns, &output_order, "out-"}}) {
    for (size_t i : *order) {
      const ColumnDrift& c = (*columns)[i];
      const std::string detail = ColumnDetail(c, prefix + std::to_string(i));
      if (ColumnTone(c) == Tone::kGood) {
        quiet += detail;
        ++quiet_count;
      } else {
        page.Append(detail);
      }
    }
  }
  if (quiet_count > 0) {
    page.Append(report::FoldedHtml(
        Plural(quiet_count, "column without drift", "columns without drift"), quiet));
  }
  page.EndSection();

  page.AddSection(
      "Data quality", "quality",
      r.quality_status
          ? QualityTable(r.quality)
          : "<p>Data quality was not checked: " + HtmlEscape(r.quality_note) + ".</p>\n");

  page.AddSection("Multivariate check", "multivariate", MultivariateSection(r.domain_classifier));

  page.AddSection("Segments", "segments", SegmentsSection(r));

  page.AddSection("Inputs and settings", "inputs", InputsSection(r, meta));
  return page.Finish();
}

}  // namespace airm
