// The monotonicity check against python3-xgboost on the same grid
// (scripts/fixtures/make_chaos_stress_fixtures.py).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "airm/chaos/manipulation.h"
#include "stress_test_util.h"

namespace airm::chaos {
namespace {

TEST(MonotonicityFixture, MatchesPythonXgboost) {
  std::ifstream in(std::string(AIRM_STRESS_FIXTURE_DIR) + "/monotonicity.json");
  ASSERT_TRUE(in.good());
  const nlohmann::json fixture = nlohmann::json::parse(in);
  const size_t rows = fixture["rows"].get<size_t>();
  const CreditRows credit = LoadCreditRows(rows);
  ASSERT_EQ(credit.batch.rows.size(), rows);

  std::string yaml = "features:\n";
  for (const auto& check : fixture["checks"]) {
    yaml += "  " + check["feature"].get<std::string>() +
            ": {monotone: " + check["declared"].get<std::string>() + "}\n";
  }
  auto constraints = ParseConstraints(yaml, "fixture.yaml");
  ASSERT_TRUE(constraints.ok()) << constraints.status().ToString();
  ManipulationOptions options;
  options.monotone_rows = static_cast<int>(rows);  // every row: no sampling to reproduce
  options.monotone_grid_points = fixture["grid_points"].get<int>();
  options.monotone_tolerance = fixture["tolerance"].get<double>();
  auto adapter = CreditXgboost();
  ASSERT_NE(adapter, nullptr);
  auto checks = CheckMonotonicity(*adapter, credit.batch, *constraints, options);
  ASSERT_TRUE(checks.ok()) << checks.status().ToString();

  // Checks come in column order; the fixture lists them in its own order.
  ASSERT_EQ(checks->size(), fixture["checks"].size());
  for (const auto& expected : fixture["checks"]) {
    const std::string feature = expected["feature"].get<std::string>();
    SCOPED_TRACE(feature);
    const auto it = std::find_if(checks->begin(), checks->end(),
                                 [&](const MonotonicityCheck& c) { return c.feature == feature; });
    ASSERT_NE(it, checks->end());
    EXPECT_EQ(MonotoneDirectionName(it->declared), expected["declared"].get<std::string>());
    EXPECT_EQ(it->grid_lo, expected["grid_lo"].get<double>());
    EXPECT_EQ(it->grid_hi, expected["grid_hi"].get<double>());
    EXPECT_EQ(it->rows_checked, expected["rows_checked"].get<int64_t>());
    EXPECT_EQ(it->rows_violating, expected["rows_violating"].get<int64_t>());
    // Both sides score with Debian's libxgboost 1.7.4 on the same float32
    // features; differences would come from float32 output rounding only.
    EXPECT_NEAR(it->max_violation, expected["max_violation"].get<double>(), 1e-6);
  }
}

}  // namespace
}  // namespace airm::chaos
