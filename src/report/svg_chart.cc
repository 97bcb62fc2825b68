#include "airm/report/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "airm/report/format.h"
#include "airm/report/html_page.h"

namespace airm::report {
namespace {

constexpr double kLegendHeight = 24;
// Below this width (CSS px) a chart's 11 px text gets unreadably small, so on
// a phone it keeps this width and scrolls inside its ChartBlock.
constexpr int kMinChartWidth = 560;
constexpr double kLeftMargin = 64;
constexpr double kRightMargin = 16;
constexpr size_t kMaxLabelChars = 22;
// Horizontal bars have room for longer labels ("group (n=1,234)").
constexpr size_t kMaxIntervalLabelChars = 34;
constexpr const char* kAxisColor = "#9aa5b1";
constexpr const char* kGridColor = "#e4e7eb";
constexpr const char* kTextColor = "#52606d";

std::string Num(double v) { return fmt::format("{:.1f}", v); }

std::string FormatValue(double v, ValueFormat format) {
  return format == ValueFormat::kPercent ? FormatShare(v) : FormatNumber(v);
}

// Shortens a label to `max_chars` code points, ending in "…". Counts UTF-8
// code points so a multi-byte character is never cut in half.
std::string Truncate(const std::string& label, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < label.size(); ++i) {
    if ((static_cast<unsigned char>(label[i]) & 0xC0) != 0x80) {
      if (chars == max_chars - 1) {
        // Is there more than one code point left? Then cut here.
        size_t rest = 0;
        for (size_t k = i; k < label.size(); ++k) {
          if ((static_cast<unsigned char>(label[k]) & 0xC0) != 0x80) ++rest;
        }
        if (rest > 1) return label.substr(0, i) + "\u2026";
        return label;
      }
      ++chars;
    }
  }
  return label;
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Every chart is <svg class="chart" data-series="N">, its axis titles are
// class "axis-label x|y" and its legend entries class "legend-entry": the
// browser test (tests/browser) finds charts and checks they can be read.
std::string OpenSvg(int width, int height, const std::string& title, size_t series) {
  return fmt::format(
      "<svg class=\"chart\" data-series=\"{}\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" style=\"min-width:{}px\" role=\"img\" aria-label=\"{}\" "
      "font-family=\"-apple-system,Segoe UI,"
      "Roboto,Arial,sans-serif\" font-size=\"11\">\n<title>{}</title>\n",
      series, width, height, width, height, std::min(width, kMinChartWidth), HtmlEscape(title),
      HtmlEscape(title));
}

std::string NoDataSvg(int width, const std::string& title) {
  const int height = 60;
  return OpenSvg(width, height, title, 0) +
         fmt::format(
             "<text class=\"no-data\" x=\"{}\" y=\"34\" text-anchor=\"middle\" "
             "fill=\"{}\">no data</text>\n"
             "</svg>\n",
             width / 2, kTextColor);
}

std::string Legend(const std::vector<ChartSeries>& series, double x0) {
  std::string out;
  double x = x0;
  for (const ChartSeries& s : series) {
    out += fmt::format(
        "<g class=\"legend-entry\"><rect x=\"{}\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" "
        "fill=\"{}\"/><text x=\"{}\" y=\"16\" fill=\"{}\">{}</text></g>\n",
        Num(x), HtmlEscape(s.color), Num(x + 16), kTextColor, HtmlEscape(s.name));
    x += 28 + 6.5 * static_cast<double>(CodePoints(s.name));
  }
  return out;
}

// Largest finite value over all series (0 if none).
double MaxValue(const std::vector<ChartSeries>& series) {
  double m = 0;
  for (const ChartSeries& s : series) {
    for (double v : s.values) {
      if (std::isfinite(v)) m = std::max(m, v);
    }
  }
  return m;
}

struct Plot {
  double left, top, right, bottom;  // pixel box of the plotting area
  double y_lo, y_hi;
  double Y(double v) const { return bottom - (v - y_lo) / (y_hi - y_lo) * (bottom - top); }
};

// The plotting area of a chart `width` wide whose bottom edge is at `bottom`
// (below it: the x labels and title); y from 0 to 1 until the axis sets it.
Plot PlotArea(double width, double bottom) {
  return {kLeftMargin, kLegendHeight + 8, width - kRightMargin, bottom, 0, 1};
}

// Horizontal grid lines with tick labels and the y axis title; returns the
// markup and sets plot.y_hi to the top tick.
std::string YAxis(Plot* plot, double data_max, ValueFormat format, const std::string& y_label) {
  std::vector<double> ticks = NiceTicks(0, data_max > 0 ? data_max : 1, 5);
  plot->y_lo = 0;
  plot->y_hi = ticks.empty() ? 1 : std::max(ticks.back(), data_max);
  if (plot->y_hi <= 0) plot->y_hi = 1;
  std::string out;
  for (double t : ticks) {
    const double y = plot->Y(t);
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">{}</text>\n",
        Num(plot->left), Num(y), Num(plot->right), Num(y), kGridColor, Num(plot->left - 6),
        Num(y + 4), kTextColor, HtmlEscape(FormatValue(t, format)));
  }
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n",
                     Num(plot->left), Num(plot->bottom), Num(plot->right), Num(plot->bottom),
                     kAxisColor);
  if (!y_label.empty()) {
    const double cy = (plot->top + plot->bottom) / 2;
    out += fmt::format(
        "<text class=\"axis-label y\" x=\"14\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" "
        "transform=\"rotate(-90 14 {})\">{}</text>\n",
        Num(cy), kTextColor, Num(cy), HtmlEscape(y_label));
  }
  return out;
}

std::string XAxisTitle(const Plot& plot, double y, const std::string& x_label) {
  if (x_label.empty()) return "";
  return fmt::format(
      "<text class=\"axis-label x\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}"
      "</text>\n",
      Num((plot.left + plot.right) / 2), Num(y), kTextColor, HtmlEscape(x_label));
}

// Numeric x ticks along the bottom of the plot.
std::string NumericXTicks(const Plot& plot, double x_lo, double x_hi) {
  std::string out;
  for (double t : NiceTicks(x_lo, x_hi, 6)) {
    if (t < x_lo || t > x_hi) continue;
    const double x = plot.left + (t - x_lo) / (x_hi - x_lo) * (plot.right - plot.left);
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n",
        Num(x), Num(plot.bottom), Num(x), Num(plot.bottom + 4), kAxisColor, Num(x),
        Num(plot.bottom + 16), kTextColor, HtmlEscape(FormatNumber(t)));
  }
  return out;
}

}  // namespace

std::string ChartBlock(const std::string& svg) {
  return "<div class=\"chart-wrap\">" + svg + "</div>\n";
}

std::vector<double> NiceTicks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
  if (lo > hi) std::swap(lo, hi);
  if (lo == hi) return {lo};
  target = std::max(target, 2);
  const double raw_step = (hi - lo) / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
  double step = magnitude * 10;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= raw_step) {
      step = m * magnitude;
      break;
    }
  }
  std::vector<double> ticks;
  const double first = std::floor(lo / step) * step;
  for (int i = 0; i < 100; ++i) {
    double t = first + i * step;
    if (std::fabs(t) < step * 1e-9) t = 0;  // avoid "-0" and 1e-17 noise
    ticks.push_back(t);
    if (t >= hi - step * 1e-9) break;
  }
  return ticks;
}

std::string GroupedBarChartSvg(const GroupedBarChartSpec& spec) {
  const size_t n = spec.categories.size();
  if (n == 0 || spec.series.empty()) return NoDataSvg(spec.width, spec.title);
  const double plot_width = spec.width - kLeftMargin - kRightMargin;
  const double slot = plot_width / static_cast<double>(n);
  size_t longest = 0;
  for (const std::string& c : spec.categories) {
    longest = std::max(longest, std::min(CodePoints(c), kMaxLabelChars));
  }
  // Rotate labels when they would overlap their neighbours.
  const bool rotate = static_cast<double>(longest) * 6.2 > slot - 4;
  const double label_band = rotate ? 12 + 4.6 * static_cast<double>(longest) : 22;
  const double x_title_band = spec.x_label.empty() ? 4 : 20;
  const int height = spec.height + static_cast<int>(rotate ? label_band - 22 : 0);

  Plot plot = PlotArea(spec.width, height - label_band - x_title_band);
  std::string out = OpenSvg(spec.width, height, spec.title, spec.series.size());
  out += Legend(spec.series, kLeftMargin);
  out += YAxis(&plot, MaxValue(spec.series), spec.format, spec.y_label);

  const double group_width = slot * 0.8;
  const double bar_width = group_width / static_cast<double>(spec.series.size());
  for (size_t i = 0; i < n; ++i) {
    const double x0 = plot.left + slot * static_cast<double>(i) + (slot - group_width) / 2;
    out += "<g><title>" + HtmlEscape(spec.categories[i]);
    for (const ChartSeries& s : spec.series) {
      const double v = i < s.values.size() ? s.values[i] : NAN;
      out += "\n" + HtmlEscape(s.name) + ": " + HtmlEscape(FormatValue(v, spec.format));
    }
    out += "</title>";
    for (size_t k = 0; k < spec.series.size(); ++k) {
      const ChartSeries& s = spec.series[k];
      const double v = i < s.values.size() ? s.values[i] : NAN;
      if (!std::isfinite(v) || v <= 0) continue;
      const double y = plot.Y(std::min(v, plot.y_hi));
      out +=
          fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                      Num(x0 + bar_width * static_cast<double>(k)), Num(y),
                      Num(std::max(bar_width - 1, 1.0)), Num(plot.bottom - y), HtmlEscape(s.color));
    }
    const double cx = plot.left + slot * (static_cast<double>(i) + 0.5);
    const std::string label = HtmlEscape(Truncate(spec.categories[i], kMaxLabelChars));
    if (rotate) {
      const double ly = plot.bottom + 12;
      out += fmt::format(
          "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\" "
          "transform=\"rotate(-40 {} {})\">{}</text>",
          Num(cx), Num(ly), kTextColor, Num(cx), Num(ly), label);
    } else {
      out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
                         Num(cx), Num(plot.bottom + 15), kTextColor, label);
    }
    out += "</g>\n";
  }
  out += XAxisTitle(plot, height - 6, spec.x_label);
  out += "</svg>\n";
  return out;
}

std::string InlineBarSvg(const InlineBarSpec& spec) {
  const double w = spec.width, h = spec.height;
  std::string out = fmt::format(
      "<svg class=\"inline\" viewBox=\"0 0 {} {}\" "
      "width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\"><title>{}</title>"
      "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"#e4e7eb\"/>",
      spec.width, spec.height, spec.width, spec.height, HtmlEscape(spec.title),
      HtmlEscape(spec.title), spec.width, spec.height);
  if (std::isfinite(spec.fraction) && spec.fraction > 0) {
    const double f = std::min(spec.fraction, 1.0);
    out += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{}\"/>",
                       Num(std::max(f * w, 1.0)), Num(h), HtmlEscape(spec.color));
  }
  if (spec.marker && std::isfinite(*spec.marker)) {
    const double mx = std::clamp(*spec.marker, 0.0, 1.0) * w;
    out += fmt::format(
        "<line x1=\"{}\" y1=\"0\" x2=\"{}\" y2=\"{}\" stroke=\"#1f2933\" stroke-width=\"1.5\"/>",
        Num(mx), Num(mx), Num(h));
  }
  out += "</svg>";
  return out;
}

std::string HistogramOverlaySvg(const HistogramOverlaySpec& spec) {
  const size_t bins = spec.edges.size() < 2 ? 0 : spec.edges.size() - 1;
  bool valid = bins > 0 && !spec.series.empty();
  for (size_t i = 0; valid && i < spec.edges.size(); ++i) {
    if (!std::isfinite(spec.edges[i]) || (i > 0 && spec.edges[i] <= spec.edges[i - 1])) {
      valid = false;
    }
  }
  if (!valid) return NoDataSvg(spec.width, spec.title);
  const double x_title_band = spec.x_label.empty() ? 4 : 20;
  Plot plot = PlotArea(spec.width, spec.height - 22 - x_title_band);
  const double x_lo = spec.edges.front(), x_hi = spec.edges.back();
  const auto X = [&](double v) {
    return plot.left + (v - x_lo) / (x_hi - x_lo) * (plot.right - plot.left);
  };
  std::string out = OpenSvg(spec.width, spec.height, spec.title, spec.series.size());
  out += Legend(spec.series, kLeftMargin);
  out += YAxis(&plot, MaxValue(spec.series), spec.format, spec.y_label);
  for (const ChartSeries& s : spec.series) {
    for (size_t i = 0; i < bins && i < s.values.size(); ++i) {
      const double v = s.values[i];
      if (!std::isfinite(v) || v <= 0) continue;
      const double y = plot.Y(std::min(v, plot.y_hi));
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.55\" "
          "stroke=\"{}\"><title>{}: {}</title></rect>\n",
          Num(X(spec.edges[i])), Num(y),
          Num(std::max(X(spec.edges[i + 1]) - X(spec.edges[i]), 1.0)), Num(plot.bottom - y),
          HtmlEscape(s.color), HtmlEscape(s.color), HtmlEscape(s.name),
          HtmlEscape(FormatValue(v, spec.format)));
    }
  }
  out += NumericXTicks(plot, x_lo, x_hi);
  out += XAxisTitle(plot, spec.height - 6, spec.x_label);
  out += "</svg>\n";
  return out;
}

std::string LineChartSvg(const LineChartSpec& spec) {
  double x_lo = INFINITY, x_hi = -INFINITY, y_max = 0;
  for (double x : spec.x) {
    if (std::isfinite(x)) {
      x_lo = std::min(x_lo, x);
      x_hi = std::max(x_hi, x);
    }
  }
  y_max = MaxValue(spec.series);
  if (!std::isfinite(x_lo) || spec.series.empty()) return NoDataSvg(spec.width, spec.title);
  if (x_lo == x_hi) {
    x_lo -= 0.5;
    x_hi += 0.5;
  }
  const double x_title_band = spec.x_label.empty() ? 4 : 20;
  Plot plot = PlotArea(spec.width, spec.height - 22 - x_title_band);
  const auto X = [&](double v) {
    return plot.left + (v - x_lo) / (x_hi - x_lo) * (plot.right - plot.left);
  };
  std::string out = OpenSvg(spec.width, spec.height, spec.title, spec.series.size());
  out += Legend(spec.series, kLeftMargin);
  out += YAxis(&plot, y_max, spec.format, spec.y_label);
  for (const ChartSeries& s : spec.series) {
    std::string points;
    const auto flush = [&] {
      if (!points.empty()) {
        out += fmt::format(
            "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>\n",
            HtmlEscape(s.color), points);
      }
      points.clear();
    };
    for (size_t i = 0; i < spec.x.size() && i < s.values.size(); ++i) {
      const double x = spec.x[i], v = s.values[i];
      if (!std::isfinite(x) || !std::isfinite(v)) {
        flush();
        continue;
      }
      if (!points.empty()) points += ' ';
      points += Num(X(x)) + "," + Num(plot.Y(std::clamp(v, plot.y_lo, plot.y_hi)));
    }
    flush();
  }
  out += NumericXTicks(plot, x_lo, x_hi);
  out += XAxisTitle(plot, spec.height - 6, spec.x_label);
  out += "</svg>\n";
  return out;
}

std::string IntervalBarChartSvg(const IntervalBarChartSpec& spec) {
  const size_t n = spec.categories.size();
  const size_t k = spec.series.size();
  if (n == 0 || k == 0) return NoDataSvg(spec.width, spec.title);
  const auto at = [](const std::vector<double>& v, size_t i) { return i < v.size() ? v[i] : NAN; };
  double data_max = 0;
  for (const IntervalSeries& s : spec.series) {
    for (size_t i = 0; i < n; ++i) {
      for (double v : {at(s.values, i), at(s.highs, i)}) {
        if (std::isfinite(v)) data_max = std::max(data_max, v);
      }
    }
  }
  double x_max = spec.x_max && std::isfinite(*spec.x_max) && *spec.x_max > 0 ? *spec.x_max : 0;
  if (x_max <= 0) {
    const std::vector<double> auto_ticks = NiceTicks(0, data_max > 0 ? data_max : 1, 5);
    x_max = std::max(auto_ticks.empty() ? 1.0 : auto_ticks.back(), data_max);
  }
  size_t longest = 0;
  for (const std::string& c : spec.categories) {
    longest = std::max(longest, std::min(CodePoints(c), kMaxIntervalLabelChars));
  }
  // The rotated y axis title takes a 20 px band left of the category labels.
  const double label_width =
      std::max(60.0, 14 + 6.5 * static_cast<double>(longest)) + (spec.y_label.empty() ? 0 : 20);
  constexpr double kBarHeight = 14, kBarGap = 3, kBandPad = 14;
  const double band =
      static_cast<double>(k) * kBarHeight + static_cast<double>(k - 1) * kBarGap + kBandPad;
  const double top = kLegendHeight + 10;
  const double left = label_width, right = spec.width - 56.0;
  const double bottom = top + static_cast<double>(n) * band;
  const int height = static_cast<int>(std::ceil(bottom + 26 + (spec.x_label.empty() ? 0 : 18)));
  const auto X = [&](double v) {
    return left + std::clamp(v, 0.0, x_max) / x_max * (right - left);
  };

  std::string out = OpenSvg(spec.width, height, spec.title, k);
  std::vector<ChartSeries> legend;
  for (const IntervalSeries& s : spec.series) legend.push_back({s.name, s.color, {}});
  out += Legend(legend, left);
  for (double t : NiceTicks(0, x_max, 5)) {
    if (t > x_max * (1 + 1e-9)) continue;
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n",
        Num(X(t)), Num(top), Num(X(t)), Num(bottom), kGridColor, Num(X(t)), Num(bottom + 16),
        kTextColor, HtmlEscape(FormatValue(t, spec.format)));
  }
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n", Num(left),
                     Num(top), Num(left), Num(bottom), kAxisColor);
  for (size_t i = 0; i < n; ++i) {
    const double band_top = top + static_cast<double>(i) * band;
    const double y0 = band_top + kBandPad / 2;
    out += "<g><title>" + HtmlEscape(spec.categories[i]);
    for (const IntervalSeries& s : spec.series) {
      const double v = at(s.values, i), lo = at(s.lows, i), hi = at(s.highs, i);
      out += "\n" + HtmlEscape(s.name) + ": " +
             (std::isfinite(v) ? HtmlEscape(FormatValue(v, spec.format)) : "undefined");
      if (std::isfinite(lo) && std::isfinite(hi)) {
        out += " (" + HtmlEscape(FormatValue(lo, spec.format)) + " to " +
               HtmlEscape(FormatValue(hi, spec.format)) + ")";
      }
    }
    out += "</title>";
    if (i > 0) {
      out += fmt::format("<line x1=\"4\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>",
                         Num(band_top), spec.width - 4, Num(band_top), kGridColor);
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">{}</text>",
                       Num(left - 8), Num(y0 + (band - kBandPad) / 2 + 4), kTextColor,
                       HtmlEscape(Truncate(spec.categories[i], kMaxIntervalLabelChars)));
    for (size_t j = 0; j < k; ++j) {
      const IntervalSeries& s = spec.series[j];
      const double y = y0 + static_cast<double>(j) * (kBarHeight + kBarGap);
      const double v = at(s.values, i), lo = at(s.lows, i), hi = at(s.highs, i);
      if (!std::isfinite(v)) {
        out += fmt::format(
            "<text x=\"{}\" y=\"{}\" fill=\"{}\" font-style=\"italic\">undefined</text>",
            Num(left + 4), Num(y + kBarHeight - 3), kTextColor);
        continue;
      }
      if (v > 0) {
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                           Num(left), Num(y), Num(std::max(X(v) - left, 1.0)), Num(kBarHeight),
                           HtmlEscape(s.color));
      }
      double text_x = X(v);
      if (std::isfinite(lo) && std::isfinite(hi)) {
        const double cy = y + kBarHeight / 2;
        out += fmt::format(
            "<path d=\"M{} {}H{}M{} {}V{}M{} {}V{}\" stroke=\"#1f2933\" stroke-width=\"1.2\" "
            "fill=\"none\"/>",
            Num(X(lo)), Num(cy), Num(X(hi)), Num(X(lo)), Num(cy - 4), Num(cy + 4), Num(X(hi)),
            Num(cy - 4), Num(cy + 4));
        text_x = std::max(text_x, X(hi));
      }
      out +=
          fmt::format("<text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>", Num(text_x + 4),
                      Num(y + kBarHeight - 3), kTextColor, HtmlEscape(FormatValue(v, spec.format)));
    }
    out += "</g>\n";
  }
  if (!spec.x_label.empty()) {
    out += fmt::format(
        "<text class=\"axis-label x\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}"
        "</text>\n",
        Num((left + right) / 2), height - 6, kTextColor, HtmlEscape(spec.x_label));
  }
  if (!spec.y_label.empty()) {
    const double cy = (top + bottom) / 2;
    out += fmt::format(
        "<text class=\"axis-label y\" x=\"12\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" "
        "transform=\"rotate(-90 12 {})\">{}</text>\n",
        Num(cy), kTextColor, Num(cy), HtmlEscape(spec.y_label));
  }
  out += "</svg>\n";
  return out;
}

std::string ReliabilityDiagramSvg(const ReliabilityDiagramSpec& spec) {
  std::vector<const ReliabilityBin*> bins;
  double max_count = 0;
  for (const ReliabilityBin& b : spec.bins) {
    if (!std::isfinite(b.mean_predicted) || !std::isfinite(b.fraction_positive) ||
        !std::isfinite(b.count) || b.count <= 0) {
      continue;
    }
    bins.push_back(&b);
    max_count = std::max(max_count, b.count);
  }
  if (bins.empty()) return NoDataSvg(spec.size, spec.title);
  std::sort(bins.begin(), bins.end(), [](const ReliabilityBin* a, const ReliabilityBin* b) {
    return a->mean_predicted < b->mean_predicted;
  });
  constexpr double kLeft = 56, kRight = 16, kTop = 12, kBottom = 84;
  const double side = std::max(spec.size - kLeft - kRight, 50.0);
  const int width = static_cast<int>(kLeft + side + kRight);
  const int height = static_cast<int>(kTop + side + kBottom);
  const auto X = [&](double v) { return kLeft + std::clamp(v, 0.0, 1.0) * side; };
  const auto Y = [&](double v) { return kTop + side - std::clamp(v, 0.0, 1.0) * side; };

  std::string out = OpenSvg(width, height, spec.title, 2);
  for (int i = 0; i <= 5; ++i) {
    const double t = i / 5.0;
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\"/>"
        "<line x1=\"{4}\" y1=\"{5}\" x2=\"{4}\" y2=\"{6}\" stroke=\"{3}\"/>"
        "<text x=\"{7}\" y=\"{8}\" text-anchor=\"end\" fill=\"{9}\">{10}</text>"
        "<text x=\"{4}\" y=\"{11}\" text-anchor=\"middle\" fill=\"{9}\">{10}</text>\n",
        Num(kLeft), Num(Y(t)), Num(kLeft + side), kGridColor, Num(X(t)), Num(kTop),
        Num(kTop + side), Num(kLeft - 6), Num(Y(t) + 4), kTextColor, FormatNumber(t),
        Num(kTop + side + 16));
  }
  out += fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-dasharray=\"5 4\"/>\n",
      Num(X(0)), Num(Y(0)), Num(X(1)), Num(Y(1)), kAxisColor);
  // Legend under the axis title, so it never covers a point.
  const double ly = kTop + side + 54;
  out += fmt::format(
      "<g class=\"legend-entry\"><line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" "
      "stroke-dasharray=\"5 4\"/><text x=\"{4}\" y=\"{5}\" fill=\"{6}\">perfect "
      "calibration</text></g>"
      "<g class=\"legend-entry\"><circle cx=\"{7}\" cy=\"{1}\" r=\"5\" fill=\"{8}\"/>"
      "<text x=\"{9}\" y=\"{5}\" fill=\"{6}\">one score range (area: rows)</text></g>"
      "<g class=\"legend-entry\"><rect x=\"{0}\" y=\"{10}\" width=\"24\" height=\"10\" "
      "fill=\"{8}\" fill-opacity=\"0.18\"/><text x=\"{4}\" y=\"{11}\" fill=\"{6}\">"
      "shaded: scores in the range, up to the observed share</text></g>\n",
      Num(kLeft), Num(ly), Num(kLeft + 24), kAxisColor, Num(kLeft + 30), Num(ly + 4), kTextColor,
      Num(kLeft + 150), kAccentColor, Num(kLeft + 160), Num(ly + 12), Num(ly + 21));
  for (const ReliabilityBin* b : bins) {
    if (!std::isfinite(b->lower) || !std::isfinite(b->upper) || b->upper <= b->lower) continue;
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.18\"/>\n",
        Num(X(b->lower) + 0.5), Num(Y(b->fraction_positive)),
        Num(std::max(X(b->upper) - X(b->lower) - 1, 1.0)), Num(Y(0) - Y(b->fraction_positive)),
        kAccentColor);
  }
  std::string points;
  for (const ReliabilityBin* b : bins) {
    if (!points.empty()) points += ' ';
    points += Num(X(b->mean_predicted)) + "," + Num(Y(b->fraction_positive));
  }
  out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" points=\"{}\"/>\n",
                     kAccentColor, points);
  for (const ReliabilityBin* b : bins) {
    const double r = 3 + 8 * std::sqrt(b->count / max_count);
    out += fmt::format(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" fill-opacity=\"0.85\" stroke=\"#fff\">"
        "<title>Scores {} to {}: {} rows, mean predicted {}, observed {}</title></circle>\n",
        Num(X(b->mean_predicted)), Num(Y(b->fraction_positive)), Num(r), kAccentColor,
        HtmlEscape(FormatNumber(b->lower)), HtmlEscape(FormatNumber(b->upper)),
        HtmlEscape(FormatNumber(b->count)), HtmlEscape(FormatNumber(b->mean_predicted)),
        HtmlEscape(FormatNumber(b->fraction_positive)));
  }
  const double cy = kTop + side / 2;
  out += fmt::format(
      "<text class=\"axis-label x\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>"
      "<text class=\"axis-label y\" x=\"14\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" "
      "transform=\"rotate(-90 14 {})\">{}</text>\n</svg>\n",
      Num(kLeft + side / 2), Num(kTop + side + 34), kTextColor, HtmlEscape(spec.x_label), Num(cy),
      kTextColor, Num(cy), HtmlEscape(spec.y_label));
  return out;
}

}  // namespace airm::report
