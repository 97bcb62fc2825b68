#include <gtest/gtest.h>

#include <string>

#include "airm/model_usage.h"
#include "airm/out_of_scope.h"
#include "airm/report.h"
#include "html_checks.h"
#include "sample_drift.h"

namespace airm {
namespace {

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

TEST(DriftHtmlTest, VerdictComesFirstInPlainWords) {
  const std::string html = RenderDriftHtml(testing::SampleDrift(), testing::SampleMeta());
  const size_t verdict =
      html.find("The current data has drifted: 2 of 4 input columns changed significantly.");
  ASSERT_NE(verdict, std::string::npos);
  EXPECT_LT(verdict, html.find("<h2>What needs attention"));
  EXPECT_NE(html.find("The model&#39;s output has drifted: 1 of 1 output column changed"),
            std::string::npos);
  EXPECT_NE(html.find("1 data quality check failed."), std::string::npos);
  EXPECT_NE(html.find("Rule: drift when at least 50% of tested columns drift"), std::string::npos);
  // The analysis's own summary sentence follows the headline.
  EXPECT_LT(html.find("<p>age &amp; income moved upwards</p>"),
            html.find("<h2>What needs attention"));

  const std::string calm = RenderDriftHtml(testing::NoDriftSample(), testing::SampleMeta());
  EXPECT_NE(calm.find("No significant drift was found in the 4 input columns."), std::string::npos);
  EXPECT_NE(calm.find("No model outputs (prediction or score columns) were compared."),
            std::string::npos);
  EXPECT_NE(calm.find("Nothing needs attention."), std::string::npos);
  EXPECT_NE(calm.find("Disabled by --no-domain-classifier"), std::string::npos);
  EXPECT_EQ(calm.find("has drifted"), std::string::npos);
}

// Issue 16 §5: what needs a look is shown, the rest folded under one line.
TEST(DriftHtmlTest, QuietColumnsAndPassingChecksAreFolded) {
  const std::string calm = RenderDriftHtml(testing::NoDriftSample(), testing::SampleMeta());
  const size_t fold =
      calm.find("<details class=\"fold\"><summary>4 columns without drift</summary>");
  ASSERT_NE(fold, std::string::npos);
  EXPECT_GT(calm.find("<div class=\"column-detail\" id=\"in-0\" data-status=\"good\">"), fold);
  EXPECT_NE(calm.find("<a href=\"#verdict\">Verdict</a>"), std::string::npos);

  const std::string html = RenderDriftHtml(testing::SampleDrift(), testing::SampleMeta());
  EXPECT_NE(html.find("data-status=\"bad\"><h3>"), std::string::npos);  // drifted: not folded
  EXPECT_LT(html.find("data-status=\"bad\"><h3>"), html.find("columns without drift</summary>"));
  EXPECT_NE(html.find("<tr class=\"drifted\" data-status=\"bad\">"), std::string::npos);
  // The passing row-count check is folded below the failing and warning ones.
  const size_t passing = html.find("<summary>1 passing check</summary>");
  ASSERT_NE(passing, std::string::npos);
  EXPECT_GT(html.find("Row count is fine"), passing);
  EXPECT_LT(html.find("Missing values in income rose from 1% to 13%"), passing);
}

// Issue 16 §2: each thing once in the attention list, with its status and a
// link to its detail; a share change reads in percentage points.
TEST(DriftHtmlTest, AttentionListsEachColumnOnceLinkedToItsDetail) {
  DriftResult r = testing::SampleDrift();
  r.findings.push_back(
      {Severity::kWarn, "quality.out_of_range_share", "age", "age is out of range", {}});
  const std::string html = RenderDriftHtml(r, testing::SampleMeta());
  const size_t start = html.find("<h2>What needs attention");
  const size_t end = html.find("</section>", start);
  const std::string list = html.substr(start, end - start);
  EXPECT_EQ(Count(list, ">age</strong>"), 1u) << list;
  EXPECT_NE(list.find("<a href=\"#in-2\"><strong>age</strong></a> <span class=\"badge bad\">Drift"),
            std::string::npos)
      << list;
  // Both of age's findings are under its one entry, the failing one first.
  const size_t entry = list.find(">age</strong>");
  EXPECT_LT(entry, list.find("<ul class=\"messages\"><li>Its values have moved"));
  EXPECT_LT(list.find("Its values have moved"), list.find("age is out of range"));
}

// Issue 16 §2: the attention list says what happened in plain words, with
// the shares a reader can act on; the tests and their numbers stay in the
// column's detail, where the entry links.
TEST(DriftHtmlTest, AttentionListSpeaksPlainWordsAndLeavesTheNumbersToTheDetail) {
  DriftResult r = testing::SampleDrift();
  r.findings = {
      MakeFinding(Severity::kWarn, "drift.column", "age",
                  "'age' has drifted: ks p = 9.6e-05 < 0.05, wasserstein_norm 0.4 >= 0.1"),
      MakeFinding(Severity::kWarn, "quality.missing_share", "income",
                  "'income': missing values rose from 1% to 13%"),
      MakeFinding(Severity::kWarn, "drift.multivariate", "inputs",
                  "A classifier can tell the two batches apart (ROC AUC 0.87)")};
  const std::string html = RenderDriftHtml(r, testing::SampleMeta());
  const size_t start = html.find("<h2>What needs attention");
  const std::string list = html.substr(start, html.find("</section>", start) - start);
  for (const char* technical :
       {"p = ", "p-value", "wasserstein", "ROC AUC", "&#39;age&#39;", "&#39;income&#39;"}) {
    EXPECT_EQ(list.find(technical), std::string::npos) << technical << " in\n" << list;
  }
  EXPECT_NE(list.find("<strong>age</strong></a> <span class=\"badge bad\">Drift"),
            std::string::npos)
      << list;
  EXPECT_NE(list.find("Its values have moved more than chance explains, by enough to matter: the "
                      "largest change is in the range"),
            std::string::npos)
      << list;
  EXPECT_NE(list.find("percentage points)."), std::string::npos) << list;
  EXPECT_NE(list.find("Missing values rose from 1% to 13%"), std::string::npos) << list;
  EXPECT_NE(list.find("A model can tell the current rows from the reference rows"),
            std::string::npos)
      << list;
  // The detail behind the link keeps the test and its numbers.
  const size_t detail = html.find("id=\"in-2\"");
  ASSERT_NE(detail, std::string::npos);
  const std::string age = html.substr(detail, html.find("</div>", detail) - detail);
  EXPECT_NE(age.find("p-value"), std::string::npos) << age;
}

TEST(DriftHtmlTest, ShareChangesReadInPercentagePoints) {
  DriftResult r = testing::SampleDrift();
  ColumnDrift& out = r.output_columns[0];
  out.effect_size_name = "tvd";
  out.effect_size = 0.0912;
  out.effect_size_threshold = 0.05;
  const std::string html = RenderDriftHtml(r, testing::SampleMeta());
  EXPECT_NE(html.find("9.1 points"), std::string::npos);
  EXPECT_NE(html.find("threshold 5.0 points"), std::string::npos);
  EXPECT_NE(html.find("percentage points)."), std::string::npos);  // largest bin change
}

TEST(DriftHtmlTest, EscapesEveryPieceOfUserData) {
  const std::string html = RenderDriftHtml(testing::SampleDrift(), testing::SampleMeta());
  EXPECT_TRUE(testing::OnlyThePagesOwnScript(html));
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("Tom & \"Jerry"), std::string::npos);
  EXPECT_NE(html.find("Tom &amp; &quot;Jerry&#39;s&quot;"), std::string::npos);
  EXPECT_EQ(html.find("<b>x</b>"), std::string::npos);                // quality message
  EXPECT_NE(html.find("isl&lt;and&gt;"), std::string::npos);          // segment value
  EXPECT_NE(html.find("data/cur &amp; new.csv"), std::string::npos);  // path
}

TEST(DriftHtmlTest, SelfContainedWithoutExternalReferences) {
  for (const DriftResult& r : {testing::SampleDrift(), testing::NoDriftSample(), DriftResult{}}) {
    const std::string html = RenderDriftHtml(r, testing::SampleMeta());
    EXPECT_EQ(html.find("http://"), std::string::npos);
    EXPECT_EQ(html.find("https://"), std::string::npos);
    EXPECT_TRUE(testing::OnlyThePagesOwnScript(html));
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("src="), std::string::npos);
    EXPECT_EQ(html.find("url("), std::string::npos);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
    EXPECT_EQ(html.find("nan"), std::string::npos);
    EXPECT_EQ(html.find("inf<"), std::string::npos);
  }
}

TEST(DriftHtmlTest, OneChartPerColumnWithValues) {
  const DriftResult r = testing::SampleDrift();
  const std::string html = RenderDriftHtml(r, testing::SampleMeta());
  // Charts: every input and output column with bins (not tiny, not legacy).
  EXPECT_EQ(Count(html, "aria-label=\"Distribution of "), 5u);
  for (const char* name : {"age", "income", "city", "score"}) {
    EXPECT_NE(html.find(std::string("aria-label=\"Distribution of ") + name), std::string::npos)
        << name;
  }
  EXPECT_NE(html.find("Distribution of &lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find(">Reference</text>"), std::string::npos);  // legend
  EXPECT_NE(html.find(">Current</text>"), std::string::npos);
  EXPECT_NE(html.find(">share of values</text>"), std::string::npos);  // y axis
  // 30 categories collapse to the top 20 plus "other".
  EXPECT_NE(html.find("other (10 categories)"), std::string::npos);
  // A sentence derived from the bins.
  EXPECT_NE(html.find("The largest change is in the range <strong>[0, 10)</strong>: 50% of "
                      "reference values, 11% of current values (\u221238.9 percentage points)."),
            std::string::npos);
  EXPECT_NE(html.find("10% of current values are in ranges where the reference had no values."),
            std::string::npos);
}

TEST(DriftHtmlTest, ColumnsOrderedBySeverity) {
  const std::string html = RenderDriftHtml(testing::SampleDrift(), testing::SampleMeta());
  const size_t table = html.find("<section id=\"columns\">");
  ASSERT_NE(table, std::string::npos);
  const auto row = [&](const std::string& name) { return html.find(">" + name + "</a>", table); };
  // Drifted by effect size (age 0.4 before income 0.15), then missing, then
  // too little data, then no drift.
  EXPECT_LT(row("age"), row("income"));
  EXPECT_LT(row("income"), row("legacy_code"));
  EXPECT_LT(row("legacy_code"), row("tiny"));
  EXPECT_LT(row("tiny"), row("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_NE(row("city"), std::string::npos);
  // Findings: most severe first.
  const size_t attention = html.find("What needs attention");
  const size_t fail = html.find("Its values have moved", attention);
  const size_t warn = html.find("Missing values rose", attention);
  const size_t info = html.find("A model can tell the current rows", attention);
  EXPECT_LT(fail, warn);
  EXPECT_LT(warn, info);
}

TEST(DriftHtmlTest, UndefinedNumbersShowAsDash) {
  const std::string html = RenderDriftHtml(testing::SampleDrift(), testing::SampleMeta());
  const size_t tiny_row = html.find(">tiny</a>");
  ASSERT_NE(tiny_row, std::string::npos);
  const std::string row = html.substr(tiny_row, html.find("</tr>", tiny_row) - tiny_row);
  EXPECT_NE(row.find("Too little data"), std::string::npos);
  EXPECT_GE(Count(row, "\u2014"), 4u);                   // test, statistic, p-value, effect size
  EXPECT_NE(html.find(">9.6e-05<"), std::string::npos);  // adjusted p-value of age
}

TEST(DriftHtmlTest, QualityMultivariateSegmentsAndFooter) {
  const std::string html = RenderDriftHtml(testing::SampleDrift(), testing::SampleMeta());
  EXPECT_NE(html.find("Unseen category &lt;b&gt;x&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("ROC AUC of 0.87 on rows it was not trained on; drift is flagged from 0.55"),
            std::string::npos);
  EXPECT_NE(html.find("Trained on 500 rows (12 trees), tested on 1,400 held-out rows."),
            std::string::npos);
  EXPECT_NE(html.find("Insufficient data"), std::string::npos);
  EXPECT_NE(html.find("Fewer than 30 rows on one side"), std::string::npos);
  EXPECT_NE(html.find(std::string(64, 'a')), std::string::npos);  // SHA-256
  EXPECT_NE(html.find("Generated by airm 0.1.0 at 2026-11-27T02:08:47Z."), std::string::npos);
  EXPECT_NE(html.find("at least one tested column drifts"), std::string::npos);
  DriftResult half = testing::NoDriftSample();
  half.config.drift_share = 0.5;
  EXPECT_NE(RenderDriftHtml(half, testing::SampleMeta()).find("at least 50% of tested columns"),
            std::string::npos);
}

TEST(DriftHtmlTest, QualityNotCheckedSaysSoInPlainWords) {
  DriftResult r = testing::NoDriftSample();
  r.quality_status = std::nullopt;
  r.quality_note = "not checked: the rows were not kept";
  const std::string html = RenderDriftHtml(r, testing::SampleMeta());
  EXPECT_NE(html.find("Data quality was not checked."), std::string::npos);
  EXPECT_NE(html.find("Not checked"), std::string::npos);
  EXPECT_NE(html.find("not checked: the rows were not kept"), std::string::npos);
  EXPECT_EQ(html.find("No data quality checks were run."), std::string::npos);
  EXPECT_EQ(html.find("All data quality checks passed."), std::string::npos);
}

TEST(DriftHtmlTest, EmptyResultRenders) {
  const std::string html = RenderDriftHtml(DriftResult{}, testing::SampleMeta());
  EXPECT_NE(html.find("No input columns could be tested."), std::string::npos);
  EXPECT_NE(html.find("No data quality checks were run."), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

// Issue 16 §2: how much the model uses each column stands beside its drift,
// and within one severity the attention list puts the column the model leans
// on first, even when another drifted more.
TEST(DriftHtmlTest, ModelUseStandsBesideDriftAndOrdersTheAttentionList) {
  DriftResult r = testing::SampleDrift();
  // age's finding comes first, so only the model's use can put income first.
  r.findings = {MakeFinding(Severity::kWarn, "drift.inputs", "age", "age changed"),
                MakeFinding(Severity::kWarn, "drift.inputs", "income", "income changed")};
  // age drifted most but the model barely uses it; income carries most gain.
  const std::vector<ModelFeatureScore> features = {
      {"age", 1, 3}, {"income", 8, 40}, {"city=Paris", 1, 2}};
  AttachModelUsage("xgboost:model.json", features, &r);
  const std::string html = RenderDriftHtml(r, testing::SampleMeta());
  EXPECT_NE(html.find(">Model uses it</th>"), std::string::npos);
  EXPECT_NE(html.find("80% of the model&#39;s gain (40 splits)"), std::string::npos);
  EXPECT_NE(html.find("The model does not use this column"), std::string::npos);  // tiny
  EXPECT_NE(html.find("xgboost:model.json"), std::string::npos);
  const size_t list = html.find("<ul class=\"findings\">");
  ASSERT_NE(list, std::string::npos);
  const size_t income = html.find(">income</strong>", list);
  const size_t age = html.find(">age</strong>", list);
  ASSERT_NE(income, std::string::npos);
  ASSERT_NE(age, std::string::npos);
  EXPECT_LT(income, age) << "the column the model leans on comes first";

  // Without a model the order is the findings' own: age first.
  DriftResult plain = testing::SampleDrift();
  plain.findings = r.findings;
  const std::string without = RenderDriftHtml(plain, testing::SampleMeta());
  EXPECT_EQ(without.find("Model uses it"), std::string::npos);
  const size_t plain_list = without.find("<ul class=\"findings\">");
  EXPECT_LT(without.find(">age</strong>", plain_list),
            without.find(">income</strong>", plain_list));
}

// Issue 16 §1: the card's own out-of-scope range, measured on current rows.
TEST(DriftHtmlTest, OutOfScopeRangeIsMeasuredOnTheCurrentRows) {
  ValidityBitmap valid;
  valid.AppendMany(true, 3);
  valid.Append(false);
  auto table = Table::Make({Column::Float64("Age", {30, 50, 60, 0}, valid)});
  ASSERT_TRUE(table.ok());
  std::vector<ScopeRange> ranges = {
      {.description = "Older applicants", .column = "Age", .above = 45},
      {.description = "Middle", .column = "Age", .above = 40, .below = 55},
      {.description = "Unknown column", .column = "Region", .values = {"north"}}};
  const std::vector<ScopeRangeShare> shares = MeasureScopeRanges(*table, ranges);
  ASSERT_EQ(shares.size(), 3u);
  EXPECT_EQ(shares[0].rows_inside, 2u);
  EXPECT_EQ(shares[0].rows_known, 3u);  // the missing value is not counted
  EXPECT_DOUBLE_EQ(*shares[0].share, 2.0 / 3.0);
  EXPECT_EQ(shares[1].rows_inside, 1u);
  EXPECT_EQ(ScopeConditionText(ranges[1]), "40 < Age < 55");
  EXPECT_FALSE(shares[2].share.has_value());
  EXPECT_NE(shares[2].note.find("no column Region"), std::string::npos);

  DriftResult r = testing::NoDriftSample();
  AddScopeFindings(shares, &r);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].code, "drift.out_of_scope");
  EXPECT_NE(r.findings[0].message.find("66.7% of current rows (2 of 3)"), std::string::npos)
      << r.findings[0].message;
  EXPECT_NE(r.findings[0].message.find("(Age > 45): Older applicants"), std::string::npos);
  const std::string json = RenderDriftJson(r, testing::SampleMeta());
  EXPECT_NE(json.find("\"out_of_scope\""), std::string::npos);
}

}  // namespace
}  // namespace airm
