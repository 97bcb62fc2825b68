// CompareProfiles (drift from sketches) against AnalyzeDrift on the same rows:
// with sketches that kept every value the numbers are the exact ones; with
// compacted sketches every exact number lies inside the reported bounds.
#include "airm/profile_drift.h"

#include <gtest/gtest.h>

#include <random>

#include "airm/drift.h"
#include "airm/out_of_scope.h"
#include "airm/profile.h"
#include "airm/quality.h"
#include "airm/sketch/kll.h"
#include "test_tables.h"

namespace airm {
namespace {

using testing::AllValid;
using testing::MakeBatch;

DriftConfig NoClassifier() {
  DriftConfig c;
  c.domain_classifier = false;
  return c;
}

// Profiles `t` in chunks of `chunk` rows, as `airm drift --sketch` does.
Profile Streamed(const Table& t, const ProfileOptions& options, size_t chunk = 10000) {
  auto builder = ProfileBuilder::Make(options);
  EXPECT_TRUE(builder.ok());
  for (size_t start = 0; start < t.num_rows(); start += chunk) {
    std::vector<size_t> rows;
    for (size_t i = start; i < std::min(t.num_rows(), start + chunk); ++i) rows.push_back(i);
    EXPECT_TRUE(builder->Add(testing::Permute(t, rows)).ok());
  }
  return builder->Finish().value();
}

const ColumnDrift& Find(const DriftResult& r, const std::string& name) {
  for (const ColumnDrift& c : r.input_columns) {
    if (c.name == name) return c;
  }
  for (const ColumnDrift& c : r.output_columns) {
    if (c.name == name) return c;
  }
  static const ColumnDrift kNone;
  ADD_FAILURE() << "no column " << name;
  return kNone;
}

void ExpectInside(const ValueBounds& b, std::optional<double> exact, const std::string& what) {
  ASSERT_TRUE(exact.has_value()) << what;
  ASSERT_TRUE(b.lower && b.upper) << what;
  EXPECT_LE(*b.lower, *exact + 1e-12) << what;
  EXPECT_GE(*b.upper, *exact - 1e-12) << what;
}

TEST(ProfileDriftTest, SketchesThatKeptEveryValueGiveTheExactNumbers) {
  const Table ref = MakeBatch(600, 1, 0.0, 0.0);
  const Table cur = MakeBatch(500, 2, 0.4, 0.15);
  const ProfileOptions keep_all{.kll_k = 2000};
  auto exact = AnalyzeDrift(ref, cur, NoClassifier(), DefaultQualityThresholds());
  auto sketched =
      CompareProfiles(Streamed(ref, keep_all, 128), Streamed(cur, keep_all, 128), NoClassifier());
  ASSERT_TRUE(exact.ok() && sketched.ok())
      << exact.status().message() << sketched.status().message();
  EXPECT_EQ(sketched->comparison, "sketches");
  for (const char* name : {"x", "k", "cat", "flag"}) {
    const ColumnDrift& e = Find(*exact, name);
    const ColumnDrift& s = Find(*sketched, name);
    SCOPED_TRACE(name);
    EXPECT_EQ(s.method, e.method);
    ASSERT_TRUE(s.statistic && e.statistic);
    EXPECT_NEAR(*s.statistic, *e.statistic, 1e-12);
    ASSERT_EQ(s.p_value.has_value(), e.p_value.has_value());
    if (e.p_value) {
      EXPECT_NEAR(*s.p_value, *e.p_value, 1e-12);
    }
    EXPECT_NEAR(s.effect_size.value_or(-1), e.effect_size.value_or(-1), 1e-12);
    EXPECT_EQ(s.drifted, e.drifted);
    ASSERT_TRUE(s.bounds.has_value());
    EXPECT_TRUE(s.bounds->decided);
    EXPECT_EQ(s.bounds->reference_rank_error, 0.0);
    EXPECT_EQ(s.bounds->reference_count_error, 0u);
    EXPECT_EQ(*s.bounds->statistic.lower, *s.statistic);
    EXPECT_EQ(*s.bounds->statistic.upper, *s.statistic);
  }
  EXPECT_EQ(sketched->input_verdict.drifted, exact->input_verdict.drifted);
}

// Issue 12 §4: sketches have no rows to check, so the quality verdict is
// undefined ("not checked"), never the pass that the exact path earns.
TEST(ProfileDriftTest, QualityIsNotCheckedFromSketches) {
  const Table ref = MakeBatch(300, 1, 0.0, 0.0);
  const Table cur = MakeBatch(300, 2, 0.0, 0.0);
  const ProfileOptions options{.kll_k = 200};
  auto sketched = CompareProfiles(Streamed(ref, options), Streamed(cur, options), NoClassifier());
  ASSERT_TRUE(sketched.ok()) << sketched.status().message();
  EXPECT_FALSE(sketched->quality_status.has_value());
  EXPECT_TRUE(sketched->quality.empty());
  EXPECT_NE(sketched->quality_note.find("not checked"), std::string::npos)
      << sketched->quality_note;

  auto exact = AnalyzeDrift(ref, cur, NoClassifier(), DefaultQualityThresholds());
  ASSERT_TRUE(exact.ok()) << exact.status().message();
  ASSERT_TRUE(exact->quality_status.has_value());
  EXPECT_TRUE(exact->quality_note.empty());
}

TEST(ProfileDriftTest, CompactedKllBoundsHoldTheExactKsAndWasserstein) {
  const Table ref = MakeBatch(60000, 3, 0.0, 0.0);
  const Table cur = MakeBatch(50000, 4, 0.03, 0.0);
  const ProfileOptions small{.kll_k = 200};
  DriftConfig config = NoClassifier();
  config.all_tests = true;
  auto exact = AnalyzeDrift(ref, cur, config, DefaultQualityThresholds());
  auto sketched = CompareProfiles(Streamed(ref, small), Streamed(cur, small), config);
  ASSERT_TRUE(exact.ok() && sketched.ok())
      << exact.status().message() << sketched.status().message();
  const ColumnDrift& e = Find(*exact, "x");
  const ColumnDrift& s = Find(*sketched, "x");
  ASSERT_EQ(s.method, "ks");
  ASSERT_TRUE(s.bounds.has_value());
  const double eps = sketch::KllSketch::DoubleSidedRankError(200);
  EXPECT_DOUBLE_EQ(s.bounds->reference_rank_error, eps);
  EXPECT_DOUBLE_EQ(s.bounds->current_rank_error, eps);
  // D within D^ +- (eR + eC), and the exact D inside.
  EXPECT_LE(*s.bounds->statistic.upper - *s.bounds->statistic.lower, 4 * eps + 1e-15);
  ExpectInside(s.bounds->statistic, e.statistic, "ks D");
  ExpectInside(s.bounds->p_value, e.p_value, "ks p");
  ExpectInside(s.bounds->effect_size, e.effect_size, "wasserstein_norm");
  EXPECT_NEAR(*s.statistic, *e.statistic, 2 * eps);
}

// A text column with more values than the Space-Saving summary holds: the
// exact JS distance and TVD lie inside their bounds; chi-square has none.
TEST(ProfileDriftTest, SpaceSavingBoundsHoldTheExactJensenShannonAndTvd) {
  auto make = [](size_t rows, uint64_t seed, double skew) {
    std::mt19937_64 rng(seed);
    std::vector<double> w;
    for (int i = 0; i < 400; ++i) w.push_back(1.0 / std::pow(i + 1.0, skew));
    std::discrete_distribution<int> pick(w.begin(), w.end());
    std::vector<std::string> dictionary;
    for (int i = 0; i < 400; ++i) dictionary.push_back("v" + std::to_string(i));
    std::vector<int32_t> codes;
    for (size_t i = 0; i < rows; ++i) codes.push_back(pick(rng));
    std::vector<Column> cols;
    cols.push_back(Column::Categorical("s", std::move(codes), dictionary, AllValid(rows)));
    return Table::Make(std::move(cols)).value();
  };
  const Table ref = make(20000, 5, 1.3), cur = make(20000, 6, 1.1);
  const ProfileOptions options{.frequent_items_capacity = 64};
  DriftConfig config = NoClassifier();
  config.all_tests = true;
  auto exact = AnalyzeDrift(ref, cur, config, DefaultQualityThresholds());
  auto sketched = CompareProfiles(Streamed(ref, options), Streamed(cur, options), config);
  ASSERT_TRUE(exact.ok() && sketched.ok())
      << exact.status().message() << sketched.status().message();
  const ColumnDrift& e = Find(*exact, "s");
  const ColumnDrift& s = Find(*sketched, "s");
  ASSERT_EQ(s.effect_size_name, "jensen_shannon");
  ASSERT_TRUE(s.bounds.has_value());
  EXPECT_GT(s.bounds->reference_count_error, 0u);
  EXPECT_LE(s.bounds->reference_count_error, 20000u / 64);
  ExpectInside(s.bounds->effect_size, e.effect_size, "jensen_shannon");
  EXPECT_EQ(s.distribution.labels.back(), "(other values)");
  // chi2 from estimated counts has no bound: its ends are unknown, not 0.
  EXPECT_FALSE(s.bounds->p_value.lower.has_value());
  EXPECT_FALSE(s.bounds->p_value.upper.has_value());
}

// With a tiny sketch the bounds straddle the effect-size threshold: the
// verdict is the conservative one and a finding says it is open.
TEST(ProfileDriftTest, UndecidedColumnsGetTheConservativeVerdictAndAFinding) {
  const Table ref = MakeBatch(40000, 7, 0.0, 0.0);
  const Table cur = MakeBatch(40000, 8, 0.12, 0.0);
  const ProfileOptions tiny{.kll_k = 8};
  DriftConfig config = NoClassifier();
  config.columns = {"x"};
  auto exact = AnalyzeDrift(ref, cur, config, DefaultQualityThresholds());
  auto sketched = CompareProfiles(Streamed(ref, tiny), Streamed(cur, tiny), config);
  ASSERT_TRUE(exact.ok() && sketched.ok())
      << exact.status().message() << sketched.status().message();
  EXPECT_TRUE(Find(*exact, "x").drifted);  // wasserstein_norm about 0.12 >= 0.1
  const ColumnDrift& s = Find(*sketched, "x");
  ASSERT_TRUE(s.bounds.has_value());
  EXPECT_LT(*s.bounds->effect_size.lower, 0.1);
  EXPECT_GE(*s.bounds->effect_size.upper, 0.1);
  EXPECT_FALSE(s.bounds->decided);
  EXPECT_FALSE(s.drifted);
  EXPECT_NE(s.reason.find("undecided within the sketch error bounds"), std::string::npos);
  bool finding = false;
  for (const Finding& f : sketched->findings) finding |= f.code == "drift.undecided";
  EXPECT_TRUE(finding);
}

TEST(ProfileDriftTest, MissingAndRetypedColumnsAreReported) {
  const Table ref = MakeBatch(200, 9, 0.0, 0.0);
  std::vector<Column> cols;
  std::vector<std::string> text(200, "x");
  cols.push_back(Column::String("x", std::move(text), AllValid(200)));
  const Table cur = Table::Make(std::move(cols)).value();
  auto r = CompareProfiles(ProfileTable(ref).value(), ProfileTable(cur).value(), NoClassifier());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Find(*r, "x").status, ColumnDriftStatus::kRetyped);
  EXPECT_EQ(Find(*r, "cat").status, ColumnDriftStatus::kMissingInCurrent);
  DriftConfig bad = NoClassifier();
  bad.columns = {"nope"};
  auto e = CompareProfiles(ProfileTable(ref).value(), ProfileTable(cur).value(), bad);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("--columns names column 'nope'"), std::string::npos);
}

// The profile of `t` added whole (Streamed's row permutation keeps numeric
// columns only).
Profile Whole(const Table& t, const ProfileOptions& options) {
  auto builder = ProfileBuilder::Make(options);
  EXPECT_TRUE(builder.ok());
  EXPECT_TRUE(builder->Add(t).ok());
  return builder->Finish().value();
}

// Issue 16: the card's out-of-scope ranges measured from the current
// profile's sketches hold the count on the rows inside their bounds; with
// sketches that kept every value they are the count itself.
TEST(ProfileDriftTest, OutOfScopeRangesFromSketchesHoldTheExactCount) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> age(18, 80);
  const std::vector<std::string> homes = {"rent", "owner", "parents", "other"};
  std::vector<double> ages;
  std::vector<std::string> home;
  for (int i = 0; i < 50000; ++i) {
    ages.push_back(age(rng));
    home.push_back(homes[static_cast<size_t>(age(rng)) % homes.size()]);
  }
  ValidityBitmap valid = AllValid(ages.size());
  auto table =
      Table::Make({Column::Float64("Age", ages, valid), Column::String("Home", home, valid)});
  ASSERT_TRUE(table.ok());
  const std::vector<ScopeRange> ranges = {
      {.description = "older", .column = "Age", .above = 45},
      {.description = "younger", .column = "Age", .below = 25},  // ties at 25 stay outside
      {.description = "middle", .column = "Age", .above = 30, .below = 40},
      {.description = "renting", .column = "Home", .values = {"rent", "other"}},
      {.description = "text as number", .column = "Home", .above = 1},
      {.description = "absent", .column = "Region", .values = {"x"}}};
  const std::vector<ScopeRangeShare> exact = MeasureScopeRanges(*table, ranges);

  ProfileOptions small;
  small.kll_k = 32;
  small.frequent_items_capacity = 2;  // fewer counters than homes: counts are bounds
  small.top_values = 2;
  std::vector<ScopeCountBounds> bounds;
  const std::vector<ScopeRangeShare> estimated =
      MeasureScopeRanges(Whole(*table, small), ranges, &bounds);
  ASSERT_EQ(estimated.size(), ranges.size());
  ASSERT_EQ(bounds.size(), ranges.size());
  for (size_t i = 0; i < 4; ++i) {
    const ScopeRangeShare& e = estimated[i];
    SCOPED_TRACE(ranges[i].description);
    EXPECT_LE(bounds[i].low, exact[i].rows_inside);
    EXPECT_GE(bounds[i].high, exact[i].rows_inside);
    EXPECT_LT(bounds[i].low, bounds[i].high);
    EXPECT_LE(bounds[i].low, e.rows_inside);
    EXPECT_GE(bounds[i].high, e.rows_inside);
    EXPECT_EQ(e.rows_known, 50000u);
    EXPECT_NE(e.note.find("estimated from the sketches: between"), std::string::npos) << e.note;
  }
  // The KLL bound at k = 32: a few percent of the rows, not the whole range.
  EXPECT_LT(bounds[0].high - bounds[0].low, 10000u);
  EXPECT_FALSE(estimated[4].share.has_value());
  EXPECT_NE(estimated[4].note.find("holds text"), std::string::npos);
  EXPECT_NE(estimated[5].note.find("no column Region"), std::string::npos);

  // A sketch that kept every value counts exactly.
  const std::vector<ScopeRangeShare> counted =
      MeasureScopeRanges(Whole(*table, ProfileOptions{.kll_k = 65535}), ranges, &bounds);
  for (size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(ranges[i].description);
    EXPECT_EQ(bounds[i].low, bounds[i].high);
    EXPECT_EQ(counted[i].rows_inside, exact[i].rows_inside);
    EXPECT_EQ(counted[i].note, "counted from the sketches, which kept every value");
  }
}

}  // namespace
}  // namespace airm
