// The catalogue: which cases each family plans and what each perturbation
// does to the batch, on a small typed table.
#include "catalogue.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "model_input.h"
#include "suite_test_data.h"

namespace airm::chaos::internal {
namespace {

ChaosOptions Options() {
  ChaosOptions o;
  o.target = std::string("y");  // not = "y": GCC 12 warns falsely (-Wrestrict) on that
  o.batch_rows = 2;
  o.big_batch_factor = 5;
  o.perturb_share = 0.5;
  return o;
}

ModelInput Input(const ChaosOptions& options = Options()) {
  Result<ModelInput> input = BuildModelInput(testing::SmallTable(), options);
  EXPECT_TRUE(input.ok()) << input.status().ToString();
  return std::move(input).value();
}

bool IsNull(const Cell& c) { return std::holds_alternative<std::monostate>(c); }

TEST(ModelInputTest, KeepsFeaturesAsWireCellsAndChoosesThePositiveLabel) {
  const ModelInput in = Input();
  EXPECT_EQ(in.base.columns, (std::vector<std::string>{"x", "n", "city"}));
  ASSERT_EQ(in.rows(), 6u);
  EXPECT_TRUE(in.binary);
  EXPECT_EQ(in.positive_label, "yes");  // a conventional positive name
  EXPECT_EQ(in.labels, (std::vector<uint8_t>{0, 1, 0, 0, 1, 0}));
  EXPECT_TRUE(IsNull(in.base.rows[2][0]));
  EXPECT_EQ(std::get<double>(in.base.rows[1][1]), 20.0);
  EXPECT_EQ(std::get<std::string>(in.base.rows[3][2]), "tromsø");
  EXPECT_EQ(in.features[0].kind, FeatureKind::kNumeric);
  EXPECT_EQ(*in.features[0].min, 0.5);
  EXPECT_EQ(*in.features[0].max, 4.0);
  EXPECT_EQ(in.features[2].kind, FeatureKind::kText);
  EXPECT_EQ(in.features[2].categories.size(), 3u);
}

TEST(ModelInputTest, RejectsUnknownColumnsAndUnusableTargets) {
  ChaosOptions o = Options();
  o.target = "nope";
  Result<ModelInput> r = BuildModelInput(testing::SmallTable(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("--target names column 'nope'"), std::string::npos);

  o = Options();
  o.exclude_columns = {"missing"};
  r = BuildModelInput(testing::SmallTable(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--exclude"), std::string::npos);

  o = Options();
  o.positive_label = "maybe";
  r = BuildModelInput(testing::SmallTable(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("'maybe' is not a label"), std::string::npos);

  // A text target with three labels needs --positive-label.
  o = Options();
  o.target = "city";
  r = BuildModelInput(testing::SmallTable(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("more than two text labels"), std::string::npos);
  o.positive_label = "Oslo";
  r = BuildModelInput(testing::SmallTable(), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows_excluded, 1u);  // the row whose city is null
  EXPECT_EQ(r->negative_label, "not Oslo");
}

TEST(ModelInputTest, NumericTargetWithManyValuesIsRegression) {
  ChaosOptions o = Options();
  o.target = "n";
  Result<ModelInput> r = BuildModelInput(testing::SmallTable(), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->binary);
  EXPECT_EQ(r->values.front(), 10.0);
  EXPECT_EQ(r->base.columns, (std::vector<std::string>{"x", "city", "y"}));
}

TEST(CatalogueTest, NullAndAbsentCasesCoverEveryFeature) {
  const ModelInput in = Input();
  const std::vector<CasePlan> nulls = NullOneCases(in);
  ASSERT_EQ(nulls.size(), 3u);
  EXPECT_EQ(nulls[0].name, "null:x");
  const CaseInput x = nulls[0].build();
  for (const auto& row : x.batch.rows) EXPECT_TRUE(IsNull(row[0]));
  EXPECT_EQ(x.rows_affected, 5u);  // row 2 was already null
  const CaseInput absent = AbsentCases(in)[1].build();
  EXPECT_EQ(absent.batch.columns, (std::vector<std::string>{"x", "city"}));
  EXPECT_EQ(absent.batch.rows[0].size(), 2u);
  EXPECT_EQ(absent.rows_affected, 6u);
}

TEST(CatalogueTest, McarNullsAboutTheRequestedShareReproducibly) {
  ChaosOptions o = Options();
  o.mcar_rates = {0.5};
  // 6 rows x 3 features is too small for a share; use the credit data.
  Result<ModelInput> in = BuildModelInput(testing::CreditTable(), [] {
    ChaosOptions c;
    c.target = "Status";
    c.mcar_rates = {0.5};
    return c;
  }());
  ASSERT_TRUE(in.ok());
  ChaosOptions credit;
  credit.target = "Status";
  credit.mcar_rates = {0.5};
  const std::vector<CasePlan> plans = McarCases(*in, credit);
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].name, "mcar:50%");
  const CaseInput a = plans[0].build();
  const CaseInput b = plans[0].build();
  size_t nulls = 0, cells = 0, was_null = 0;
  for (size_t r = 0; r < a.batch.rows.size(); ++r) {
    for (size_t c = 0; c < a.batch.columns.size(); ++c) {
      ++cells;
      nulls += IsNull(a.batch.rows[r][c]);
      was_null += IsNull(in->base.rows[r][c]);
      EXPECT_EQ(IsNull(a.batch.rows[r][c]), IsNull(b.batch.rows[r][c]));
    }
  }
  // Expected share: 0.5 + 0.5 * (share already null). Binomial sd over
  // ~17,000 cells is about 0.004; allow 4 sd.
  const double expected = 0.5 + 0.5 * static_cast<double>(was_null) / cells;
  EXPECT_NEAR(static_cast<double>(nulls) / cells, expected, 0.016);
}

TEST(CatalogueTest, KeepTopKKeepsOnlyTheRankedFeatures) {
  const ModelInput in = Input();
  ChaosOptions o = Options();
  o.keep_top_k = {1, 3};  // 3 is not below the feature count: skipped
  const std::vector<CasePlan> plans = KeepTopKCases(in, {2, 0, 1}, o);
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].name, "keep_top:1");
  const CaseInput kept = plans[0].build();
  for (size_t r = 0; r < kept.batch.rows.size(); ++r) {
    EXPECT_TRUE(IsNull(kept.batch.rows[r][0]));
    EXPECT_TRUE(IsNull(kept.batch.rows[r][1]));
    EXPECT_EQ(kept.batch.rows[r][2], in.base.rows[r][2]);
  }
}

TEST(CatalogueTest, TypeCasesPerturbTheSameSampledRows) {
  const ModelInput in = Input();
  const std::vector<CasePlan> plans = TypeCases(in, Options());
  std::set<std::string> names;
  for (const CasePlan& p : plans) names.insert(p.name);
  // x has no negative value: it gets the "negative" case; n (int) too; city is text.
  for (const char* n : {"string:x", "huge:x", "huge_negative:x", "zero:x", "negative:x", "nan:x",
                        "inf:x", "neg_inf:x", "out_of_range:x", "negative:n"}) {
    EXPECT_TRUE(names.count(n)) << n;
  }
  EXPECT_FALSE(names.count("string:city"));
  const std::vector<size_t> sample = PerturbedSample(in, Options());
  ASSERT_EQ(sample.size(), 3u);  // half of 6 rows
  for (const CasePlan& p : plans) {
    const CaseInput c = p.build();
    EXPECT_EQ(c.rows_affected, sample.size()) << p.name;
    for (size_t r : sample) {
      EXPECT_TRUE(c.affected[r]);
    }
    if (p.name == "out_of_range:x") {
      EXPECT_EQ(std::get<double>(c.batch.rows[sample[0]][0]), 4.0 + 10 * 3.5);
    }
    if (p.name == "inf:x") {
      EXPECT_TRUE(std::isinf(std::get<double>(c.batch.rows[sample[0]][0])));
    }
    if (p.name == "string:n") {
      EXPECT_EQ(std::get<std::string>(c.batch.rows[sample[1]][1]), "not-a-number");
    }
  }
}

TEST(CatalogueTest, CategoryCasesChangeTextValues) {
  const ModelInput in = Input();
  const std::vector<CasePlan> plans = CategoryCases(in, Options());
  ASSERT_EQ(plans.size(), 4u);
  const std::vector<size_t> sample = PerturbedSample(in, Options());
  for (const CasePlan& p : plans) {
    const CaseInput c = p.build();
    for (size_t r : sample) {
      const Cell& cell = c.batch.rows[r][2];
      const Cell& original = in.base.rows[r][2];
      if (p.mode == "unseen") {
        EXPECT_EQ(std::get<std::string>(cell), "airm-unseen-category");
      }
      if (p.mode == "empty_string") {
        EXPECT_EQ(std::get<std::string>(cell), "");
      }
      if (p.mode == "whitespace" && !IsNull(original)) {
        EXPECT_EQ(std::get<std::string>(cell), " " + std::get<std::string>(original) + " ");
      }
      if (p.mode == "case" && !IsNull(original)) {
        EXPECT_NE(std::get<std::string>(cell), std::get<std::string>(original));
      }
    }
  }
}

TEST(CatalogueTest, StructureCasesKeepEveryRowsMeaning) {
  const ModelInput in = Input();
  const std::vector<CasePlan> plans = StructureCases(in, Options());
  std::vector<std::string> names;
  for (const CasePlan& p : plans) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"shuffled_columns", "extra_columns", "duplicated_rows",
                                             "empty_batch", "batch_5x"}));
  const CaseInput shuffled = plans[0].build();
  EXPECT_NE(shuffled.batch.columns, in.base.columns);
  for (size_t r = 0; r < in.rows(); ++r) {
    for (size_t c = 0; c < 3; ++c) {
      const size_t from =
          std::find(in.base.columns.begin(), in.base.columns.end(), shuffled.batch.columns[c]) -
          in.base.columns.begin();
      const Cell& a = shuffled.batch.rows[r][c];
      const Cell& b = in.base.rows[r][from];
      EXPECT_TRUE(a == b || (IsNull(a) && IsNull(b)));
    }
  }
  EXPECT_TRUE(plans[0].invariant());
  const CaseInput extra = plans[1].build();
  EXPECT_EQ(extra.batch.columns.size(), 5u);
  const CaseInput dups = plans[2].build();
  EXPECT_GT(dups.batch.rows.size(), in.rows());
  EXPECT_EQ(dups.source_rows.size(), dups.batch.rows.size());
  const CaseInput empty = plans[3].build();
  EXPECT_TRUE(empty.batch.rows.empty());
  EXPECT_EQ(empty.batch.columns, in.base.columns);
  EXPECT_FALSE(plans[3].invariant());
  const CaseInput big = plans[4].build();
  EXPECT_EQ(big.batch.rows.size(), 10u);  // 5 x 2 rows
  EXPECT_TRUE(big.single_request);
  EXPECT_EQ(big.source_rows[7], 1);
}

TEST(CatalogueTest, NamesAreUniqueAndGateAddressable) {
  Result<ModelInput> in = BuildModelInput(testing::CreditTable(), [] {
    ChaosOptions c;
    c.target = "Status";
    return c;
  }());
  ASSERT_TRUE(in.ok());
  ChaosOptions o;
  o.target = "Status";
  std::set<std::string> names;
  size_t total = 0;
  for (auto plans : {NullOneCases(*in), AbsentCases(*in), McarCases(*in, o), TypeCases(*in, o),
                     CategoryCases(*in, o), StructureCases(*in, o), DeterminismCases(*in)}) {
    for (const CasePlan& p : plans) {
      ++total;
      names.insert(p.name);
      EXPECT_EQ(p.name.find('.'), std::string::npos) << p.name;
    }
  }
  EXPECT_EQ(names.size(), total);
}

TEST(CatalogueTest, SampleRowsIsSeededAndSized) {
  EXPECT_EQ(SampleRows(100, 0.1, 7), SampleRows(100, 0.1, 7));
  EXPECT_NE(SampleRows(100, 0.1, 7), SampleRows(100, 0.1, 8));
  EXPECT_EQ(SampleRows(100, 0.1, 7).size(), 10u);
  EXPECT_EQ(SampleRows(3, 0.01, 7).size(), 1u);
  EXPECT_TRUE(SampleRows(0, 0.5, 7).empty());
}

}  // namespace
}  // namespace airm::chaos::internal
