// The evaluation HTML page: every section is there and explains itself, the
// headline puts the worst case next to the average, user data is escaped,
// undefined numbers read "—", and the page needs nothing from outside.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "airm/eval_result.h"
#include "airm/report.h"
#include "eval_html_parts.h"
#include "eval_labels.h"
#include "eval_sample.h"
#include "html_checks.h"

namespace airm {
namespace {

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) {
    ++n;
  }
  return n;
}

std::string Render(const EvalResult& r) { return RenderEvalHtml(r, testing::SampleEvalMeta()); }

bool Has(const std::string& html, const std::string& text) {
  return html.find(text) != std::string::npos;
}

TEST(EvalHtmlTest, HasEverySectionInOrder) {
  const std::string html = Render(testing::SampleBinaryEval());
  size_t last = 0;
  for (const char* id : {"headline", "verdict", "attention", "metrics", "segments", "slices",
                         "fairness", "calibration", "tail", "inputs"}) {
    const size_t at = html.find(std::string("id=\"") + id + "\"");
    ASSERT_NE(at, std::string::npos) << id;
    EXPECT_GT(at, last) << id;
    last = at;
  }
  EXPECT_TRUE(Has(html, "<title>Evaluation report: data/scored &amp; new.csv</title>"));
  EXPECT_TRUE(Has(html, "binary classification (positive class \u201cbad\u201d, threshold 0.5)"));
}

TEST(EvalHtmlTest, HeadlinePutsWorstCaseNextToAverage) {
  const std::string html = Render(testing::SampleBinaryEval());
  EXPECT_TRUE(Has(html,
                  "<li><strong>Accuracy 0.81</strong> overall <span class=\"ci-inline\">(95% "
                  "interval 0.78 \u2013 0.84)</span> \u2014 <strong class=\"worse\">0.52</strong> "
                  "on the worst slice: <em>Home = rent &amp; Job = partime</em>"));
  // Lower is better for the false positive rate: 0.3 on the slice is worse.
  EXPECT_TRUE(Has(html, "False positive rate 0.11</strong> overall"));
  EXPECT_TRUE(Has(html, "<strong class=\"worse\">0.3</strong>"));
  // The cards: overall verdict from the findings, worst slice in words.
  EXPECT_TRUE(Has(html, "Needs attention"));
  EXPECT_TRUE(Has(html, "2 failed checks, 1 warning."));
  EXPECT_TRUE(Has(html, "(240 rows): error rate 48% against 19% overall."));
  EXPECT_TRUE(Has(html, "The four-fifths rule fails for 1 of 2 attributes: afam."));
  EXPECT_TRUE(Has(html, "Scores differ from observed frequencies by 0.034 on average (ECE)."));
  EXPECT_TRUE(
      Has(html, "Accuracy on the most unusual 5% of rows: 0.61, against 0.82 on the rest."));

  const std::string calm = Render(testing::SampleRegressionEval());
  EXPECT_TRUE(Has(calm, "Mean absolute error 3.2</strong> overall"));
  EXPECT_FALSE(Has(calm, "on the worst slice:"));
  EXPECT_TRUE(Has(calm,
                  "No significant weak slice was found, so there is no worst-case value to "
                  "show: no slice is significantly worse than the data set"));
  EXPECT_TRUE(Has(calm, "No problems found"));
  EXPECT_TRUE(Has(calm, "Nothing needs attention."));
}

TEST(EvalHtmlTest, FindingsMostSevereFirst) {
  const std::string html = Render(testing::SampleBinaryEval());
  const size_t fail = html.find("<code>eval.worst_slice</code>");
  const size_t warn = html.find("<code>eval.calibration</code>");
  ASSERT_NE(fail, std::string::npos);
  ASSERT_NE(warn, std::string::npos);
  EXPECT_LT(fail, warn);
  EXPECT_TRUE(Has(html, "lift = \u221e"));
}

TEST(EvalHtmlTest, EscapesEveryPieceOfUserData) {
  const std::string html = Render(testing::SampleBinaryEval());
  EXPECT_TRUE(testing::OnlyThePagesOwnScript(html));
  EXPECT_TRUE(Has(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  EXPECT_FALSE(Has(html, "<b>"));
  EXPECT_TRUE(Has(html, "&lt;b&gt;ignore&lt;/b&gt;"));
  EXPECT_TRUE(Has(html, "Tom &amp; &quot;Jerry&#39;s&quot;"));
  EXPECT_TRUE(Has(html, "data/scored &amp; new.csv"));
  EXPECT_TRUE(Has(html, "--data &#39;data/scored &amp; new.csv&#39;"));  // command line

  EvalResult latin1 = testing::SampleBinaryEval();
  latin1.segments[0].value = "caf\xe9";
  EXPECT_TRUE(Has(Render(latin1), "caf\xef\xbf\xbd"));
}

TEST(EvalHtmlTest, SelfContainedWithoutExternalReferences) {
  for (const EvalResult& r : {testing::SampleBinaryEval(), testing::SampleRegressionEval(),
                              testing::SampleUndefinedEval(), EvalResult{}}) {
    const std::string html = Render(r);
    EXPECT_FALSE(Has(html, "http://"));
    EXPECT_FALSE(Has(html, "https://"));
    EXPECT_TRUE(testing::OnlyThePagesOwnScript(html));
    EXPECT_FALSE(Has(html, "<link"));
    EXPECT_FALSE(Has(html, "<img"));
    EXPECT_FALSE(Has(html, "src="));
    EXPECT_FALSE(Has(html, "url("));
    EXPECT_FALSE(Has(html, "@import"));
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_TRUE(Has(html, "</html>\n"));
  }
}

TEST(EvalHtmlTest, ChartsArePresent) {
  const std::string html = Render(testing::SampleBinaryEval());
  EXPECT_TRUE(Has(html, "aria-label=\"Reliability diagram\""));
  EXPECT_TRUE(Has(html, "aria-label=\"Rates per group of afam\""));
  EXPECT_TRUE(Has(html, "aria-label=\"Rates per group of &lt;script&gt;"));
  // Reliability diagram: one dot per non-empty bin (8 of 10) plus the legend's.
  EXPECT_EQ(Count(html, "<circle "), 9u);
  // Group "yes" has no positives: its true positive rate is drawn as undefined.
  EXPECT_TRUE(Has(html, "font-style=\"italic\">undefined</text>"));
}

TEST(EvalHtmlTest, SegmentHeatMapColoursAndGreysOut) {
  const std::string html = Render(testing::SampleBinaryEval());
  EXPECT_TRUE(Has(html, "<table class=\"heatmap\">"));
  EXPECT_TRUE(Has(html, "<tr class=\"group\"><th colspan=\"6\">Home &amp; Job</th></tr>"));
  // Insufficient segment: grey, em dash, and a reason.
  EXPECT_EQ(Count(html,
                  "class=\"num heat insufficient\" title=\"insufficient data: 7 rows, fewer "
                  "than 30\">\u2014</td>"),
            4u);
  // Rent: accuracy 0.66 against 0.81 overall is worse -> a red shade.
  const std::string rent_accuracy = report::HeatColor("accuracy", 0.66, 0.81);
  EXPECT_NE(rent_accuracy, "#ffffff");
  EXPECT_TRUE(Has(html, "style=\"background:" + rent_accuracy + "\" title=\"Accuracy: 0.66"));
  // An undefined metric in a sufficient segment: em dash with its reason.
  EXPECT_TRUE(Has(html,
                  "style=\"background:#ffffff\" title=\"ROC AUC: \u2014; all rows: 0.86. "
                  "undefined: only one class present\">\u2014</td>"));
}

TEST(EvalHtmlTest, HeatColorDirection) {
  EXPECT_EQ(report::HeatColor("accuracy", 0.8, 0.8), "#ffffff");
  EXPECT_EQ(report::HeatColor("selection_rate", 0.1, 0.8), "#ffffff");  // neutral
  EXPECT_EQ(report::HeatColor("accuracy", std::nullopt, 0.8), "#ffffff");
  // Full intensity at a gap of 0.2 for proportions.
  EXPECT_EQ(report::HeatColor("accuracy", 0.5, 0.8), "#ee7b70");
  EXPECT_EQ(report::HeatColor("accuracy", 1.0, 0.8), "#7fcc9a");
  EXPECT_EQ(report::HeatColor("fpr", 0.5, 0.1), "#ee7b70");  // lower is better
  EXPECT_EQ(report::HeatColor("mae", 1.0, 2.0), "#7fcc9a");  // 50% smaller: full green
  EXPECT_NE(report::HeatColor("accuracy", 0.75, 0.8), report::HeatColor("accuracy", 0.65, 0.8));
}

TEST(EvalHtmlTest, SliceTableWithBadges) {
  const std::string html = Render(testing::SampleBinaryEval());
  EXPECT_TRUE(Has(html,
                  "<span class=\"pred\">Home = rent</span> <span class=\"amp\">&amp;</span> "
                  "<span class=\"pred\">Job = partime</span>"));
  EXPECT_TRUE(Has(html, "<span class=\"pred\">Age in [18, 25)</span>"));
  EXPECT_TRUE(Has(html, "<span class=\"pred\">Income is missing</span>"));
  EXPECT_TRUE(Has(html, "<td class=\"num\">2.526×</td>"));  // lift 0.48 / 0.19
  EXPECT_TRUE(Has(html, "<td class=\"num\">4e-08</td>"));   // q-value
  EXPECT_EQ(Count(html, ">significant</span>"), 2u);
  EXPECT_EQ(Count(html, ">not significant</span>"), 1u);
  EXPECT_EQ(Count(html, ">confirmed</span>"), 1u);
  EXPECT_EQ(Count(html, ">not confirmed</span>"), 1u);
}

// Issue 16 §3: the slice table puts the headline's worst slice first (slices
// that count, by error rate), and the page says which rows measured it.
TEST(EvalHtmlTest, WorstSliceIsRowOneAndSaysWhichRowsMeasuredIt) {
  EvalResult r = testing::SampleBinaryEval();
  SliceResult unconfirmed = r.slices[1];  // significant but not confirmed on held-out rows
  unconfirmed.predicates = {{"Debt", "==", "high"}};
  unconfirmed.error_rate = 0.9;
  r.slices.insert(r.slices.begin(), unconfirmed);
  const std::string html = Render(r);
  const size_t table = html.find("<h2>Weak slices");
  const size_t first =
      html.find("<td class=\"num\">1</td><td><span class=\"pred\">Home = rent", table);
  ASSERT_NE(first, std::string::npos);
  EXPECT_LT(first, html.find("<span class=\"pred\">Debt = high</span>", table));
  EXPECT_TRUE(Has(html, "measured on the other half, which the search did not see"));
  EXPECT_TRUE(Has(html, "Row 1 is the worst slice of the headline."));

  r.config.confirm_holdout = false;
  for (SliceResult& s : r.slices) s.confirmed.reset();
  const std::string in_sample = Render(r);
  EXPECT_TRUE(
      Has(in_sample, "The worst slice is chosen and measured on the same rows (in-sample)"));
  // Without the held-out check the highest significant error rate is row 1.
  const size_t t2 = in_sample.find("<h2>Weak slices");
  EXPECT_NE(in_sample.find("<td class=\"num\">1</td><td><span class=\"pred\">Debt = high", t2),
            std::string::npos);
}

TEST(EvalHtmlTest, FairnessInPlainWords) {
  const std::string html = Render(testing::SampleBinaryEval());
  EXPECT_TRUE(Has(html,
                  "the least-selected group is predicted positive at 60% of the rate of the "
                  "most-selected group. The rule asks for at least 80%, so this fails."));
  EXPECT_TRUE(Has(html, "so this passes."));
  EXPECT_TRUE(Has(html, ">systematic</span>"));
  EXPECT_TRUE(Has(html, ">looks random</span>"));
  EXPECT_TRUE(Has(html, "errors are concentrated in some groups (systematic)"));
  EXPECT_TRUE(Has(html, "chi-square test p = 0.0002"));
  EXPECT_TRUE(Has(html, "insufficient evidence: group yes has no positives"));
  EXPECT_TRUE(Has(html, "<h4>Disparity measures</h4>"));
}

TEST(EvalHtmlTest, CalibrationAndTail) {
  const std::string html = Render(testing::SampleBinaryEval());
  EXPECT_TRUE(Has(html, "Expected calibration error (ECE)</td><td class=\"num\">0.034</td>"));
  EXPECT_TRUE(Has(html, "Overconfidence rate</td><td class=\"num\">21%</td>"));
  EXPECT_TRUE(Has(html, "<summary>Bins of the diagram</summary>"));
  EXPECT_TRUE(Has(html, "<h3>Calibration per segment</h3>"));
  EXPECT_TRUE(Has(html, "The most unusual 5% of rows (223 rows)"));
  EXPECT_TRUE(Has(html,
                  "the worst 5% of rows have a mean log loss of 2.31, against 0.43 over all "
                  "rows (5.372× the average)."));

  const std::string regression = Render(testing::SampleRegressionEval());
  EXPECT_TRUE(Has(regression,
                  "Calibration was not assessed: regression: calibration applies to "
                  "probability scores only"));
  EXPECT_TRUE(Has(regression, "Tail behaviour was not assessed: no --reference given"));
  EXPECT_TRUE(Has(regression, "No sensitive attributes were given"));
  EXPECT_FALSE(Has(regression, "<circle "));
}

TEST(EvalHtmlTest, UndefinedNumbersReadAsDashNeverNan) {
  for (const EvalResult& r : {testing::SampleUndefinedEval(), EvalResult{}}) {
    const std::string html = Render(r);
    EXPECT_FALSE(std::regex_search(html, std::regex("\\b(nan|NaN|inf|Infinity)\\b")));
  }
  const std::string html = Render(testing::SampleUndefinedEval());
  EXPECT_TRUE(Has(html, "error rate \u2014 against \u2014 overall."));
  EXPECT_TRUE(Has(html, "<tr><td>Tail share</td><td>\u2014</td></tr>"));
  EXPECT_TRUE(Has(html,
                  "Four-fifths rule:</strong> could not be checked: undefined: no group has "
                  "rows"));
  EXPECT_TRUE(Has(html, ">not testable</span>"));
  EXPECT_TRUE(Has(html, "The calibration error is undefined."));
  // Nothing could be checked, so no card claims good news.
  EXPECT_FALSE(Has(html, "No disparity found"));
  EXPECT_TRUE(Has(html, "No attribute had enough data to compare groups: g."));
  EXPECT_FALSE(Has(html, ">Calibrated</span>"));
  EXPECT_FALSE(Has(html, ">Robust</span>"));
  EXPECT_TRUE(Has(html, "<strong>undefined</strong> on the worst slice: <em>x = 1</em>"));
  EXPECT_TRUE(Has(html, "no data</text>"));  // reliability diagram without a non-empty bin
}

TEST(EvalLabelsTest, MetricsInAFixedOrderByMeaning) {
  EXPECT_EQ(
      report::OrderMetrics(TaskType::kBinary,
                           {"fnr", "brier", "zzz", "accuracy", "roc_auc", "log_loss", "fpr"}),
      (std::vector<std::string>{"accuracy", "fpr", "roc_auc", "fnr", "log_loss", "brier", "zzz"}));
  EXPECT_EQ(report::MetricLabel("fnr"), "False negative rate");
  EXPECT_EQ(report::MetricLabel("brier"), "Brier score");
}

TEST(EvalLabelsTest, SliceAndPredicateText) {
  EXPECT_EQ(report::SliceText({{"Home", "==", "rent"}, {"Job", "==", "partime"}}),
            "Home = rent & Job = partime");
  EXPECT_EQ(report::PredicateText({"Age", "in", "[18, 25)"}), "Age in [18, 25)");
  EXPECT_EQ(report::PredicateText({"Income", "is_missing", ""}), "Income is missing");
  EXPECT_EQ(report::SliceText({}), "");
  EXPECT_EQ(report::MetricLabel("roc_auc"), "ROC AUC");
  EXPECT_EQ(report::MetricLabel("my_metric"), "my_metric");
  EXPECT_EQ(report::DirectionOf("fpr"), report::MetricDirection::kLowerIsBetter);
  EXPECT_EQ(report::DirectionOf("unknown"), report::MetricDirection::kNeutral);
}

}  // namespace
}  // namespace airm
