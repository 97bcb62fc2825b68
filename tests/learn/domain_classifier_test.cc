// RunDomainClassifier: no drift on identical distributions, real drift on the
// credit data split by Age, the row budget, insufficient data, determinism,
// option checks. The detector's false-alarm rate and power over many seeded
// pairs are in domain_classifier_calibration_test.cc.
#include "airm/domain_classifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "test_csv.h"

namespace airm {
namespace {

using ::testing::HasSubstr;

// Rows from one fixed distribution: a normal, an integer, a 4-level
// categorical and a string column, ~5% nulls each. `shift` moves x_normal's
// mean (in standard deviations) and adds an extra category only this side has.
Table MakeSynthetic(size_t rows, std::mt19937_64& rng, double shift) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_int_distribution<int64_t> small_int(0, 9);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> x;
  std::vector<int64_t> k;
  std::vector<int32_t> codes;
  std::vector<std::string> text;
  ValidityBitmap vx, vk, vc, vt;
  const std::vector<std::string> dictionary = {"a", "b", "c", "d", "new"};
  for (size_t r = 0; r < rows; ++r) {
    vx.Append(unit(rng) > 0.05);
    x.push_back(normal(rng) + shift);
    vk.Append(unit(rng) > 0.05);
    k.push_back(small_int(rng));
    vc.Append(unit(rng) > 0.05);
    const double u = unit(rng);
    codes.push_back(u < 0.4 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : 3);
    if (shift != 0 && unit(rng) < 0.1) codes.back() = 4;
    vt.Append(unit(rng) > 0.05);
    text.push_back(unit(rng) < 0.5 ? "left" : "right");
  }
  std::vector<Column> columns;
  columns.push_back(Column::Float64("x_normal", std::move(x), std::move(vx)));
  columns.push_back(Column::Int64("k_int", std::move(k), std::move(vk)));
  columns.push_back(Column::Categorical("c_cat", std::move(codes), dictionary, std::move(vc)));
  columns.push_back(Column::String("s_text", std::move(text), std::move(vt)));
  return Table::Make(std::move(columns)).value();
}

// "x" + std::to_string(i) without operator+, on which GCC 12 at -O2 raises a
// false -Wrestrict (GCC bug 105329).
std::string Numbered(const char* prefix, int i) {
  std::string name = prefix;
  name += std::to_string(i);
  return name;
}

bool HasTopColumn(const DomainClassifierResult& r, const std::string& name, size_t within) {
  for (size_t i = 0; i < r.top_columns.size() && i < within; ++i) {
    if (r.top_columns[i].first == name) return true;
  }
  return false;
}

void ExpectWellFormed(const DomainClassifierResult& r, double alpha = 0.05) {
  ASSERT_TRUE(r.ran) << r.note;
  ASSERT_TRUE(r.auc && r.p_value);
  EXPECT_GE(*r.auc, 0.0);
  EXPECT_LE(*r.auc, 1.0);
  // The normal tail underflows to 0 beyond z ~ 38, e.g. for a perfect AUC on
  // thousands of held-out rows.
  EXPECT_GE(*r.p_value, 0.0);
  EXPECT_LE(*r.p_value, 1.0);
  EXPECT_EQ(r.drifted, *r.p_value <= alpha) << "p=" << *r.p_value;
  // The threshold is the critical value of the same null, so the verdict and
  // the AUC agree.
  if (r.auc_threshold) {
    EXPECT_EQ(r.drifted, *r.auc >= *r.auc_threshold);
  }
  EXPECT_THAT(r.p_value_method, ::testing::AnyOf("mann_whitney_exact", "mann_whitney_normal"));
  EXPECT_EQ(r.train_rows + r.test_rows, r.rows_used);
  EXPECT_GE(r.trees, 1);
  EXPECT_LE(r.top_columns.size(), 10u);
  double share_sum = 0;
  for (size_t i = 0; i < r.top_columns.size(); ++i) {
    EXPECT_GT(r.top_columns[i].second, 0.0);
    if (i > 0) {
      EXPECT_LE(r.top_columns[i].second, r.top_columns[i - 1].second);
    }
    share_sum += r.top_columns[i].second;
  }
  EXPECT_LE(share_sum, 1.0 + 1e-9);
}

TEST(DomainClassifierTest, IdenticalDistributionsDoNotDrift) {
  std::mt19937_64 rng(7);
  const Table reference = MakeSynthetic(1500, rng, 0.0);
  const Table current = MakeSynthetic(500, rng, 0.0);
  auto result = RunDomainClassifier(reference, current, {}, DomainClassifierOptions{});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result);
  EXPECT_FALSE(result->drifted) << "auc=" << *result->auc
                                << " threshold=" << *result->auc_threshold;
  // Each side trains on min(250 floor, 120000 / (2 x 4) = 15000, half the
  // side) rows and holds out the rest: 750 + 250 trained, 750 + 250 held out.
  EXPECT_EQ(result->train_rows, 1000u);
  EXPECT_EQ(result->test_rows, 1000u);
  EXPECT_EQ(result->rows_used, 2000u);
  EXPECT_EQ(result->p_value_method, "mann_whitney_normal");
  // Null AUC sd ~ sqrt((n0 + n1 + 1) / (12 n0 n1)) = 0.021 here (750 vs 250).
  EXPECT_NEAR(*result->auc, 0.5, 0.07);
}

TEST(DomainClassifierTest, SyntheticShiftIsFoundAndAttributed) {
  std::mt19937_64 rng(11);
  const Table reference = MakeSynthetic(1500, rng, 0.0);
  const Table current = MakeSynthetic(500, rng, 0.5);
  auto result = RunDomainClassifier(reference, current, {"x_normal", "k_int", "c_cat", "s_text"},
                                    DomainClassifierOptions{});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result);
  EXPECT_TRUE(result->drifted);
  EXPECT_GT(*result->auc, 0.6);
  ASSERT_GE(result->top_columns.size(), 2u);
  // Both shifted columns outrank the two that did not move.
  EXPECT_TRUE(HasTopColumn(*result, "x_normal", 2));
  EXPECT_TRUE(HasTopColumn(*result, "c_cat", 2));
}

class CreditShiftTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto ref = learn_test::LoadSimpleCsv(std::string(AIRM_TEST_DATA_DIR) + "/credit_ref.csv");
    auto cur = learn_test::LoadSimpleCsv(std::string(AIRM_TEST_DATA_DIR) + "/credit_cur.csv");
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    ASSERT_TRUE(cur.ok()) << cur.status().ToString();
    reference_ = new Table(std::move(ref).value());
    current_ = new Table(std::move(cur).value());
  }
  static void TearDownTestSuite() {
    delete reference_;
    delete current_;
  }
  static std::vector<std::string> Features() {
    return {"Seniority", "Home",   "Time",   "Age",  "Marital", "Records", "Job",
            "Expenses",  "Income", "Assets", "Debt", "Amount",  "Price"};
  }
  static Table* reference_;
  static Table* current_;
};
Table* CreditShiftTest::reference_ = nullptr;
Table* CreditShiftTest::current_ = nullptr;

TEST_F(CreditShiftTest, AgeSplitDriftsAndAgeLeads) {
  ASSERT_EQ(reference_->num_rows(), 3386u);
  ASSERT_EQ(current_->num_rows(), 1068u);
  auto result = RunDomainClassifier(*reference_, *current_, Features(), DomainClassifierOptions{});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result);
  EXPECT_TRUE(result->drifted);
  // The split is Age <= 45 vs > 45, so Age alone separates the batches.
  EXPECT_GT(*result->auc, 0.95);
  // With ~3,000 held-out rows a near-perfect AUC is far in the null's tail;
  // the analytic null resolves it (a permutation null stopped at 1/20).
  EXPECT_LT(*result->p_value, 1e-12);
  ASSERT_FALSE(result->top_columns.empty());
  EXPECT_EQ(result->top_columns[0].first, "Age");
  EXPECT_GT(result->top_columns[0].second, 0.5);
  // 13 columns: the budget allows 120000 / 26 = 4615 training rows a side,
  // so each side trains on half its rows and holds out the other half.
  EXPECT_EQ(result->train_rows, 1693u + 534u);
  EXPECT_EQ(result->rows_used, 3386u + 1068u);
}

TEST_F(CreditShiftTest, DeterministicForAFixedSeed) {
  // Without Age the AUC is well inside (0.5, 1), so it is sensitive to any
  // change of split or trees.
  std::vector<std::string> features = Features();
  std::erase(features, "Age");
  const DomainClassifierOptions options{.max_rows_per_side = 1000};
  auto first = RunDomainClassifier(*reference_, *current_, features, options);
  auto second = RunDomainClassifier(*reference_, *current_, features, options);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first->auc, *second->auc);  // bit-identical, not merely close
  EXPECT_EQ(*first->auc_threshold, *second->auc_threshold);
  EXPECT_EQ(*first->p_value, *second->p_value);
  EXPECT_EQ(first->trees, second->trees);
  EXPECT_EQ(first->top_columns, second->top_columns);

  auto other_seed = RunDomainClassifier(*reference_, *current_, features,
                                        {.max_rows_per_side = 1000, .seed = 43});
  ASSERT_TRUE(other_seed.ok());
  EXPECT_NE(*first->auc, *other_seed->auc) << "the seed should change the split";
}

TEST_F(CreditShiftTest, ThreadCountDoesNotChangeTheResult) {
  // Small settings: multi-threaded XGBoost is very slow on a loaded 2-core
  // machine, and thread independence does not depend on size.
  DomainClassifierOptions options{.max_rows_per_side = 300, .max_rounds = 20, .nthread = 1};
  auto one = RunDomainClassifier(*reference_, *current_, Features(), options);
  options.nthread = 2;
  auto two = RunDomainClassifier(*reference_, *current_, Features(), options);
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_EQ(*one->auc, *two->auc);
  EXPECT_EQ(*one->p_value, *two->p_value);
  EXPECT_EQ(one->trees, two->trees);
  EXPECT_EQ(one->top_columns, two->top_columns);
}

TEST_F(CreditShiftTest, WithoutAgeTheOtherColumnsStillSeparate) {
  // Seniority, Marital and Job correlate with age, so dropping Age weakens but
  // does not remove the signal; the seed changes the split.
  std::vector<std::string> features = Features();
  std::erase(features, "Age");
  DomainClassifierOptions options;
  options.seed = 7;
  auto result = RunDomainClassifier(*reference_, *current_, features, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result);
  EXPECT_TRUE(result->drifted);
  EXPECT_LT(*result->auc, 0.95);
  EXPECT_FALSE(HasTopColumn(*result, "Age", 10));
}

TEST_F(CreditShiftTest, SubsamplesBeyondTheRowCap) {
  DomainClassifierOptions options;
  options.max_rows_per_side = 300;
  auto result = RunDomainClassifier(*reference_, *current_, Features(), options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result);
  EXPECT_EQ(result->rows_used, 600u);
  EXPECT_EQ(result->train_rows, 300u);
  EXPECT_THAT(result->note, HasSubstr("reference subsampled from 3386 to 300 rows"));
  EXPECT_THAT(result->note, HasSubstr("current subsampled from 1068 to 300 rows"));
  EXPECT_TRUE(result->drifted);
}

TEST(DomainClassifierTest, TooFewRowsIsNotRunNotAnError) {
  std::mt19937_64 rng(3);
  const Table reference = MakeSynthetic(9, rng, 0.0);  // < 10
  const Table current = MakeSynthetic(200, rng, 0.0);
  auto result = RunDomainClassifier(reference, current, {}, DomainClassifierOptions{});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->ran);
  EXPECT_FALSE(result->drifted);
  EXPECT_FALSE(result->auc.has_value());
  EXPECT_THAT(result->note, HasSubstr("insufficient data"));
  EXPECT_THAT(result->note, HasSubstr("9 reference"));

  const Table empty_current = MakeSynthetic(0, rng, 0.0);
  auto empty = RunDomainClassifier(reference, empty_current, {}, DomainClassifierOptions{});
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->ran);
}

TEST(DomainClassifierTest, TinyHeldOutSetsUseTheExactNull) {
  // 12 rows a side: 6 + 6 trained, 6 + 6 held out, so the exact null. Its
  // smallest p-value is 1 / C(12, 6) = 1 / 924, so alpha 0.01 is reachable.
  std::mt19937_64 rng(4);
  const Table reference = MakeSynthetic(12, rng, 0.0);
  const Table current = MakeSynthetic(12, rng, 8.0);
  auto result = RunDomainClassifier(reference, current, {"x_normal"}, {.alpha = 0.01});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, 0.01);
  EXPECT_EQ(result->p_value_method, "mann_whitney_exact");
  EXPECT_EQ(result->train_rows, 12u);
  EXPECT_EQ(result->test_rows, 12u);
  ASSERT_TRUE(result->auc_threshold.has_value());
  // x_normal is shifted by 8 sd; only its ~5% nulls can blur the separation.
  EXPECT_TRUE(result->drifted) << "auc=" << *result->auc << " p=" << *result->p_value;
}

TEST(DomainClassifierTest, AlphaBelowFivePercentStillRuns) {
  // Issue 12: with 19 permutations the p-value could not go below 0.05, so
  // --alpha 0.01 silently disabled the check. The analytic null reaches any alpha.
  std::mt19937_64 rng(12);
  const Table reference = MakeSynthetic(1000, rng, 0.0);
  const Table current = MakeSynthetic(1000, rng, 0.5);
  for (double alpha : {0.01, 0.001, 1e-6}) {
    auto result = RunDomainClassifier(reference, current, {}, {.alpha = alpha});
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ExpectWellFormed(*result, alpha);
    EXPECT_TRUE(result->drifted) << "alpha=" << alpha << " p=" << *result->p_value;
    EXPECT_LT(*result->p_value, alpha);
  }
}

TEST(DomainClassifierTest, RowBudgetFollowsTheWidth) {
  // 400 columns: training rows per side = max(250, 120000 / 800 = 150) = 250,
  // held out = max(250, 1000000 / 800 = 1250).
  std::mt19937_64 rng(21);
  std::normal_distribution<double> normal(0.0, 1.0);
  auto wide = [&](size_t rows) {
    std::vector<Column> columns;
    for (int c = 0; c < 400; ++c) {
      std::vector<double> v(rows);
      for (double& x : v) x = normal(rng);
      ValidityBitmap valid;
      valid.AppendMany(true, rows);
      columns.push_back(Column::Float64(Numbered("x", c), std::move(v), std::move(valid)));
    }
    return Table::Make(std::move(columns)).value();
  };
  const Table reference = wide(3000);
  const Table current = wide(3000);
  auto result = RunDomainClassifier(reference, current, {}, DomainClassifierOptions{});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result);
  EXPECT_EQ(result->train_rows, 500u);
  EXPECT_EQ(result->test_rows, 2500u);
  EXPECT_THAT(result->note, HasSubstr("reference subsampled from 3000 to 1500 rows (row budget "
                                      "for 400 columns)"));
}

TEST(DomainClassifierTest, ThousandTextColumnsStayWithinTheBudget) {
  // Issue 12 / 17: wide text data must not take minutes. 1,000 text
  // columns of 20 levels, one of which (t0) changes its level mix.
  std::mt19937_64 rng(17);
  auto wide_text = [&](size_t rows, bool drift) {
    std::vector<std::string> dictionary;
    for (int level = 0; level < 20; ++level) dictionary.push_back(Numbered("v", level));
    std::vector<Column> columns;
    for (int c = 0; c < 1000; ++c) {
      std::vector<int32_t> codes(rows);
      for (int32_t& x : codes) x = static_cast<int32_t>((c == 0 && drift) ? rng() % 5 : rng() % 20);
      ValidityBitmap valid;
      valid.AppendMany(true, rows);
      columns.push_back(
          Column::Categorical(Numbered("t", c), std::move(codes), dictionary, std::move(valid)));
    }
    return Table::Make(std::move(columns)).value();
  };
  const Table reference = wide_text(1000, false);
  const Table current = wide_text(1000, true);
  auto result = RunDomainClassifier(reference, current, {}, DomainClassifierOptions{});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result);
  // 250 training rows a side (the floor), 500 held out (1000000 / 2000).
  EXPECT_EQ(result->train_rows, 500u);
  EXPECT_EQ(result->test_rows, 1000u);
  EXPECT_THAT(result->note, HasSubstr("reference subsampled from 1000 to 750 rows (row budget "
                                      "for 1000 columns)"));
  EXPECT_TRUE(result->drifted);
  ASSERT_FALSE(result->top_columns.empty());
  EXPECT_EQ(result->top_columns[0].first, "t0");
}

TEST(DomainClassifierTest, NoSharedUsableColumnIsNotRun) {
  ValidityBitmap v1, v2;
  v1.AppendMany(true, 50);
  v2.AppendMany(false, 50);  // all null: carries no information
  auto reference = Table::Make({Column::Float64("only_ref", std::vector<double>(50, 1.0), v1),
                                Column::Float64("empty", std::vector<double>(50, 0.0), v2)});
  auto current = Table::Make({Column::Float64("only_cur", std::vector<double>(50, 1.0), v1),
                              Column::Float64("empty", std::vector<double>(50, 0.0), v2)});
  ASSERT_TRUE(reference.ok() && current.ok());
  auto result = RunDomainClassifier(*reference, *current, {}, DomainClassifierOptions{});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->ran);
  EXPECT_THAT(result->note, HasSubstr("no usable column"));
  EXPECT_THAT(result->note, HasSubstr("only_ref (missing in current)"));
  EXPECT_THAT(result->note, HasSubstr("only_cur (missing in reference)"));
  EXPECT_THAT(result->note, HasSubstr("empty (no values)"));
}

TEST(DomainClassifierTest, RetypedColumnIsSkippedAndNamed) {
  std::mt19937_64 rng(5);
  const Table reference = MakeSynthetic(300, rng, 0.0);
  ValidityBitmap valid;
  valid.AppendMany(true, 100);
  std::vector<Column> columns;
  const Table source = MakeSynthetic(100, rng, 0.0);
  for (const Column& c : source.columns()) {
    if (c.name() == "x_normal") {
      columns.push_back(Column::String("x_normal", std::vector<std::string>(100, "oops"), valid));
    } else {
      columns.push_back(c.Renamed(c.name()));
    }
  }
  const Table current = Table::Make(std::move(columns)).value();
  DomainClassifierOptions options;
  options.max_rounds = 10;
  auto result = RunDomainClassifier(reference, current, {}, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result);
  EXPECT_THAT(result->note, HasSubstr("x_normal (type float64 in reference, string in current)"));
  EXPECT_FALSE(HasTopColumn(*result, "x_normal", 10));
}

TEST(DomainClassifierTest, ColumnInNeitherTableIsAnError) {
  std::mt19937_64 rng(1);
  const Table reference = MakeSynthetic(50, rng, 0.0);
  const Table current = MakeSynthetic(50, rng, 0.0);
  auto result = RunDomainClassifier(reference, current, {"x_normal", "typo"}, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("'typo'"));
}

TEST(DomainClassifierTest, InfinitiesAndNaNsAreAccepted) {
  // XGBoost rejects Inf in a DMatrix; the encoder must saturate it.
  ValidityBitmap valid;
  valid.AppendMany(true, 40);
  std::vector<double> ref(40), cur(40);
  for (int i = 0; i < 40; ++i) {
    ref[i] = i % 7 == 0 ? INFINITY : i % 5 == 0 ? NAN : i;
    cur[i] = i % 3 == 0 ? -INFINITY : i + 100.0;
  }
  auto reference = Table::Make({Column::Float64("v", ref, valid)});
  auto current = Table::Make({Column::Float64("v", cur, valid)});
  ASSERT_TRUE(reference.ok() && current.ok());
  auto result = RunDomainClassifier(*reference, *current, {}, {});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result);
  EXPECT_TRUE(result->drifted);
}

TEST(DomainClassifierOptionsTest, ValidateRejectsBadValues) {
  auto expect_invalid = [](DomainClassifierOptions o, const std::string& what) {
    Status s = o.Validate();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << what;
    EXPECT_THAT(s.message(), HasSubstr(what));
  };
  EXPECT_TRUE(DomainClassifierOptions{}.Validate().ok());
  expect_invalid({.alpha = 0.0}, "alpha");
  expect_invalid({.alpha = 1.0}, "alpha");
  expect_invalid({.max_train_cells = 0}, "max_train_cells");
  expect_invalid({.min_train_rows_per_side = 4}, "min_train_rows_per_side must be >= 5");
  expect_invalid({.max_rows_per_side = 9}, "max_rows_per_side must be >= 10");
  expect_invalid({.max_rounds = 0}, "max_rounds");
  expect_invalid({.early_stopping_rounds = 0}, "early_stopping_rounds");
  expect_invalid({.max_depth = 0}, "max_depth");
  expect_invalid({.eta = 0.0}, "eta");
  expect_invalid({.max_bin = 1}, "max_bin");
  expect_invalid({.nthread = -1}, "nthread");
  // Any level in (0, 1) is valid: the analytic null has no floor on p.
  EXPECT_TRUE((DomainClassifierOptions{.alpha = 1e-9}).Validate().ok());

  std::mt19937_64 rng(1);
  const Table t = MakeSynthetic(50, rng, 0.0);
  auto result = RunDomainClassifier(t, t, {}, {.max_rounds = 0});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace airm
