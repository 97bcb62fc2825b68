// Helpers for the scipy-fixture tests: loading fixtures, the shared
// generator of large samples, and tolerance-aware comparisons.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "airm/stats/test_outcome.h"

namespace airm::stats::testing {

// Parses tests/fixtures/stats/<name>; fails the test if unreadable.
nlohmann::json LoadFixture(const std::string& name);

std::vector<double> ToDoubles(const nlohmann::json& array);
std::vector<uint64_t> ToCounts(const nlohmann::json& array);

// x_i = offset + y_i^power, y_i = ((i * mult) % mod) / mod: the formula of
// generated_sample() in scripts/fixtures/make_stats_fixtures.py. Integer
// arithmetic plus one correctly rounded division, so identical in both.
std::vector<double> GeneratedSample(const nlohmann::json& formula);

// Tolerances (docs/statistics.md): statistics to 1e-9 relative; p-values to
// 1e-6 relative or 1e-12 absolute, whichever is looser.
inline constexpr double kStatRelTol = 1e-9;
inline constexpr double kPRelTol = 1e-6;
inline constexpr double kPAbsTol = 1e-12;

// Expected value null <=> actual nullopt; otherwise |a - e| <= max(rel |e|, abs).
::testing::AssertionResult Near(const std::optional<double>& actual, const nlohmann::json& expected,
                                double rel, double abs);

// Compares an outcome to {"statistic": .., "p_value": ..}.
void ExpectOutcome(const TestOutcome& actual, const nlohmann::json& expected,
                   const std::string& context, double stat_abs = 0.0);

}  // namespace airm::stats::testing
