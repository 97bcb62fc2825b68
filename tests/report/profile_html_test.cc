#include <gtest/gtest.h>

#include <string>

#include "airm/profile.h"
#include "airm/report.h"
#include "html_checks.h"
#include "sample_drift.h"

namespace airm {
namespace {

Profile SampleProfile() {
  Profile p;
  p.num_rows = 100;
  ColumnProfile age;
  age.name = "age";
  age.type = DataType::kFloat64;
  age.kind = ColumnProfileKind::kNumeric;
  age.exact = true;
  age.count = 100;
  age.null_count = 5;
  age.nan_count = 2;
  age.finite_count = 93;
  age.min = 18;
  age.max = 90;
  age.mean = 41.5;
  age.stddev = 12.25;
  age.quantiles = {{0, 18}, {0.5, 40}, {1, 90}};
  age.distinct_count = 60;
  age.histogram = {{18, 54, 60}, {54, 90, 33}};
  p.columns.push_back(age);

  ColumnProfile city;
  city.name = testing::kScriptName;
  city.type = DataType::kCategorical;
  city.kind = ColumnProfileKind::kText;
  city.exact = false;
  city.count = 100;
  city.distinct_count = 3;
  city.top_values = {{testing::kQuotedCategory, 70, 0}, {"Oslo", 30, 0}};
  city.quantile_rank_error = 0.01;
  city.notes = {"widened <int64> to string"};
  p.columns.push_back(city);

  ColumnProfile constant;
  constant.name = "constant";
  constant.type = DataType::kInt64;
  constant.exact = true;
  constant.count = 100;
  constant.finite_count = 100;
  constant.min = constant.max = constant.mean = 7;
  constant.histogram = {{7, 7, 100}};
  p.columns.push_back(constant);
  return p;
}

InputInfo SampleInput() { return {"data/in & out.csv", std::string(64, 'c'), 100, 3, 2048}; }

TEST(ProfileHtmlTest, OverviewAndDetails) {
  const std::string html = RenderProfileHtml(SampleProfile(), SampleInput(), testing::SampleMeta());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("100 rows, 3 columns"), std::string::npos);
  EXPECT_NE(html.find(">approximate<"), std::string::npos);              // one column is not exact
  EXPECT_NE(html.find("<td class=\"num\">5%</td>"), std::string::npos);  // missing share of age
  EXPECT_NE(html.find("<td class=\"num\">40</td>"), std::string::npos);  // median of age
  EXPECT_NE(html.find("Not finite: 2 NaN"), std::string::npos);
  EXPECT_NE(html.find("aria-label=\"Histogram of age\""), std::string::npos);
  EXPECT_NE(html.find("aria-label=\"Histogram of constant\""), std::string::npos);
  EXPECT_EQ(html.find("no data"), std::string::npos);  // the constant column is drawn too
  EXPECT_NE(html.find("quantile rank error \u2264 0.01"), std::string::npos);
  EXPECT_NE(html.find("data/in &amp; out.csv"), std::string::npos);
  EXPECT_NE(html.find(std::string(64, 'c')), std::string::npos);
}

TEST(ProfileHtmlTest, EscapesAndStaysSelfContained) {
  const std::string html = RenderProfileHtml(SampleProfile(), SampleInput(), testing::SampleMeta());
  EXPECT_TRUE(testing::OnlyThePagesOwnScript(html));
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Tom &amp; &quot;Jerry&#39;s&quot;"), std::string::npos);
  EXPECT_NE(html.find("widened &lt;int64&gt; to string"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("nan"), std::string::npos);
}

TEST(ProfileHtmlTest, EmptyProfile) {
  const std::string html = RenderProfileHtml(Profile{}, InputInfo{}, testing::SampleMeta());
  EXPECT_NE(html.find("The data has no columns."), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace airm
