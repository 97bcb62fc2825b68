// Constraints files: the accepted format, and malformed files rejected with
// file, line and column.
#include "airm/chaos/constraints.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace airm::chaos {
namespace {

using ::testing::HasSubstr;

TEST(Constraints, ParsesEveryKey) {
  const char* text = R"(unlisted: immutable
features:
  Age: {immutable: true}
  Income: {range: [0, 1000], cost: 2.5, monotone: decreasing}
  Seniority:
    integer: true
    change: increase
    monotone: decreasing
  Home: {categories: [owner, rent], cost: 3}
  Debt: {integer: false, change: decrease, monotone: increasing}
)";
  auto c = ParseConstraints(text, "c.yaml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->unlisted_immutable);
  EXPECT_EQ(c->source, "c.yaml");
  ASSERT_EQ(c->features.size(), 5u);
  EXPECT_TRUE(c->features.at("Age").immutable);
  const FeatureConstraint& income = c->features.at("Income");
  EXPECT_FALSE(income.immutable);
  EXPECT_EQ(income.range_lo, 0.0);
  EXPECT_EQ(income.range_hi, 1000.0);
  EXPECT_EQ(income.cost, 2.5);
  EXPECT_EQ(income.monotone, MonotoneDirection::kDecreasing);
  EXPECT_EQ(income.change, ChangeDirection::kAny);
  EXPECT_FALSE(income.integer.has_value());
  const FeatureConstraint& seniority = c->features.at("Seniority");
  EXPECT_EQ(seniority.integer, true);
  EXPECT_EQ(seniority.change, ChangeDirection::kIncrease);
  EXPECT_EQ(c->features.at("Home").categories, (std::vector<std::string>{"owner", "rent"}));
  EXPECT_EQ(c->features.at("Home").cost, 3.0);
  EXPECT_EQ(c->features.at("Debt").integer, false);
  EXPECT_EQ(c->features.at("Debt").monotone, MonotoneDirection::kIncreasing);
  // Unlisted features follow `unlisted`.
  EXPECT_TRUE(c->For("Price").immutable);
  EXPECT_FALSE(c->For("Income").immutable);
}

TEST(Constraints, UnlistedDefaultsToMutable) {
  auto c = ParseConstraints("features: {}\n", "c.yaml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_FALSE(c->For("Anything").immutable);
  EXPECT_EQ(c->For("Anything").cost, 1.0);
}

struct Malformed {
  const char* name;
  const char* text;
  const char* where;     // "c.yaml:LINE:COLUMN"
  const char* expected;  // part of the message
};

class MalformedConstraints : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedConstraints, NamesFileLineColumnAndWhatWasExpected) {
  const Malformed& m = GetParam();
  auto c = ParseConstraints(m.text, "c.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kParseError) << c.status().ToString();
  EXPECT_THAT(c.status().message(), HasSubstr(m.where));
  EXPECT_THAT(c.status().message(), HasSubstr(m.expected));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedConstraints,
    ::testing::Values(
        Malformed{"bad_yaml", "features:\n  Age: {immutable: true\n", "c.yaml:3:1", ""},
        Malformed{"not_a_mapping", "- a\n- b\n", "c.yaml:1:1", "expected a mapping"},
        Malformed{"no_features", "unlisted: mutable\n", "c.yaml:1:1", "'features'"},
        Malformed{"unknown_top_key", "features: {}\nfeature: {}\n", "c.yaml:2:1",
                  "unknown key 'feature'"},
        Malformed{"unknown_feature_key", "features:\n  Age: {imutable: true}\n", "c.yaml:2:9",
                  "unknown key 'imutable'"},
        Malformed{"bool_expected", "features:\n  Age:\n    immutable: maybe\n", "c.yaml:3:16",
                  "expected true or false"},
        Malformed{"range_reversed", "features:\n  Income: {range: [10, 1]}\n", "c.yaml:2:19",
                  "lo <= hi"},
        Malformed{"range_not_pair", "features:\n  Income: {range: [1, 2, 3]}\n", "c.yaml:2:19",
                  "expected [lo, hi]"},
        Malformed{"range_not_number", "features:\n  Income: {range: [a, 2]}\n", "c.yaml:2:20",
                  "expected a finite number"},
        Malformed{"range_infinite", "features:\n  Income: {range: [0, .inf]}\n", "c.yaml:2:23",
                  "expected a finite number"},
        Malformed{"negative_cost", "features:\n  Income: {cost: -1}\n", "c.yaml:2:18", "cost >= 0"},
        Malformed{"bad_monotone", "features:\n  Income: {monotone: up}\n", "c.yaml:2:22",
                  "'increasing' or 'decreasing'"},
        Malformed{"bad_change", "features:\n  Income: {change: sideways}\n", "c.yaml:2:20",
                  "'any', 'increase' or 'decrease'"},
        Malformed{"bad_unlisted", "unlisted: frozen\nfeatures: {}\n", "c.yaml:1:11",
                  "'mutable' or 'immutable'"},
        Malformed{"empty_categories", "features:\n  Home: {categories: []}\n", "c.yaml:2:22",
                  "non-empty list"},
        Malformed{"duplicate_category", "features:\n  Home: {categories: [a, b, a]}\n",
                  "c.yaml:2:29", "listed twice"},
        Malformed{"range_and_categories", "features:\n  Home: {range: [0, 1], categories: [a]}\n",
                  "c.yaml:2:37", "both 'range'"},
        Malformed{"duplicate_feature", "features:\n  Age: {cost: 1}\n  Age: {cost: 2}\n",
                  "c.yaml:3:3", "listed twice"},
        Malformed{"feature_not_mapping", "features:\n  Age: true\n", "c.yaml:2:8",
                  "expected a mapping of constraints"},
        Malformed{"features_not_mapping", "features: [Age]\n", "c.yaml:1:11",
                  "expected a mapping of feature name"}),
    [](const ::testing::TestParamInfo<Malformed>& info) { return info.param.name; });

TEST(Constraints, LoadsAFileAndNamesItInErrors) {
  const std::string path = ::testing::TempDir() + "/airm_stress_constraints.yaml";
  {
    std::ofstream out(path);
    out << "features:\n  Age: {immutable: true}\n  Income: {cost: x}\n";
  }
  auto c = LoadConstraintsFile(path);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kParseError);
  EXPECT_THAT(c.status().message(), HasSubstr(path + ":3:18"));
  {
    std::ofstream out(path);
    out << "features:\n  Age: {immutable: true}\n";
  }
  auto ok = LoadConstraintsFile(path);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->source, path);
  std::remove(path.c_str());
}

TEST(Constraints, MissingFileIsNotFound) {
  auto c = LoadConstraintsFile("/nonexistent/airm/constraints.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(c.status().message(), HasSubstr("/nonexistent/airm/constraints.yaml"));
}

}  // namespace
}  // namespace airm::chaos
