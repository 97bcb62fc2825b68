#include "airm/report/svg_chart.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace airm::report {
namespace {

size_t Count(const std::string& s, const std::string& needle) {
  size_t n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

TEST(NiceTicksTest, CoversRangeWithRoundSteps) {
  EXPECT_EQ(NiceTicks(0, 1, 5), (std::vector<double>{0, 0.2, 0.4, 0.6000000000000001, 0.8, 1}));
  const std::vector<double> t = NiceTicks(0, 0.37, 5);
  ASSERT_FALSE(t.empty());
  EXPECT_EQ(t.front(), 0);
  EXPECT_GE(t.back(), 0.37);
  EXPECT_NEAR(t[1] - t[0], 0.1, 1e-12);
  EXPECT_EQ(NiceTicks(3, 3, 5), std::vector<double>{3});
  EXPECT_TRUE(NiceTicks(0, std::numeric_limits<double>::infinity(), 5).empty());
  EXPECT_TRUE(NiceTicks(std::nan(""), 1, 5).empty());
}

TEST(GroupedBarChartTest, DrawsOneBarPerPositiveValueWithLegendAndLabels) {
  GroupedBarChartSpec spec;
  spec.title = "t<1>";
  spec.categories = {"a", "b & c", "d"};
  spec.series = {{"Reference", kReferenceColor, {0.5, 0.3, 0.2}},
                 {"Current", kCurrentColor, {0.1, 0.0, std::nan("")}}};
  spec.y_label = "share";
  const std::string svg = GroupedBarChartSvg(spec);
  EXPECT_EQ(svg.rfind("<svg class=\"chart\" ", 0), 0u);
  EXPECT_NE(svg.find("aria-label=\"t&lt;1&gt;\""), std::string::npos);
  // Legend squares (2) + bars with a positive finite value (4).
  EXPECT_EQ(Count(svg, "<rect "), 6u);
  EXPECT_NE(svg.find(">b &amp; c</text>"), std::string::npos);
  EXPECT_NE(svg.find(">share</text>"), std::string::npos);
  EXPECT_NE(svg.find(">50%</text>"), std::string::npos);  // top tick
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("http"), std::string::npos);
}

// The marks the browser test (tests/browser) reads to find charts and check
// that each has axis titles and a legend entry per series.
TEST(ChartMarksTest, ChartsSayTheirSeriesAndMarkAxisTitlesAndLegend) {
  GroupedBarChartSpec bars;
  bars.categories = {"a", "b"};
  bars.series = {{"Reference", kReferenceColor, {0.5, 0.5}}, {"Current", kCurrentColor, {1, 0}}};
  bars.x_label = "category";
  bars.y_label = "share";
  const std::string svg = GroupedBarChartSvg(bars);
  EXPECT_EQ(svg.rfind("<svg class=\"chart\" data-series=\"2\" ", 0), 0u);
  EXPECT_NE(svg.find("style=\"min-width:560px\""), std::string::npos);
  EXPECT_NE(svg.find("class=\"axis-label x\""), std::string::npos);
  EXPECT_NE(svg.find(">category</text>"), std::string::npos);
  EXPECT_NE(svg.find("class=\"axis-label y\""), std::string::npos);
  EXPECT_EQ(Count(svg, "<g class=\"legend-entry\">"), 2u);

  IntervalBarChartSpec intervals;
  intervals.categories = {"married (n=10)"};
  intervals.series = {{"selection rate", "#000", {0.5}, {}, {}}};
  intervals.x_label = "rate";
  intervals.y_label = "group of Marital";
  const std::string h = IntervalBarChartSvg(intervals);
  EXPECT_NE(h.find("data-series=\"1\""), std::string::npos);
  EXPECT_NE(h.find(">group of Marital</text>"), std::string::npos);
  EXPECT_NE(h.find("class=\"axis-label y\""), std::string::npos);

  ReliabilityDiagramSpec diagram;
  diagram.bins = {{0, 0.5, 10, 0.2, 0.25}};
  const std::string r = ReliabilityDiagramSvg(diagram);
  EXPECT_NE(r.find("data-series=\"2\""), std::string::npos);
  EXPECT_EQ(Count(r, "class=\"legend-entry\""), 3u);  // diagonal, dots, shaded bands
  EXPECT_EQ(Count(r, "class=\"axis-label "), 2u);
  // A narrow chart keeps its own width as its minimum.
  EXPECT_NE(r.find("style=\"min-width:420px\""), std::string::npos);

  EXPECT_NE(GroupedBarChartSvg({}).find("class=\"no-data\""), std::string::npos);
  EXPECT_EQ(ChartBlock("<svg/>"), "<div class=\"chart-wrap\"><svg/></div>\n");
}

TEST(GroupedBarChartTest, LongLabelsAreTruncatedAndRotated) {
  GroupedBarChartSpec spec;
  for (int i = 0; i < 12; ++i)
    spec.categories.push_back("a very long category name " + std::to_string(i));
  spec.series = {{"s", "#000", std::vector<double>(12, 0.1)}};
  const std::string svg = GroupedBarChartSvg(spec);
  EXPECT_NE(svg.find("rotate(-40"), std::string::npos);
  EXPECT_NE(svg.find("a very long category \xe2\x80\xa6</text>"), std::string::npos);
  // The full label stays available as a tooltip.
  EXPECT_NE(svg.find("<title>a very long category name 11"), std::string::npos);
}

TEST(GroupedBarChartTest, EmptyInputSaysNoData) {
  EXPECT_NE(GroupedBarChartSvg({}).find("no data"), std::string::npos);
}

TEST(InlineBarTest, ClampsAndMarks) {
  InlineBarSpec spec;
  spec.fraction = 3.0;
  spec.marker = 0.5;
  const std::string full = InlineBarSvg(spec);
  EXPECT_NE(full.find("width=\"90.0\""), std::string::npos);  // clamped to the track
  EXPECT_NE(full.find("<line x1=\"45.0\""), std::string::npos);
  spec.fraction = std::nan("");
  spec.marker.reset();
  const std::string empty = InlineBarSvg(spec);
  EXPECT_EQ(Count(empty, "<rect"), 1u);  // the track only
  EXPECT_EQ(empty.find("<line"), std::string::npos);
}

TEST(HistogramOverlayTest, DrawsBinsOnNumericAxis) {
  HistogramOverlaySpec spec;
  spec.edges = {0, 1, 2, 4};
  spec.series = {{"Reference", kReferenceColor, {0.2, 0.5, 0.3}},
                 {"Current", kCurrentColor, {0.1, 0.1, 0.8}}};
  const std::string svg = HistogramOverlaySvg(spec);
  EXPECT_EQ(Count(svg, "fill-opacity=\"0.55\""), 6u);
  EXPECT_NE(svg.find(">4</text>"), std::string::npos);  // x tick at the last edge
  spec.edges = {0, 1, std::numeric_limits<double>::infinity(), 5};
  EXPECT_NE(HistogramOverlaySvg(spec).find("no data"), std::string::npos);
  spec.edges = {0, 2, 1, 5};  // not increasing
  EXPECT_NE(HistogramOverlaySvg(spec).find("no data"), std::string::npos);
}

TEST(LineChartTest, NaNBreaksTheLine) {
  LineChartSpec spec;
  spec.x = {0, 1, 2, 3, 4};
  spec.series = {{"auc", kAccentColor, {0.8, 0.82, std::nan(""), 0.79, 0.81}}};
  const std::string svg = LineChartSvg(spec);
  EXPECT_EQ(Count(svg, "<polyline"), 2u);
  EXPECT_NE(LineChartSvg({}).find("no data"), std::string::npos);
}

}  // namespace
}  // namespace airm::report
