// The five-pitfalls scorecard: a practice is met only when all its controls
// are met, partial when some are (or have expired), missing otherwise; the
// portfolio tally counts systems per practice.
#include "airm/governance/pitfalls.h"

#include <gtest/gtest.h>

namespace airm::governance {
namespace {

SystemCoverage WithControls(std::vector<std::pair<std::string, std::string>> statuses) {
  SystemCoverage s{.system = "credit"};
  for (auto& [id, status] : statuses) s.controls.push_back({.control = id, .status = status});
  return s;
}

TEST(Pitfalls, PracticeNeedsAllItsControls) {
  std::vector<PracticeScore> p = ScorePractices(WithControls({{"AIRM-MONITOR", "met"},
                                                              {"AIRM-LOG", "met"},
                                                              {"AIRM-PERF", "met"},
                                                              {"AIRM-FAIR", "expired"},
                                                              {"AIRM-CHAOS", "missing"}}));
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[0].practice, "monitoring");
  EXPECT_EQ(p[0].status, "met");
  EXPECT_TRUE(p[0].advice.empty());
  EXPECT_EQ(p[1].practice, "evaluation");
  EXPECT_EQ(p[1].status, "partial");
  EXPECT_EQ(p[1].controls_not_met, std::vector<std::string>{"AIRM-FAIR"});
  EXPECT_EQ(p[2].status, "missing");
  EXPECT_NE(p[2].advice.find("airm chaos"), std::string::npos);
  // Controls absent from the coverage count as missing.
  EXPECT_EQ(p[3].status, "missing");
  EXPECT_EQ(p[4].status, "missing");
}

TEST(Pitfalls, TallyCountsSystemsPerPractice) {
  auto a = ScorePractices(WithControls({{"AIRM-MONITOR", "met"}, {"AIRM-LOG", "met"}}));
  auto b = ScorePractices(WithControls({{"AIRM-MONITOR", "met"}}));
  std::vector<PracticeTally> t = TallyPractices({a, b});
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].met, 1);
  EXPECT_EQ(t[0].partial, 1);
  EXPECT_EQ(t[0].missing, 0);
  EXPECT_EQ(t[2].missing, 2);
}

}  // namespace
}  // namespace airm::governance
