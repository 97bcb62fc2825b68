#include "airm/drift.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "airm/report.h"
#include "airm/stats/two_sample_tests.h"
#include "test_tables.h"

namespace airm {
namespace {

using testing::MakeBatch;

DriftConfig Fast() {
  DriftConfig c;
  c.domain_classifier = false;
  return c;
}

const ColumnDrift& Col(const DriftResult& r, const std::string& name) {
  for (const ColumnDrift& c : r.input_columns) {
    if (c.name == name) return c;
  }
  for (const ColumnDrift& c : r.output_columns) {
    if (c.name == name) return c;
  }
  ADD_FAILURE() << "no column " << name;
  static ColumnDrift none;
  return none;
}

TEST(DriftTest, IdenticalBatchesShowNoDrift) {
  Table a = MakeBatch(2000, 1, 0, 0);
  auto r = AnalyzeDrift(a, a, Fast(), DefaultQualityThresholds());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->input_verdict.drifted);
  EXPECT_EQ(r->input_verdict.columns_tested, 4u);
  for (const ColumnDrift& c : r->input_columns) {
    EXPECT_EQ(c.status, ColumnDriftStatus::kNoDrift) << c.name << ": " << c.reason;
    ASSERT_TRUE(c.effect_size.has_value()) << c.name;
    EXPECT_NEAR(*c.effect_size, 0.0, 1e-12) << c.name;
  }
  EXPECT_EQ(r->quality_status, CheckStatus::kPass);
}

TEST(DriftTest, MethodChoiceFollowsColumnKind) {
  Table a = MakeBatch(2000, 1, 0, 0);
  Table b = MakeBatch(2000, 2, 0, 0);
  auto r = AnalyzeDrift(a, b, Fast(), DefaultQualityThresholds());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Col(*r, "x").method, "ks");
  EXPECT_EQ(Col(*r, "x").effect_size_name, "wasserstein_norm");
  EXPECT_EQ(Col(*r, "k").method, "ks");
  EXPECT_EQ(Col(*r, "cat").method, "chi2");
  EXPECT_EQ(Col(*r, "flag").method, "z_proportions");
  EXPECT_EQ(Col(*r, "cat").effect_size_name, "jensen_shannon");
}

// Issue 16 §2: a target whose positive share moves 9 points is a real change
// for a risk officer, though its Jensen-Shannon distance stays under 0.1. As
// an output it is measured in share moved (TVD) with a 5-point threshold; the
// same column as an input keeps the input rule.
TEST(DriftTest, BinaryTargetDriftsOnItsShareChangeInPoints) {
  Table a = MakeBatch(3000, 1, 0, 0);
  Table b = MakeBatch(3000, 2, 0, 0.09);
  auto as_input = AnalyzeDrift(a, b, Fast(), DefaultQualityThresholds());
  ASSERT_TRUE(as_input.ok());
  const ColumnDrift& feature = Col(*as_input, "flag");
  EXPECT_EQ(feature.effect_size_name, "jensen_shannon");
  EXPECT_FALSE(feature.drifted) << feature.reason;

  a.set_role(3, ColumnRole::kTarget);
  b.set_role(3, ColumnRole::kTarget);
  auto as_target = AnalyzeDrift(a, b, Fast(), DefaultQualityThresholds());
  ASSERT_TRUE(as_target.ok());
  ASSERT_EQ(as_target->output_columns.size(), 1u);
  const ColumnDrift& target = as_target->output_columns[0];
  EXPECT_EQ(target.effect_size_name, "tvd");
  EXPECT_DOUBLE_EQ(target.effect_size_threshold, 0.05);
  ASSERT_TRUE(target.effect_size.has_value());
  // For two classes the TVD is the change of the positive share.
  const auto share = [](const BinnedDistribution& d, bool current) {
    const auto& counts = current ? d.current_counts : d.reference_counts;
    return static_cast<double>(counts[0]) / static_cast<double>(counts[0] + counts[1]);
  };
  EXPECT_NEAR(*target.effect_size,
              std::fabs(share(target.distribution, true) - share(target.distribution, false)),
              1e-12);
  EXPECT_GT(*target.effect_size, 0.05);
  EXPECT_TRUE(target.drifted) << target.reason;
  EXPECT_TRUE(as_target->output_verdict.drifted);
}

TEST(DriftTest, RealShiftIsFlaggedAndNegligibleShiftOnHugeSampleIsNot) {
  Table a = MakeBatch(3000, 1, 0, 0);
  Table b = MakeBatch(3000, 2, 0.5, 0.15);
  auto r = AnalyzeDrift(a, b, Fast(), DefaultQualityThresholds());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(Col(*r, "x").drifted) << Col(*r, "x").reason;
  EXPECT_TRUE(Col(*r, "cat").drifted) << Col(*r, "cat").reason;
  EXPECT_FALSE(Col(*r, "k").drifted);
  EXPECT_TRUE(r->input_verdict.drifted);

  // 0.03 standard deviations on 200,000 rows: significant, but negligible.
  Table big_a = MakeBatch(200000, 3, 0, 0);
  Table big_b = MakeBatch(200000, 4, 0.03, 0);
  auto big = AnalyzeDrift(big_a, big_b, Fast(), DefaultQualityThresholds());
  ASSERT_TRUE(big.ok());
  const ColumnDrift& x = Col(*big, "x");
  ASSERT_TRUE(x.p_value_adjusted.has_value());
  EXPECT_LT(*x.p_value_adjusted, 0.05);
  EXPECT_FALSE(x.drifted) << x.reason;
  EXPECT_NE(x.reason.find("negligible"), std::string::npos);
}

TEST(DriftTest, PermutingRowsChangesNothing) {
  Table a = MakeBatch(1500, 5, 0, 0);
  Table b = MakeBatch(1200, 6, 0.2, 0.05);
  std::vector<size_t> order(b.num_rows());
  std::iota(order.begin(), order.end(), 0);
  std::reverse(order.begin(), order.end());
  std::rotate(order.begin(), order.begin() + 77, order.end());
  Table b2 = testing::Permute(b, order);
  DriftConfig cfg = Fast();
  cfg.all_tests = true;
  auto r1 = AnalyzeDrift(a, b, cfg, DefaultQualityThresholds());
  auto r2 = AnalyzeDrift(a, b2, cfg, DefaultQualityThresholds());
  ASSERT_TRUE(r1.ok() && r2.ok());
  for (size_t i = 0; i < r1->input_columns.size(); ++i) {
    const ColumnDrift& c1 = r1->input_columns[i];
    const ColumnDrift& c2 = r2->input_columns[i];
    EXPECT_EQ(c1.drifted, c2.drifted);
    for (const auto& [name, v] : c1.tests) {
      ASSERT_TRUE(c2.tests.count(name));
      EXPECT_EQ(v.statistic.has_value(), c2.tests.at(name).statistic.has_value());
      if (v.statistic) {
        EXPECT_NEAR(*v.statistic, *c2.tests.at(name).statistic,
                    1e-9 * std::max(1.0, std::abs(*v.statistic)))
            << c1.name << " " << name;
      }
      if (v.p_value) {
        EXPECT_NEAR(*v.p_value, *c2.tests.at(name).p_value, 1e-9);
      }
    }
  }
}

TEST(DriftTest, AllTestsComputesEveryApplicableTest) {
  Table a = MakeBatch(500, 1, 0, 0);
  Table b = MakeBatch(500, 2, 0.3, 0);
  DriftConfig cfg = Fast();
  cfg.all_tests = true;
  auto r = AnalyzeDrift(a, b, cfg, DefaultQualityThresholds());
  ASSERT_TRUE(r.ok());
  const ColumnDrift& x = Col(*r, "x");
  for (const char* t :
       {"ks", "chi2", "cramer_von_mises", "anderson_darling", "energy", "wasserstein",
        "wasserstein_norm", "psi", "jensen_shannon", "hellinger", "kl", "tvd"}) {
    ASSERT_TRUE(x.tests.count(t)) << t;
    EXPECT_TRUE(x.tests.at(t).statistic.has_value()) << t;
  }
  EXPECT_TRUE(Col(*r, "flag").tests.count("z_proportions"));
  EXPECT_FALSE(Col(*r, "cat").tests.count("ks"));
}

// Issue 12 §4: an integer column with few distinct values is compared as
// categories by default, and `--tests all` adds the numeric tests on its values.
TEST(DriftTest, AllTestsAddsNumericTestsOnFewValuedIntegers) {
  std::vector<int64_t> ref_levels, cur_levels;
  for (int64_t i = 0; i < 300; ++i) {
    ref_levels.push_back(i % 5);
    cur_levels.push_back(std::min<int64_t>(4, i % 5 + (i % 3 == 0 ? 1 : 0)));
  }
  std::vector<double> ref_sorted(ref_levels.begin(), ref_levels.end());
  std::vector<double> cur_sorted(cur_levels.begin(), cur_levels.end());
  std::sort(ref_sorted.begin(), ref_sorted.end());
  std::sort(cur_sorted.begin(), cur_sorted.end());
  auto table = [](std::vector<int64_t> v) {
    const size_t n = v.size();
    std::vector<Column> cols;
    cols.push_back(Column::Int64("level", std::move(v), testing::AllValid(n)));
    return std::move(Table::Make(std::move(cols))).value();
  };
  const Table ref = table(ref_levels), cur = table(cur_levels);

  auto plain = AnalyzeDrift(ref, cur, Fast(), DefaultQualityThresholds());
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(Col(*plain, "level").method, "chi2");  // the default is unchanged
  EXPECT_FALSE(Col(*plain, "level").tests.count("ks"));

  DriftConfig cfg = Fast();
  cfg.all_tests = true;
  auto all = AnalyzeDrift(ref, cur, cfg, DefaultQualityThresholds());
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  const ColumnDrift& level = Col(*all, "level");
  EXPECT_EQ(level.method, "chi2");
  EXPECT_EQ(level.p_value, Col(*plain, "level").p_value);
  for (const char* t :
       {"chi2", "psi", "jensen_shannon", "hellinger", "kl", "tvd", "ks", "cramer_von_mises",
        "anderson_darling", "energy", "wasserstein", "wasserstein_norm"}) {
    ASSERT_TRUE(level.tests.count(t)) << t;
    EXPECT_TRUE(level.tests.at(t).statistic.has_value()) << t;
  }
  // Computed on the values, not on category labels.
  const stats::TestOutcome ks = stats::KolmogorovSmirnovSorted(ref_sorted, cur_sorted);
  ASSERT_TRUE(ks.statistic && ks.p_value);
  EXPECT_DOUBLE_EQ(*level.tests.at("ks").statistic, *ks.statistic);
  EXPECT_DOUBLE_EQ(*level.tests.at("ks").p_value, *ks.p_value);
  const stats::TestOutcome w = stats::Wasserstein1Sorted(ref_sorted, cur_sorted);
  EXPECT_DOUBLE_EQ(*level.tests.at("wasserstein").statistic, *w.statistic);
}

TEST(DriftTest, MissingAndRetypedColumnsAreFindingsNotErrors) {
  Table a = MakeBatch(300, 1, 0, 0);
  Table full = MakeBatch(300, 2, 0, 0);
  std::vector<Column> cols;
  cols.push_back(full.column(0));  // x
  std::vector<std::string> words(300, "oops");
  cols.push_back(Column::String("k", words, testing::AllValid(300)));  // k is now text
  cols.push_back(full.column(3));                                      // flag; cat is gone
  cols.push_back(Column::Float64("extra", std::vector<double>(300, 1.0), testing::AllValid(300)));
  Table b = std::move(Table::Make(std::move(cols))).value();
  auto r = AnalyzeDrift(a, b, Fast(), DefaultQualityThresholds());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Col(*r, "cat").status, ColumnDriftStatus::kMissingInCurrent);
  EXPECT_EQ(Col(*r, "k").status, ColumnDriftStatus::kRetyped);
  EXPECT_EQ(Col(*r, "extra").status, ColumnDriftStatus::kNewInCurrent);
  EXPECT_EQ(r->quality_status, CheckStatus::kFail);
  ASSERT_FALSE(r->findings.empty());
  EXPECT_EQ(r->findings[0].severity, Severity::kFail);
}

TEST(DriftTest, RequestedColumnMissingFromReferenceIsAUsageError) {
  Table a = MakeBatch(100, 1, 0, 0);
  DriftConfig cfg = Fast();
  cfg.columns = {"x", "nope"};
  auto r = AnalyzeDrift(a, a, cfg, DefaultQualityThresholds());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("--columns names column 'nope'"), std::string::npos);
}

TEST(DriftTest, TinySamplesAreInsufficientNotSilentlyFine) {
  Table a = MakeBatch(100, 1, 0, 0);
  Table b = MakeBatch(3, 2, 0, 0);
  auto r = AnalyzeDrift(a, b, Fast(), DefaultQualityThresholds());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Col(*r, "x").status, ColumnDriftStatus::kInsufficientData);
  EXPECT_EQ(r->input_verdict.columns_tested, 0u);
  EXPECT_EQ(r->input_verdict.summary, "No column could be tested.");
}

TEST(DriftTest, SegmentsBelowMinimumSizeGetNoVerdict) {
  Table a = MakeBatch(1000, 1, 0, 0);
  Table b = MakeBatch(1000, 2, 0.5, 0);
  a.set_role(2, ColumnRole::kSegment);
  DriftConfig cfg = Fast();
  cfg.min_segment_rows = 250;
  auto r = AnalyzeDrift(a, b, cfg, DefaultQualityThresholds());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->segments.size(), 3u);
  int sufficient = 0;
  for (const SegmentDrift& s : r->segments) {
    EXPECT_EQ(s.column, "cat");
    if (s.sufficient) {
      ++sufficient;
      EXPECT_TRUE(s.verdict.drifted) << s.value;
    } else {
      EXPECT_NE(s.verdict.summary.find("insufficient data"), std::string::npos);
      EXPECT_TRUE(s.columns.empty());
    }
  }
  EXPECT_EQ(sufficient, 2);  // "a" and "b" have >= 250 rows; "c" has ~200
}

TEST(DriftTest, BonferroniIsStricterThanBenjaminiHochberg) {
  Table a = MakeBatch(400, 1, 0, 0);
  Table b = MakeBatch(400, 2, 0.15, 0.04);
  DriftConfig bh = Fast();
  DriftConfig bonf = Fast();
  bonf.correction = "bonferroni";
  auto r1 = AnalyzeDrift(a, b, bh, DefaultQualityThresholds());
  auto r2 = AnalyzeDrift(a, b, bonf, DefaultQualityThresholds());
  ASSERT_TRUE(r1.ok() && r2.ok());
  for (size_t i = 0; i < r1->input_columns.size(); ++i) {
    EXPECT_LE(*r1->input_columns[i].p_value_adjusted, *r2->input_columns[i].p_value_adjusted);
    EXPECT_GE(*r1->input_columns[i].p_value_adjusted, *r1->input_columns[i].p_value);
  }
}

TEST(DriftTest, ForcedMethodAppliesWhereItCanAndSaysWhereItCannot) {
  Table a = MakeBatch(800, 1, 0, 0);
  Table b = MakeBatch(800, 2, 0.4, 0);
  DriftConfig cfg = Fast();
  cfg.method = "psi";
  auto r = AnalyzeDrift(a, b, cfg, DefaultQualityThresholds());
  ASSERT_TRUE(r.ok());
  const ColumnDrift& x = Col(*r, "x");
  EXPECT_EQ(x.method, "psi");
  EXPECT_FALSE(x.p_value.has_value());
  EXPECT_DOUBLE_EQ(x.threshold, 0.2);
  EXPECT_EQ(x.drifted, *x.statistic >= 0.2);
  cfg.method = "ks";
  auto k = AnalyzeDrift(a, b, cfg, DefaultQualityThresholds());
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(Col(*k, "cat").method, "chi2");
  EXPECT_NE(Col(*k, "cat").reason.find("ks does not apply"), std::string::npos)
      << Col(*k, "cat").reason;
}

TEST(DriftTest, InvalidConfigNamesTheOption) {
  Table a = MakeBatch(10, 1, 0, 0);
  DriftConfig cfg = Fast();
  cfg.method = "magic";
  EXPECT_NE(AnalyzeDrift(a, a, cfg, DefaultQualityThresholds()).status().message().find("--method"),
            std::string::npos);
  cfg = Fast();
  cfg.alpha = 1.5;
  EXPECT_EQ(AnalyzeDrift(a, a, cfg, DefaultQualityThresholds()).status().code(),
            StatusCode::kInvalidArgument);
}

// Issue 13: columns and segments are compared concurrently; the report must
// not depend on how many threads did it.
TEST(DriftTest, ThreadCountDoesNotChangeTheReport) {
  Table a = MakeBatch(20000, 1, 0, 0);
  Table b = MakeBatch(15000, 2, 0.05, 0.03);
  a.set_role(2, ColumnRole::kSegment);
  DriftConfig cfg = Fast();
  cfg.all_tests = true;
  const ReportMeta meta{"test", "2026-12-07T00:00:00Z", "drift_test"};
  std::string first;
  for (int threads : {1, 2, 8}) {
    cfg.threads = threads;
    auto r = AnalyzeDrift(a, b, cfg, DefaultQualityThresholds());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->segments.size(), 3u);
    ASSERT_GE(r->input_columns.size(), 3u);
    const std::string json = RenderDriftJson(*r, meta);
    if (first.empty()) {
      first = json;
      // The report really holds per-column tests to compare.
      EXPECT_NE(json.find("cramer_von_mises"), std::string::npos);
    } else {
      EXPECT_EQ(json, first) << threads << " threads";
    }
  }
}

// Issue 13: the default run (multivariate step included, samples long
// enough for the radix sort) gives the same report on 1, 2 and 8 threads.
TEST(DriftTest, ThreadCountDoesNotChangeTheDefaultReport) {
  Table a = MakeBatch(6000, 3, 0, 0);
  Table b = MakeBatch(5000, 4, 0.2, 0.05);
  const ReportMeta meta{"test", "2026-12-07T00:00:00Z", "drift_test"};
  std::string first;
  for (int threads : {1, 2, 8}) {
    DriftConfig cfg;
    cfg.threads = threads;
    auto r = AnalyzeDrift(a, b, cfg, DefaultQualityThresholds());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->domain_classifier.ran) << r->domain_classifier.note;
    const std::string json = RenderDriftJson(*r, meta);
    if (first.empty()) {
      first = json;
    } else {
      EXPECT_EQ(json, first) << threads << " threads";
    }
  }
}

TEST(DriftTest, AlphaBelowFivePercentKeepsTheMultivariateCheck) {
  // Issue 12: --alpha 0.01 used to leave the domain classifier not run (its
  // 19 permutations could not reach p < 0.05), with only a note saying so.
  Table reference = MakeBatch(2000, 1, 0, 0);
  Table current = MakeBatch(2000, 2, 0.5, 0);
  DriftConfig cfg;
  cfg.alpha = 0.01;
  auto r = AnalyzeDrift(reference, current, cfg, DefaultQualityThresholds());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->domain_classifier.ran) << r->domain_classifier.note;
  ASSERT_TRUE(r->domain_classifier.p_value.has_value());
  EXPECT_TRUE(r->domain_classifier.drifted);
  EXPECT_LT(*r->domain_classifier.p_value, 0.01);
}

}  // namespace
}  // namespace airm
