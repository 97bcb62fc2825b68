// The manipulation test on the real credit model, in process (libxgboost):
// constraints hold in every flip, every flip really flips, rates behave.
#include "airm/chaos/manipulation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "airm/report/chaos_stress_report.h"
#include "stress_test_util.h"

namespace airm::chaos {
namespace {

using ::testing::HasSubstr;

constexpr const char* kConstraints = R"(features:
  Age: {immutable: true}
  Records: {immutable: true}
  Marital: {immutable: true}
  Home: {categories: [owner, rent, parents]}
  Seniority: {change: increase}
  Income: {monotone: decreasing}
  Debt: {monotone: increasing}
)";

class ManipulationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rows_ = new CreditRows(LoadCreditRows());
    auto c = ParseConstraints(kConstraints, "credit.yaml");
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    constraints_ = new Constraints(*c);
    adapter_ = CreditXgboost().release();
    ASSERT_NE(adapter_, nullptr);
    ManipulationOptions options = Options();
    auto r = RunManipulationTest(*adapter_, rows_->batch, *constraints_, options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    result_ = new ManipulationResult(std::move(*r));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete adapter_;
    delete constraints_;
    delete rows_;
  }
  static ManipulationOptions Options() {
    ManipulationOptions o;
    o.decision_threshold = kCreditThreshold;
    o.sample_rows = 120;
    o.monotone_rows = 60;
    o.max_examples = 1000;  // every flip, to check them all
    o.seed = 7;
    return o;
  }
  static size_t Column(const std::string& name) {
    const auto& c = rows_->batch.columns;
    return std::find(c.begin(), c.end(), name) - c.begin();
  }

  static CreditRows* rows_;
  static Constraints* constraints_;
  static ModelAdapter* adapter_;
  static ManipulationResult* result_;
};

CreditRows* ManipulationTest::rows_ = nullptr;
Constraints* ManipulationTest::constraints_ = nullptr;
ModelAdapter* ManipulationTest::adapter_ = nullptr;
ManipulationResult* ManipulationTest::result_ = nullptr;

TEST_F(ManipulationTest, CountsAreConsistent) {
  const ManipulationResult& r = *result_;
  EXPECT_EQ(r.pool_rows, 1068);
  EXPECT_EQ(r.rows_sampled, 120);
  EXPECT_EQ(r.rows_eligible + r.rows_unscorable, r.rows_sampled);  // target "any"
  EXPECT_GT(r.rows_eligible, 0);
  EXPECT_EQ(r.flips_unconfirmed, 0);  // XGBoost is deterministic
  EXPECT_GT(r.model_calls, 3);
  EXPECT_GT(r.rows_scored, r.rows_sampled);
  EXPECT_THAT(r.immutable_features, ::testing::UnorderedElementsAre("Age", "Records", "Marital"));
  EXPECT_EQ(r.mutable_features.size(), 10u);
}

TEST_F(ManipulationTest, FlipRateNeverFallsAsTheBudgetGrows) {
  const ManipulationResult& r = *result_;
  ASSERT_EQ(r.flip_rates.size(), r.options.budgets.size());
  for (size_t i = 0; i < r.flip_rates.size(); ++i) {
    EXPECT_EQ(r.flip_rates[i].budget, r.options.budgets[i]);
    ASSERT_TRUE(r.flip_rates[i].rate.has_value());
    EXPECT_DOUBLE_EQ(*r.flip_rates[i].rate,
                     static_cast<double>(r.flip_rates[i].flipped) / r.rows_eligible);
    if (i > 0) {
      EXPECT_GE(r.flip_rates[i].flipped, r.flip_rates[i - 1].flipped);
    }
  }
  // Every flip within the largest budget is listed (max_examples is large).
  EXPECT_EQ(static_cast<int64_t>(r.cheapest_flips.size()), r.flip_rates.back().flipped);
  EXPECT_GT(r.flip_rates.back().flipped, 0);
  for (size_t i = 1; i < r.cheapest_flips.size(); ++i) {
    EXPECT_LE(r.cheapest_flips[i - 1].cost, r.cheapest_flips[i].cost);
  }
  // A single feature alone never beats the combined search for a row.
  for (const FeatureFlipStats& f : r.per_feature) {
    EXPECT_LE(f.flips, r.flip_rates.back().flipped) << f.feature;
  }
}

TEST_F(ManipulationTest, FlipsRespectTheConstraints) {
  const std::set<std::string> homes = {"owner", "rent", "parents"};
  for (const FlipExample& e : result_->cheapest_flips) {
    SCOPED_TRACE("row " + std::to_string(e.row));
    ASSERT_FALSE(e.changes.empty());
    double cost = 0;
    for (const FeatureChange& c : e.changes) {
      EXPECT_NE(c.feature, "Age");
      EXPECT_NE(c.feature, "Records");
      EXPECT_NE(c.feature, "Marital");
      EXPECT_NE(c.from, c.to) << c.feature;
      EXPECT_EQ(c.from, rows_->batch.rows[e.row][Column(c.feature)]) << c.feature;
      if (c.feature == "Home") {
        ASSERT_TRUE(std::holds_alternative<std::string>(c.to));
        EXPECT_TRUE(homes.count(std::get<std::string>(c.to))) << std::get<std::string>(c.to);
      }
      if (const auto* to = std::get_if<double>(&c.to)) {
        // Every numeric credit feature holds whole numbers, so flips do too.
        EXPECT_EQ(*to, std::round(*to)) << c.feature;
        EXPECT_GE(c.cost, 0);
        if (c.feature == "Seniority") {
          EXPECT_GT(*to, std::get<double>(c.from));
        }
      }
      cost += c.cost;
    }
    EXPECT_NEAR(e.cost, cost, 1e-9);
    EXPECT_LE(e.cost, result_->options.budgets.back());
  }
}

TEST_F(ManipulationTest, EveryReportedFlipReallyFlipsWhenScoredAgain) {
  Batch changed;
  changed.columns = rows_->batch.columns;
  for (const FlipExample& e : result_->cheapest_flips) {
    std::vector<Cell> row = rows_->batch.rows[e.row];
    for (const FeatureChange& c : e.changes) row[Column(c.feature)] = c.to;
    changed.rows.push_back(row);
  }
  Batch originals;
  originals.columns = rows_->batch.columns;
  for (const FlipExample& e : result_->cheapest_flips) {
    originals.rows.push_back(rows_->batch.rows[e.row]);
  }
  const PredictOutcome after = adapter_->Predict(changed);
  const PredictOutcome before = adapter_->Predict(originals);
  ASSERT_TRUE(after.ok() && before.ok()) << after.detail << before.detail;
  for (size_t i = 0; i < result_->cheapest_flips.size(); ++i) {
    const FlipExample& e = result_->cheapest_flips[i];
    EXPECT_EQ(before.scores[i], e.score_before);
    EXPECT_EQ(after.scores[i], e.score_after);
    EXPECT_NE(before.scores[i] >= kCreditThreshold, after.scores[i] >= kCreditThreshold)
        << "row " << e.row;
  }
}

TEST_F(ManipulationTest, DeclaredMonotoneFeatureTheModelIsNotMonotoneInIsFlagged) {
  const ManipulationResult& r = *result_;
  ASSERT_EQ(r.monotonicity.size(), 2u);  // column order: Income before Debt
  const MonotonicityCheck& income = r.monotonicity[0];
  EXPECT_EQ(income.feature, "Income");
  EXPECT_EQ(income.declared, MonotoneDirection::kDecreasing);
  EXPECT_EQ(income.rows_checked, 60);
  EXPECT_GT(income.rows_violating, 0);
  EXPECT_GT(income.max_violation, r.options.monotone_tolerance);
  ASSERT_TRUE(income.worst_row.has_value());
  // Decreasing declared: the worst example is a rise as Income grows.
  EXPECT_LT(income.worst_x_from, income.worst_x_to);
  EXPECT_NEAR(income.worst_score_to - income.worst_score_from, income.max_violation, 1e-12);
  const auto flagged = std::find_if(r.findings.begin(), r.findings.end(), [](const Finding& f) {
    return f.code == "manipulation.monotonicity" && f.subject == "Income";
  });
  ASSERT_NE(flagged, r.findings.end());
  EXPECT_EQ(flagged->severity, Severity::kWarn);
  EXPECT_THAT(flagged->message, HasSubstr("declared decreasing in Income"));

  // The worst example reproduces when scored directly.
  Batch two;
  two.columns = rows_->batch.columns;
  for (double x : {income.worst_x_from, income.worst_x_to}) {
    two.rows.push_back(rows_->batch.rows[*income.worst_row]);
    two.rows.back()[Column("Income")] = x;
  }
  const PredictOutcome scored = adapter_->Predict(two);
  ASSERT_TRUE(scored.ok());
  EXPECT_EQ(scored.scores[0], income.worst_score_from);
  EXPECT_EQ(scored.scores[1], income.worst_score_to);
}

TEST_F(ManipulationTest, FlipRateFindingQuotesTheBudget) {
  const auto it = std::find_if(result_->findings.begin(), result_->findings.end(),
                               [](const Finding& f) { return f.code == "manipulation.flip_rate"; });
  ASSERT_NE(it, result_->findings.end());
  EXPECT_THAT(it->message, HasSubstr("of decisions flip with a cost <= 0.5"));
  EXPECT_EQ(it->evidence.at("budget"), 0.5);
  // Findings are ordered most severe first.
  for (size_t i = 1; i < result_->findings.size(); ++i) {
    EXPECT_GE(static_cast<int>(result_->findings[i - 1].severity),
              static_cast<int>(result_->findings[i].severity));
  }
}

TEST_F(ManipulationTest, SameSeedSameResult) {
  auto again = RunManipulationTest(*adapter_, rows_->batch, *constraints_, Options());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ManipulationResultToJson(*again), ManipulationResultToJson(*result_));
}

TEST_F(ManipulationTest, ImmutableEverythingFlipsNothing) {
  auto c = ParseConstraints("unlisted: immutable\nfeatures: {}\n", "frozen.yaml");
  ASSERT_TRUE(c.ok());
  ManipulationOptions o = Options();
  o.sample_rows = 20;
  auto r = RunManipulationTest(*adapter_, rows_->batch, *c, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->mutable_features.empty());
  for (const BudgetFlipRate& b : r->flip_rates) EXPECT_EQ(b.flipped, 0);
  EXPECT_TRUE(r->cheapest_flips.empty());
  EXPECT_TRUE(r->monotonicity.empty());
}

TEST_F(ManipulationTest, TargetRestrictsWhichDecisionsAreSearched) {
  ManipulationOptions o = Options();
  o.sample_rows = 60;
  o.target = FlipTarget::kToNegative;  // "bad" -> "good": what an applicant would want
  auto r = RunManipulationTest(*adapter_, rows_->batch, *constraints_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_LT(r->rows_eligible, r->rows_sampled);
  for (const FlipExample& e : r->cheapest_flips) {
    EXPECT_GE(e.score_before, kCreditThreshold);
    EXPECT_LT(e.score_after, kCreditThreshold);
  }
}

TEST_F(ManipulationTest, ConstraintsThatDoNotFitTheDataAreRejected) {
  const auto rejects = [&](const char* yaml, const char* expected) {
    auto c = ParseConstraints(yaml, "bad.yaml");
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    auto r = RunManipulationTest(*adapter_, rows_->batch, *c, Options());
    ASSERT_FALSE(r.ok()) << yaml;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr("bad.yaml"));
    EXPECT_THAT(r.status().message(), HasSubstr(expected));
  };
  rejects("features:\n  Salary: {immutable: true}\n", "'Salary': not a feature column");
  rejects("features:\n  Home: {range: [0, 1]}\n", "'range' given for a text column");
  rejects("features:\n  Home: {monotone: increasing}\n", "'monotone' needs a numeric column");
  rejects("features:\n  Income: {categories: [a, b]}\n", "'categories' given for a numeric");
}

TEST_F(ManipulationTest, BadOptionsAndInputsAreRejected) {
  ManipulationOptions o = Options();
  o.budgets = {0.5, 0.25};
  auto r = RunManipulationTest(*adapter_, rows_->batch, *constraints_, o);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("budgets"));
  o = Options();
  o.finding_budget = 0.3;
  EXPECT_THAT(o.Validate().message(), HasSubstr("finding_budget"));
  Batch empty{rows_->batch.columns, {}};
  auto e = RunManipulationTest(*adapter_, empty, *constraints_, Options());
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(e.status().message(), HasSubstr("pool is empty"));
}

std::string HomeWithCategories(int count) {
  std::string yaml = "features:\n  Home:\n    categories: [owner, rent";
  for (int i = 0; i < count - 2; ++i) yaml += ", level" + std::to_string(i);
  return yaml + "]\n";
}

// Issue 17: 20,000 categories took 2.4 GB. The count is capped, naming the
// feature and the flag.
TEST_F(ManipulationTest, CategoriesBeyondTheCapAreRejected) {
  auto many = ParseConstraints(HomeWithCategories(1200), "many.yaml");
  ASSERT_TRUE(many.ok()) << many.status().ToString();
  auto r = RunManipulationTest(*adapter_, rows_->batch, *many, Options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(),
              HasSubstr("many.yaml: feature 'Home': 1200 categories listed, more than the limit "
                        "of 1000 values a feature may try (raise it with --max-categories"));
  auto unlisted = ParseConstraints("features:\n  Age: {immutable: true}\n", "few.yaml");
  ASSERT_TRUE(unlisted.ok());
  ManipulationOptions o = Options();
  o.max_categories = 2;  // Home has more levels than that in the data
  auto observed = RunManipulationTest(*adapter_, rows_->batch, *unlisted, o);
  ASSERT_FALSE(observed.ok());
  EXPECT_THAT(observed.status().message(), HasSubstr("categories observed in the data"));
  o.max_categories = 0;
  EXPECT_THAT(o.Validate().message(), HasSubstr("max_categories"));
}

// Records the largest batch a search hands the model in one call.
class LargestBatch : public ModelAdapter {
 public:
  explicit LargestBatch(ModelAdapter& inner) : inner_(inner) {}
  PredictOutcome Predict(const Batch& batch) override {
    largest_ = std::max(largest_, batch.rows.size());
    return inner_.Predict(batch);
  }
  std::string Describe() const override { return inner_.Describe(); }
  bool IsLocal() const override { return true; }
  size_t largest() const { return largest_; }

 private:
  ModelAdapter& inner_;
  size_t largest_ = 0;
};

// The cause of the 2.4 GB: every candidate row of a step was built at once
// (rows x categories whole rows). Steps are now scored in bounded chunks
// (kCandidatesPerBatch = 4096), whatever the number of categories.
TEST_F(ManipulationTest, CandidateRowsAreBuiltInBoundedBatches) {
  auto wide = ParseConstraints(HomeWithCategories(3000), "wide.yaml");
  ASSERT_TRUE(wide.ok());
  ManipulationOptions o = Options();
  o.sample_rows = 20;  // 20 rows x 3000 levels = 60,000 candidates in the first step
  o.max_categories = 3000;
  o.greedy_max_steps = 1;
  LargestBatch recorder(*adapter_);
  auto r = RunManipulationTest(recorder, rows_->batch, *wide, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->rows_scored, 60000);
  EXPECT_LE(recorder.largest(), 4096u);
  EXPECT_GE(r->model_calls, 60000 / 4096);
}

}  // namespace
}  // namespace airm::chaos
