// Weak segments read from the quarterly pack as bias observations (issue 10
// §4): a monthly evaluation monitor of scorer@1 on three months of 2026-Q1
// with the segment column region — north and east follow the score, south's
// outcomes are coin flips (ROC AUC near 0.5), west's are the opposite of the
// score but only 8 rows a month. The Q1 pack, written as `monitor pack
// --json` writes it, makes `risk reassess` see south (and only south) as a
// critical bias observation and re-score the system's bias risk by R2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "airm/usecases/governance_risks.h"
#include "airm/usecases/risk_reassessment.h"
#include "monitor_stream_fixture.h"
#include "reassessment_fixture.h"

namespace airm::usecases {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class WeakSegmentReassessmentTest : public testing::MonitorStreamTest {
 protected:
  void SetUp() override {
    testing::MonitorStreamTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    RegisterModel("scorer", "1");
    std::mt19937_64 rng(101);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    // One row: x ~ N(0, 1), score = 1 / (1 + e^(-2x)); the outcome follows
    // the score, is a coin flip, or is the score's opposite.
    enum class Outcome { kFollows, kCoin, kOpposite };
    auto row = [&](Outcome outcome, std::string* score_out) {
      const double p = 1.0 / (1.0 + std::exp(-2.0 * normal(rng)));
      const int y = outcome == Outcome::kFollows ? unit(rng) < p
                    : outcome == Outcome::kCoin  ? unit(rng) < 0.5
                                                 : p < 0.5;
      *score_out = std::to_string(p);
      return y;
    };
    std::string ref = "score,y,region\n", score;
    const char* regions[] = {"north", "east", "south", "west"};
    for (int i = 0; i < 240; ++i) {
      const int y = row(Outcome::kFollows, &score);
      ref += score + "," + std::to_string(y) + "," + regions[i % 4] + "\n";
    }
    WriteFile("ref.csv", ref);
    struct Segment {
      const char* region;
      Outcome outcome;
      int rows_a_month;
    };
    const Segment segments[] = {{"north", Outcome::kFollows, 80},
                                {"east", Outcome::kFollows, 80},
                                {"south", Outcome::kCoin, 50},
                                {"west", Outcome::kOpposite, 8}};
    std::string stream = "ts,score,y,region\n";
    for (int month = 1; month <= 3; ++month) {
      for (const Segment& s : segments) {
        for (int i = 0; i < s.rows_a_month; ++i) {
          const int y = row(s.outcome, &score);
          char ts[32];
          std::snprintf(ts, sizeof ts, "2026-%02d-%02dT%02d:00:00Z", month, 1 + i % 28, i % 24);
          stream += std::string(ts) + "," + score + "," + std::to_string(y) + "," + s.region + "\n";
        }
      }
    }
    WriteFile("stream.csv", stream);
    WriteMonitor("perf", "scorer@1", "{files: stream.csv, timestamp: ts}", "2026-01-01",
                 "    roles: {target: y, score: score, segment: [region]}\n"
                 "    schedules: [{every: month, analysis: evaluation}]\n");
    testing::AddCreditScoringSystem(Where());
  }

  // The Q1 pack's JSON in DIR/pack.json, as `monitor pack --json` writes it.
  std::string WritePack() const {
    return WriteFile("pack.json", testing::PackJson(Where(), "2026-Q1"));
  }
};

TEST_F(WeakSegmentReassessmentTest, AWeakSegmentReScoresTheBiasRisk) {
  auto run = RunMonitors(Options("2026-04-01T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  AddRiskOptions risk{.store = Where(), .actor = "dana"};
  risk.risk = {.system = "credit-scoring",
               .title = "Some applicants are scored worse",
               .category = "bias",
               .inherent_likelihood = 2,
               .inherent_impact = 4,
               .treatment = "mitigate",
               .owner = "Dana Risk"};
  ASSERT_TRUE(AddRisk(risk).ok());

  const std::string pack_file = WritePack();
  // What the pack carries per segment: each month's labelled rows and realized metric.
  std::ifstream in(pack_file);
  const nlohmann::json doc = nlohmann::json::parse(in);
  int64_t west_rows = 0;
  for (const nlohmann::json& s : doc["monitors"][0]["segments"]) {
    if (s["value"] == "west" && s["metric"] == "roc_auc") west_rows += s["rows"].get<int64_t>();
  }
  EXPECT_EQ(west_rows, 24);  // 8 a month: below the 30 rows of the rule

  auto done = ReassessRisks(
      {.store = Where(), .actor = "rita", .pack = pack_file, .system = "credit-scoring"});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  const governance::Reassessment& r = done->reassessment;
  std::vector<std::string> segment_subjects;
  for (const governance::Observation& o : r.observations) {
    if (o.source != "segment") continue;
    segment_subjects.push_back(o.subject);
    EXPECT_EQ(o.category, "bias");
    EXPECT_EQ(o.severity, "critical") << o.detail;
    EXPECT_THAT(o.detail, HasSubstr("150 labelled rows"));  // 50 a month
  }
  // South only: north and east score like the model, west has too few rows.
  EXPECT_THAT(segment_subjects, ElementsAre("perf/region=south"));
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].risk, "R-001");
  EXPECT_EQ(r.changes[0].category, "bias");
  EXPECT_EQ(r.changes[0].action, "rescored");
  EXPECT_EQ(r.changes[0].rule, "R2");
  EXPECT_EQ(r.changes[0].likelihood_from, 2);
  EXPECT_EQ(r.changes[0].likelihood_to, 4);
  EXPECT_THAT(r.changes[0].because, Contains("perf/region=south"));
  auto risks = ListRisks({.store = Where(), .system = "credit-scoring"});
  ASSERT_TRUE(risks.ok()) << risks.status().ToString();
  ASSERT_EQ(risks->risks.size(), 1u);
  EXPECT_EQ(risks->risks[0].inherent_likelihood, 4);
}

TEST_F(WeakSegmentReassessmentTest, WithoutABiasRiskOneIsAdded) {
  ASSERT_TRUE(RunMonitors(Options("2026-04-01T00:00:00Z")).ok());
  auto done = ReassessRisks(
      {.store = Where(), .actor = "rita", .pack = WritePack(), .system = "credit-scoring"});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ASSERT_EQ(done->reassessment.changes.size(), 1u);
  const governance::RiskChange& added = done->reassessment.changes[0];
  EXPECT_EQ(added.action, "added");
  EXPECT_EQ(added.rule, "R3");
  EXPECT_EQ(added.category, "bias");
  EXPECT_EQ(added.likelihood_to, 4);  // critical
  EXPECT_THAT(added.because, ElementsAre("perf/region=south"));
  auto risks = ListRisks({.store = Where(), .system = "credit-scoring"});
  ASSERT_TRUE(risks.ok()) << risks.status().ToString();
  ASSERT_EQ(risks->risks.size(), 1u);
  EXPECT_EQ(risks->risks[0].title, "Bias issues observed in 2026-Q1");
  EXPECT_THAT(risks->risks[0].description, HasSubstr("Segment region=south of monitor perf"));
}

}  // namespace
}  // namespace airm::usecases
