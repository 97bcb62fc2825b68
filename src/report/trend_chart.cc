// One small-multiple chart of the trend report: a metric over a schedule's
// windows (airm/report/monitor_trend.h).
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "airm/report/format.h"
#include "airm/report/html_page.h"
#include "airm/report/monitor_trend.h"
#include "airm/report/svg_chart.h"

namespace airm::report {
namespace {

using usecases::ScheduleTrend;
using usecases::TrendAlertPeriod;
using usecases::TrendSeries;
using usecases::TrendThreshold;

constexpr double kWidth = 320, kHeight = 170;
constexpr double kLeft = 44, kRight = 8, kTop = 10, kBottom = 34;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// The threshold in window i: a learned one's value there (nullopt: none
// yet), else the fixed number.
std::optional<double> ThresholdAt(const TrendThreshold& t, size_t i) {
  if (t.values.empty()) return t.value;
  return i < t.values.size() ? t.values[i] : std::nullopt;
}

bool Breaches(double v, const TrendThreshold& t, size_t i) {
  const std::optional<double> at = ThresholdAt(t, i);
  if (!at || !std::isfinite(*at)) return false;
  if (t.op == "<") return v < *at;
  if (t.op == "<=") return v <= *at;
  if (t.op == ">") return v > *at;
  if (t.op == ">=") return v >= *at;
  if (t.op == "==") return v == *at;
  return v != *at;
}

// The windows [first, last] an episode's phase covers, by window bounds.
// An episode that ended (resolved, cancelled) ends in the window that ended
// it, which no longer held: that window is not shaded.
struct Span {
  size_t first = 0, last = 0;
  bool firing = false;
};

std::vector<Span> EpisodeSpans(const ScheduleTrend& s, const TrendAlertPeriod& a) {
  std::vector<size_t> in;
  for (size_t i = 0; i < s.windows.size(); ++i) {
    const auto& w = s.windows[i];
    if (w.window_start >= a.start && w.window_end <= a.end) in.push_back(i);
  }
  const bool ended = a.state == "resolved" || a.state == "cancelled";
  if (ended && !in.empty()) in.pop_back();
  std::vector<Span> spans;
  for (size_t i : in) {
    const bool firing = a.fired_at && s.windows[i].window_end >= *a.fired_at;
    if (!spans.empty() && spans.back().last + 1 == i && spans.back().firing == firing) {
      spans.back().last = i;
    } else {
      spans.push_back({i, i, firing});
    }
  }
  return spans;
}

// A learned threshold: a step per window (it is learned again each window),
// broken where it had too little evidence, labelled with its latest value.
template <typename YOf>
std::string LearnedThresholdPath(const TrendThreshold& t, size_t n, double step, YOf y_of) {
  std::string d;
  std::optional<size_t> last;
  for (size_t i = 0; i < n && i < t.values.size(); ++i) {
    const std::optional<double>& v = t.values[i];
    if (!v || !std::isfinite(*v)) continue;
    const double x0 = kLeft + static_cast<double>(i) * step;
    d += " M" + Num(x0) + " " + Num(y_of(*v)) + " H" + Num(x0 + step);
    last = i;
  }
  if (!last) return "";
  const double latest = *t.values[*last];
  const std::string text =
      t.op + " " + FormatNumber(latest) +
      (t.learned_from == "reference" ? " (learned from reference)" : " (learned)");
  return "<path class=\"threshold sev-" + HtmlEscape(t.severity) + "\" d=\"" + d.substr(1) +
         "\"><title>" + HtmlEscape(t.alert + ": " + t.op + " threshold " + t.learned) +
         "</title></path><text class=\"tick sev-" + HtmlEscape(t.severity) + "\" x=\"" +
         Num(kWidth - kRight - 2) + "\" y=\"" + Num(y_of(latest) - 3) + "\" text-anchor=\"end\">" +
         HtmlEscape(text) + "</text>";
}

}  // namespace

std::string TrendChartSvg(const ScheduleTrend& s, const TrendSeries& series) {
  const size_t n = s.windows.size();
  std::string svg = "<svg class=\"trend\" viewBox=\"0 0 " + Num(kWidth) + " " + Num(kHeight) +
                    "\" role=\"img\" aria-label=\"" + HtmlEscape(series.title) + " by window\">";
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& v : series.values) {
    if (v && std::isfinite(*v)) lo = std::min(lo, *v), hi = std::max(hi, *v);
  }
  for (const TrendThreshold& t : series.thresholds) {
    if (std::isfinite(t.value)) lo = std::min(lo, t.value), hi = std::max(hi, t.value);
    for (const auto& v : t.values) {
      if (v && std::isfinite(*v)) lo = std::min(lo, *v), hi = std::max(hi, *v);
    }
  }
  for (const auto* bound : {&series.lower, &series.upper}) {
    for (const auto& v : *bound) {
      if (v && std::isfinite(*v)) lo = std::min(lo, *v), hi = std::max(hi, *v);
    }
  }
  if (n == 0 || !std::isfinite(lo)) {
    return svg +
           "<text x=\"160\" y=\"85\" text-anchor=\"middle\" class=\"muted\">no data</text></svg>";
  }
  if (lo == hi) lo -= std::max(1.0, std::fabs(lo)) * 0.5, hi += std::max(1.0, std::fabs(hi)) * 0.5;
  const std::vector<double> ticks = NiceTicks(lo, hi, 4);
  lo = std::min(lo, ticks.front());
  hi = std::max(hi, ticks.back());
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const double step = plot_w / static_cast<double>(n);
  auto x_of = [&](size_t i) { return kLeft + (static_cast<double>(i) + 0.5) * step; };
  auto y_of = [&](double v) { return kTop + (hi - v) / (hi - lo) * plot_h; };

  // Alert periods first, under everything.
  for (const TrendAlertPeriod& a : s.alerts) {
    for (const Span& sp : EpisodeSpans(s, a)) {
      svg +=
          "<rect class=\"" + std::string(sp.firing ? "band-firing" : "band-pending") + "\" x=\"" +
          Num(kLeft + sp.first * step) + "\" y=\"" + Num(kTop) + "\" width=\"" +
          Num((sp.last - sp.first + 1) * step) + "\" height=\"" + Num(plot_h) + "\"><title>" +
          HtmlEscape(a.alert + " " + (sp.firing ? "firing" : "pending") + " (" + a.severity + ")") +
          "</title></rect>";
    }
  }
  for (double t : ticks) {
    svg += "<line class=\"grid\" x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kWidth - kRight) +
           "\" y1=\"" + Num(y_of(t)) + "\" y2=\"" + Num(y_of(t)) + "\"/><text class=\"tick\" x=\"" +
           Num(kLeft - 4) + "\" y=\"" + Num(y_of(t) + 3) + "\" text-anchor=\"end\">" +
           HtmlEscape(FormatNumber(t)) + "</text>";
  }
  for (const TrendThreshold& t : series.thresholds) {
    if (!t.values.empty()) {
      svg += LearnedThresholdPath(t, n, step, y_of);
      continue;
    }
    svg += "<line class=\"threshold sev-" + HtmlEscape(t.severity) + "\" x1=\"" + Num(kLeft) +
           "\" x2=\"" + Num(kWidth - kRight) + "\" y1=\"" + Num(y_of(t.value)) + "\" y2=\"" +
           Num(y_of(t.value)) + "\"><title>" +
           HtmlEscape(t.alert + ": " + t.op + " " + FormatNumber(t.value)) +
           "</title></line><text class=\"tick sev-" + HtmlEscape(t.severity) + "\" x=\"" +
           Num(kWidth - kRight - 2) + "\" y=\"" + Num(y_of(t.value) - 3) +
           "\" text-anchor=\"end\">" + HtmlEscape(t.op + " " + FormatNumber(t.value)) + "</text>";
  }
  // An estimate's band: one quadrilateral between each pair of neighbouring
  // windows that both have one (a window alone gets a vertical bar).
  if (series.estimate && series.lower.size() == n && series.upper.size() == n) {
    auto has_band = [&](size_t i) {
      return series.lower[i] && series.upper[i] && std::isfinite(*series.lower[i]) &&
             std::isfinite(*series.upper[i]);
    };
    for (size_t i = 0; i < n; ++i) {
      if (!has_band(i)) continue;
      const std::string title =
          "<title>" +
          HtmlEscape(s.windows[i].label + ": band " + FormatNumber(*series.lower[i]) + " to " +
                     FormatNumber(*series.upper[i])) +
          "</title>";
      if (i + 1 < n && has_band(i + 1)) {
        svg += "<polygon class=\"estimate-band\" points=\"" + Num(x_of(i)) + "," +
               Num(y_of(*series.upper[i])) + " " + Num(x_of(i + 1)) + "," +
               Num(y_of(*series.upper[i + 1])) + " " + Num(x_of(i + 1)) + "," +
               Num(y_of(*series.lower[i + 1])) + " " + Num(x_of(i)) + "," +
               Num(y_of(*series.lower[i])) + "\">" + title + "</polygon>";
      } else if (i == 0 || !has_band(i - 1)) {
        svg += "<line class=\"estimate-bar\" x1=\"" + Num(x_of(i)) + "\" x2=\"" + Num(x_of(i)) +
               "\" y1=\"" + Num(y_of(*series.upper[i])) + "\" y2=\"" + Num(y_of(*series.lower[i])) +
               "\">" + title + "</line>";
      }
    }
  }
  // The line, broken at missing values.
  std::string path;
  bool pen_down = false;
  for (size_t i = 0; i < n; ++i) {
    const auto& v = series.values[i];
    if (!v || !std::isfinite(*v)) {
      pen_down = false;
      continue;
    }
    path += (pen_down ? " L" : " M") + Num(x_of(i)) + " " + Num(y_of(*v));
    pen_down = true;
  }
  if (!path.empty()) {
    svg += "<path class=\"" + std::string(series.estimate ? "series estimate" : "series") +
           "\" d=\"" + path.substr(1) + "\"/>";
  }
  for (size_t i = 0; i < n; ++i) {
    const auto& v = series.values[i];
    const std::string label = s.windows[i].label;
    if (s.windows[i].status == "empty") {
      svg += "<text class=\"empty-mark\" x=\"" + Num(x_of(i)) + "\" y=\"" + Num(kTop + plot_h - 2) +
             "\" text-anchor=\"middle\">∅<title>" + HtmlEscape(label + ": no rows") +
             "</title></text>";
      continue;
    }
    if (!v || !std::isfinite(*v)) continue;
    const bool beyond = std::any_of(series.thresholds.begin(), series.thresholds.end(),
                                    [&](const TrendThreshold& t) { return Breaches(*v, t, i); });
    svg += "<circle class=\"" + std::string(beyond ? "point beyond" : "point") +
           (series.estimate ? " estimate" : "") + "\" cx=\"" + Num(x_of(i)) + "\" cy=\"" +
           Num(y_of(*v)) + "\" r=\"2.6\"><title>" +
           HtmlEscape(label + ": " + (series.estimate ? "estimated " : "") + FormatNumber(*v)) +
           "</title></circle>";
  }
  // The first and last window labels (and the middle one when there is room).
  std::vector<size_t> shown = {0};
  if (n > 2) shown.push_back(n / 2);
  if (n > 1) shown.push_back(n - 1);
  for (size_t i : shown) {
    const char* anchor = i == 0 ? "start" : (i == n - 1 ? "end" : "middle");
    const double x = i == 0 ? kLeft : (i == n - 1 ? kWidth - kRight : x_of(i));
    svg += "<text class=\"tick\" x=\"" + Num(x) + "\" y=\"" + Num(kHeight - kBottom + 14) +
           "\" text-anchor=\"" + anchor + "\">" + HtmlEscape(s.windows[i].label) + "</text>";
  }
  svg += "<line class=\"axis\" x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kWidth - kRight) +
         "\" y1=\"" + Num(kTop + plot_h) + "\" y2=\"" + Num(kTop + plot_h) + "\"/>";
  return svg + "</svg>";
}

}  // namespace airm::report
