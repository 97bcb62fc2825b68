#include "fixture_util.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace airm::stats::testing {

nlohmann::json LoadFixture(const std::string& name) {
  const std::string path = std::string(AIRM_STATS_FIXTURE_DIR) + "/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  if (!in.good()) return nlohmann::json::object();
  return nlohmann::json::parse(in);
}

std::vector<double> ToDoubles(const nlohmann::json& array) {
  std::vector<double> out;
  out.reserve(array.size());
  for (const auto& v : array) out.push_back(v.is_null() ? std::nan("") : v.get<double>());
  return out;
}

std::vector<uint64_t> ToCounts(const nlohmann::json& array) {
  std::vector<uint64_t> out;
  for (const auto& v : array) out.push_back(v.get<uint64_t>());
  return out;
}

std::vector<double> GeneratedSample(const nlohmann::json& formula) {
  const auto n = formula.at("n").get<int64_t>();
  const auto mult = formula.at("mult").get<int64_t>();
  const auto mod = formula.at("mod").get<int64_t>();
  const auto power = formula.at("power").get<int>();
  const auto offset = formula.at("offset").get<double>();
  std::vector<double> out(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    double y = static_cast<double>((i * mult) % mod) / static_cast<double>(mod);
    if (power == 2) y = y * y;
    out[static_cast<size_t>(i)] = y + offset;
  }
  return out;
}

::testing::AssertionResult Near(const std::optional<double>& actual, const nlohmann::json& expected,
                                double rel, double abs) {
  if (expected.is_null()) {
    if (!actual.has_value()) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "expected undefined, got " << *actual;
  }
  const double e = expected.get<double>();
  if (!actual.has_value())
    return ::testing::AssertionFailure() << "expected " << e << ", got nullopt";
  const double a = *actual;
  const double tol = std::max(rel * std::abs(e), abs);
  if (std::abs(a - e) <= tol) return ::testing::AssertionSuccess();
  std::ostringstream msg;
  msg.precision(17);
  msg << "actual " << a << " expected " << e << " diff " << (a - e) << " tol " << tol;
  return ::testing::AssertionFailure() << msg.str();
}

void ExpectOutcome(const TestOutcome& actual, const nlohmann::json& expected,
                   const std::string& context, double stat_abs) {
  EXPECT_TRUE(Near(actual.statistic, expected.at("statistic"), kStatRelTol, stat_abs))
      << context << " statistic; note: " << actual.note;
  EXPECT_TRUE(Near(actual.p_value, expected.at("p_value"), kPRelTol, kPAbsTol))
      << context << " p-value; note: " << actual.note;
  if (!actual.statistic.has_value()) {
    EXPECT_FALSE(actual.note.empty()) << context;
  }
}

}  // namespace airm::stats::testing
