// Inline SVG charts for the HTML reports: static, dependency-free markup a
// browser draws without JavaScript, and that prints.
//
// Inline SVG in HTML5 needs no xmlns, so the markup names no URL at all.
// Each function takes a small spec of plain numbers and labels, escapes every
// label, tolerates empty and non-finite input (an empty chart says "no data";
// NaN values are drawn as missing, never as garbage coordinates) and returns
// one <svg> element with a viewBox, so it scales with the page.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace airm::report {

// Palette shared by every chart so "reference" and "current" look the same
// in all reports.
inline constexpr const char* kReferenceColor = "#7b8794";
inline constexpr const char* kCurrentColor = "#e8833a";
inline constexpr const char* kAccentColor = "#1f5fa8";

struct ChartSeries {
  std::string name;            // legend text
  std::string color;           // CSS colour, e.g. kCurrentColor
  std::vector<double> values;  // one per category / bin / x; NaN = missing
};

// How axis ticks and tooltips print values.
enum class ValueFormat { kNumber, kPercent /* values are shares in [0, 1] */ };

// Side-by-side bars per category, e.g. reference vs current share per bin.
struct GroupedBarChartSpec {
  std::string title;  // accessible name (aria-label), not drawn
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;
  std::string x_label;
  std::string y_label;
  ValueFormat format = ValueFormat::kPercent;
  int width = 1000;
  int height = 300;  // plot height grows for rotated category labels
};
std::string GroupedBarChartSvg(const GroupedBarChartSpec& spec);

// A small inline bar (sparkline-style) for table cells: filled to `fraction`
// of its width (clamped to [0, 1]) with an optional tick mark at `marker`
// (e.g. where the threshold lies). NaN fraction draws an empty track.
struct InlineBarSpec {
  double fraction = 0;
  std::optional<double> marker;
  std::string color = kAccentColor;
  std::string title;  // tooltip
  int width = 90;
  int height = 10;
};
std::string InlineBarSvg(const InlineBarSpec& spec);

// Overlaid histograms on a numeric axis: bin i spans [edges[i], edges[i+1]]
// and every series holds one value per bin, drawn semi-transparent so the
// overlap stays visible. Requires finite, increasing edges; otherwise the
// chart says "no data".
struct HistogramOverlaySpec {
  std::string title;
  std::vector<double> edges;
  std::vector<ChartSeries> series;
  std::string x_label;
  std::string y_label;
  ValueFormat format = ValueFormat::kPercent;
  int width = 1000;
  int height = 300;
};
std::string HistogramOverlaySvg(const HistogramOverlaySpec& spec);

// Lines over a numeric x axis (time series as seconds, thresholds, ...).
// Series values align with `x`; NaN breaks the line. The y axis starts at 0
// (values below are drawn at 0): meant for rates, shares and scores.
struct LineChartSpec {
  std::string title;
  std::vector<double> x;
  std::vector<ChartSeries> series;
  std::string x_label;
  std::string y_label;
  ValueFormat format = ValueFormat::kNumber;
  int width = 1000;
  int height = 300;
};
std::string LineChartSvg(const LineChartSpec& spec);

// Horizontal bars with interval whiskers, grouped by category: one band per
// category (e.g. a group of a sensitive attribute), one bar per series in it
// (e.g. selection rate, true and false positive rate). Whiskers span
// [lows[i], highs[i]] when both are finite. A NaN value draws no bar but the
// word "undefined", so a missing rate is never mistaken for 0. The x axis
// runs from 0 to `x_max` (default: the largest value or interval end,
// rounded up to a nice tick; values below 0 are drawn at 0).
struct IntervalSeries {
  std::string name;
  std::string color;
  std::vector<double> values;  // one per category; NaN = undefined
  std::vector<double> lows;    // may be empty or shorter: no whisker
  std::vector<double> highs;
};
struct IntervalBarChartSpec {
  std::string title;
  std::vector<std::string> categories;
  std::vector<IntervalSeries> series;
  std::string x_label;
  std::string y_label;  // names the categories (e.g. "group of Marital"), drawn rotated
  ValueFormat format = ValueFormat::kPercent;
  std::optional<double> x_max;
  int width = 1000;
};
std::string IntervalBarChartSvg(const IntervalBarChartSpec& spec);

// A reliability diagram for probability scores: x is the mean predicted
// probability in a bin, y the observed share of positives, both on [0, 1].
// The dashed diagonal is perfect calibration; each non-empty bin is a pale
// bar over [lower, upper] up to its observed share and a dot at (mean
// predicted, observed) whose area grows with the bin's count, linked by a
// line. Points above the diagonal: the model under-predicts; below: it
// over-predicts. Bins with a NaN mean or share, or count 0, are skipped.
struct ReliabilityBin {
  double lower = 0;
  double upper = 0;
  double count = 0;
  double mean_predicted = 0;     // NaN: empty bin
  double fraction_positive = 0;  // NaN: empty bin
};
struct ReliabilityDiagramSpec {
  std::string title;
  std::vector<ReliabilityBin> bins;
  std::string x_label = "Mean predicted probability";
  std::string y_label = "Observed share of positives";
  int size = 420;  // the plot is square
};
std::string ReliabilityDiagramSvg(const ReliabilityDiagramSpec& spec);

// Wraps a chart for the page: at phone width the chart keeps a readable
// minimum width and scrolls sideways inside this block instead of shrinking
// its text to nothing or widening the page.
std::string ChartBlock(const std::string& svg);

// "Nice" axis ticks covering [lo, hi] (1, 2, 2.5, 5 × 10^k steps), about
// `target` of them. Returns {lo} when lo == hi and {} for non-finite input.
std::vector<double> NiceTicks(double lo, double hi, int target);

}  // namespace airm::report
