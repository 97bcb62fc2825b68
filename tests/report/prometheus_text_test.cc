#include "airm/report/prometheus_text.h"

#include <gtest/gtest.h>

#include <cmath>

namespace airm::report {
using monitor::MetricFamily;
namespace {

TEST(PrometheusTest, EscapesLabelValuesAndSpellsSpecialNumbers) {
  std::vector<MetricFamily> families = {
      {"airm_x",
       "Help with a \\ backslash\nand a line.",
       "gauge",
       {{{{"column", "a\"b\\c\nd"}}, 1.5}, {{}, std::nan("")}, {{}, -INFINITY}}},
      {"airm_empty", "left out", "gauge", {}}};
  EXPECT_EQ(RenderPrometheusText(families),
            "# HELP airm_x Help with a \\\\ backslash\\nand a line.\n"
            "# TYPE airm_x gauge\n"
            "airm_x{column=\"a\\\"b\\\\c\\nd\"} 1.5\n"
            "airm_x NaN\n"
            "airm_x -Inf\n");
}

}  // namespace
}  // namespace airm::report
