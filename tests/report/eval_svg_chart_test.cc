// The charts added for the evaluation report: horizontal bars with interval
// whiskers, and the reliability diagram.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "airm/report/svg_chart.h"

namespace airm::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

size_t Count(const std::string& s, const std::string& needle) {
  size_t n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

TEST(IntervalBarChartTest, BarsWhiskersAndUndefinedValues) {
  IntervalBarChartSpec spec;
  spec.title = "rates <per> group";
  spec.categories = {"a & b", "c"};
  spec.series = {{"Selection rate", kAccentColor, {0.3, 0.2}, {0.25, 0.15}, {0.35, 0.25}},
                 {"TPR", "#2f9e63", {0.6, kNaN}, {0.5}, {0.7}}};
  spec.x_max = 1;
  const std::string svg = IntervalBarChartSvg(spec);
  EXPECT_EQ(svg.rfind("<svg class=\"chart\" ", 0), 0u);
  EXPECT_NE(svg.find("aria-label=\"rates &lt;per&gt; group\""), std::string::npos);
  // Legend squares (2) + three finite positive values.
  EXPECT_EQ(Count(svg, "<rect "), 5u);
  // Whiskers where both ends are finite: (a, sel), (c, sel), (a, TPR).
  EXPECT_EQ(Count(svg, "<path "), 3u);
  EXPECT_EQ(Count(svg, ">undefined</text>"), 1u);
  EXPECT_NE(svg.find(">a &amp; b</text>"), std::string::npos);
  EXPECT_NE(svg.find(">100%</text>"), std::string::npos);  // x_max tick
  EXPECT_NE(svg.find("TPR: 60% (50% to 70%)"), std::string::npos);
  EXPECT_NE(svg.find("TPR: undefined"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
}

TEST(IntervalBarChartTest, BarLengthFollowsTheValue) {
  IntervalBarChartSpec spec;
  spec.categories = {"x"};
  spec.series = {{"s", "#000", {0.5}, {}, {}}};
  spec.x_max = 1;
  spec.width = 1000;
  // Label band 60, right margin 56: plot width 884, half of it 442.
  EXPECT_NE(IntervalBarChartSvg(spec).find("width=\"442.0\""), std::string::npos);
}

TEST(IntervalBarChartTest, EmptyInputSaysNoData) {
  EXPECT_NE(IntervalBarChartSvg({}).find("no data"), std::string::npos);
  IntervalBarChartSpec no_series;
  no_series.categories = {"a"};
  EXPECT_NE(IntervalBarChartSvg(no_series).find("no data"), std::string::npos);
}

TEST(ReliabilityDiagramTest, DotsPerNonEmptyBinSizedByCount) {
  ReliabilityDiagramSpec spec;
  spec.title = "cal";
  spec.bins = {{0.0, 0.5, 100, 0.2, 0.25}, {0.5, 1.0, 25, 0.8, 0.6}, {0.5, 1.0, 0, kNaN, kNaN}};
  const std::string svg = ReliabilityDiagramSvg(spec);
  EXPECT_EQ(Count(svg, "<circle "), 3u);  // two bins and the legend
  EXPECT_EQ(Count(svg, "<polyline "), 1u);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);  // the diagonal
  EXPECT_NE(svg.find(">perfect calibration</text>"), std::string::npos);
  // Radii: 3 + 8 * sqrt(count / max count) = 11 and 7.
  EXPECT_NE(svg.find("r=\"11.0\""), std::string::npos);
  EXPECT_NE(svg.find("r=\"7.0\""), std::string::npos);
  EXPECT_NE(svg.find("Scores 0.5 to 1: 25 rows, mean predicted 0.8, observed 0.6"),
            std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
}

TEST(ReliabilityDiagramTest, NoUsableBinSaysNoData) {
  ReliabilityDiagramSpec spec;
  EXPECT_NE(ReliabilityDiagramSvg(spec).find("no data"), std::string::npos);
  spec.bins = {{0, 1, 0, kNaN, kNaN}, {0, 1, 5, kNaN, 0.3}};
  EXPECT_NE(ReliabilityDiagramSvg(spec).find("no data"), std::string::npos);
}

}  // namespace
}  // namespace airm::report
