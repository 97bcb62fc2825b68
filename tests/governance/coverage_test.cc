// Framework coverage, judged from given evidence: a control is met, expired
// (too old on the given day) or missing; an item is covered only when every
// control mapping to it is met; a tier-bound framework does not apply to
// other tiers; gaps become findings.
#include "airm/governance/coverage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace airm::governance {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ControlLibrary Library() {
  ControlLibrary lib{.name = "test", .version = 1};
  lib.frameworks = {{.id = "fw", .title = "Framework", .source = "s", .applies_to_tier = ""},
                    {.id = "eu", .title = "EU", .source = "s", .applies_to_tier = "high"}};
  lib.items = {{.framework = "fw", .id = "A", .group = "g", .title = "needs both"},
               {.framework = "fw", .id = "B", .group = "g", .title = "needs logs"},
               {.framework = "fw", .id = "C", .group = "g", .title = "nothing maps"},
               {.framework = "eu", .id = "Art. 12", .group = "g", .title = "logs"}};
  lib.controls = {
      {.id = "INV", .title = "inventory", .evidence = {"inventory"}, .maps = {{"fw", "A"}}},
      {.id = "LOG",
       .title = "logs",
       .evidence = {"prediction_log"},
       .max_age_days = 31,
       .maps = {{"fw", "A"}, {"fw", "B"}, {"eu", "Art. 12"}}}};
  return lib;
}

SystemEvidence System(std::string tier, bool logs, std::string logged_at = "2026-12-01T10:00:00Z") {
  SystemEvidence s{.system = "credit", .tier = std::move(tier)};
  s.evidence.push_back({.kind = "inventory", .present = true, .detail = "ok"});
  s.evidence.push_back({.kind = "prediction_log",
                        .present = logs,
                        .detail = logs ? "3 batches" : "none",
                        .observed_at = logs ? std::optional(logged_at) : std::nullopt});
  return s;
}

const ItemCoverage& Item(const SystemCoverage& s, const std::string& fw, const std::string& id) {
  for (const FrameworkCoverage& f : s.frameworks) {
    for (const ItemCoverage& i : f.detail) {
      if (f.framework == fw && i.id == id) return i;
    }
  }
  ADD_FAILURE() << "no item " << fw << " " << id;
  static ItemCoverage none;
  return none;
}

TEST(Coverage, FreshEvidenceCoversEveryMappedItem) {
  auto r = ComputeCoverage(Library(), {System("high", true)}, {}, "2026-12-07");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const SystemCoverage& s = r->systems[0];
  EXPECT_EQ(s.controls[1].status, "met");
  EXPECT_EQ(s.controls[1].expires_on, "2027-01-01");  // 2026-12-01 + 31 days
  EXPECT_EQ(Item(s, "fw", "A").status, "covered");
  EXPECT_EQ(Item(s, "fw", "B").status, "covered");
  EXPECT_EQ(Item(s, "fw", "C").status, "not_addressed");
  EXPECT_EQ(Item(s, "eu", "Art. 12").status, "covered");
  EXPECT_EQ(s.frameworks[0].covered, 2);
  EXPECT_EQ(s.frameworks[0].not_addressed, 1);
  EXPECT_NEAR(*s.frameworks[0].coverage, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(r->gaps, 0);
  EXPECT_TRUE(r->findings.empty());
}

TEST(Coverage, OldEvidenceExpiresAndLeavesPartialItems) {
  auto r = ComputeCoverage(Library(), {System("high", true)}, {}, "2027-01-02");
  ASSERT_TRUE(r.ok());
  const SystemCoverage& s = r->systems[0];
  EXPECT_EQ(s.controls[1].status, "expired");
  EXPECT_EQ(s.controls[1].expired, std::vector<std::string>{"prediction_log"});
  EXPECT_EQ(Item(s, "fw", "A").status, "partial");  // INV met, LOG expired
  EXPECT_EQ(Item(s, "fw", "B").status, "partial");
  EXPECT_EQ(r->gaps, 3);  // A, B and Art. 12
  ASSERT_FALSE(r->findings.empty());
  EXPECT_EQ(r->findings[0].code, "evidence.expired");
  EXPECT_EQ(r->findings[0].subject, "credit/LOG");
  // On the last day of its validity it still counts.
  auto last = ComputeCoverage(Library(), {System("high", true)}, {}, "2027-01-01");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->systems[0].controls[1].status, "met");
}

TEST(Coverage, MissingEvidenceIsAGapAndAFinding) {
  auto r = ComputeCoverage(Library(), {System("high", false)}, {"fw"}, "2026-12-07");
  ASSERT_TRUE(r.ok());
  const SystemCoverage& s = r->systems[0];
  ASSERT_EQ(s.frameworks.size(), 1u);  // only the framework asked for
  EXPECT_EQ(Item(s, "fw", "B").status, "gap");
  EXPECT_EQ(Item(s, "fw", "A").status, "partial");
  ASSERT_EQ(r->findings.size(), 1u);
  EXPECT_EQ(r->findings[0].code, "framework.gaps");
  EXPECT_THAT(r->findings[0].message,
              HasSubstr("2 of 3 Framework items lack current evidence (A, B)"));
  EXPECT_EQ(r->findings[0].evidence.at("gap"), 1);
}

TEST(Coverage, TierBoundFrameworkDoesNotApplyToOtherTiers) {
  auto r =
      ComputeCoverage(Library(), {System("minimal", true), System("", true)}, {}, "2026-12-07");
  ASSERT_TRUE(r.ok());
  for (const SystemCoverage& s : r->systems) {
    EXPECT_FALSE(s.frameworks[1].applicable);
    EXPECT_FALSE(s.frameworks[1].coverage.has_value());
    EXPECT_EQ(Item(s, "eu", "Art. 12").status, "not_applicable");
  }
  EXPECT_FALSE(r->portfolio[1].applicable);
  EXPECT_FALSE(r->portfolio[1].coverage.has_value());
  EXPECT_EQ(r->portfolio[0].items, 6);  // 3 items × 2 systems
}

TEST(Coverage, UnknownFrameworkNamesTheFlagAndTheKnownIds) {
  auto r = ComputeCoverage(Library(), {}, {"sox"}, "2026-12-07");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("--framework 'sox': expected one of fw, eu"));
}

TEST(Coverage, AddDaysCrossesMonthsAndRefusesNonDates) {
  EXPECT_EQ(AddDays("2024-02-28T23:00:00Z", 1), "2024-02-29");
  EXPECT_EQ(AddDays("2026-12-31", 1), "2027-01-01");
  EXPECT_FALSE(AddDays("yesterday", 1).has_value());
  EXPECT_FALSE(AddDays("2026-02-30", 1).has_value());
}

ManualEvidence Manual(int64_t id, std::string control, std::optional<std::string> expires) {
  return {.id = id,
          .control = std::move(control),
          .location = "https://intranet.example/doc",
          .location_kind = "url",
          .expires_on = std::move(expires)};
}

TEST(Coverage, ManualEvidenceMeetsItsControlUntilItsLastDay) {
  SystemEvidence s = System("", false);
  s.manual = {Manual(1, "LOG", "2027-01-31"), Manual(2, "LOG", "2026-12-31")};
  auto r = ComputeCoverage(Library(), {s}, {}, "2027-01-31");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const ControlStatus& log = r->systems[0].controls[1];
  EXPECT_EQ(log.status, "met");
  EXPECT_EQ(log.met_by, "manual");
  EXPECT_THAT(log.manual, ElementsAre("E-001"));  // E-002 ran out on 2026-12-31
  EXPECT_EQ(log.expires_on, "2027-01-31");
  EXPECT_EQ(Item(r->systems[0], "fw", "B").status, "covered");

  auto late = ComputeCoverage(Library(), {s}, {}, "2027-02-01");
  ASSERT_TRUE(late.ok());
  const ControlStatus& expired = late->systems[0].controls[1];
  EXPECT_EQ(expired.status, "expired");
  EXPECT_THAT(expired.expired, ElementsAre("E-001", "E-002"));
  EXPECT_EQ(Item(late->systems[0], "fw", "B").status, "partial");
  EXPECT_EQ(late->findings[0].code, "evidence.expired");
}

TEST(Coverage, ManualEvidenceWithoutExpiryAndOnAFrameworkItem) {
  SystemEvidence s = System("", true, "2020-01-01T00:00:00Z");  // the store's logs are stale
  s.manual = {Manual(1, "LOG", std::nullopt), Manual(2, "fw:C", "2026-12-31")};
  auto r = ComputeCoverage(Library(), {s}, {}, "2026-12-07");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->systems[0].controls[1].status, "met");
  EXPECT_FALSE(r->systems[0].controls[1].expires_on.has_value());
  EXPECT_EQ(Item(r->systems[0], "fw", "C").status, "covered");  // no control maps to it
  EXPECT_THAT(Item(r->systems[0], "fw", "C").manual, ElementsAre("E-002"));
  auto late = ComputeCoverage(Library(), {s}, {}, "2027-01-01");
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(Item(late->systems[0], "fw", "C").status, "partial");
}

TEST(Coverage, MetControlsLeaveOutWhatNeedsTheApproval) {
  ControlLibrary lib = Library();
  lib.controls.push_back({.id = "APPROVE", .title = "approved", .evidence = {"approval"}});
  SystemEvidence s = System("", true);
  s.evidence.push_back({.kind = "approval", .present = true, .detail = "approved"});
  EXPECT_THAT(MetControls(lib, s, "2026-12-07"), ElementsAre("INV", "LOG"));
  EXPECT_THAT(MetControls(lib, s, "2027-06-01"), ElementsAre("INV"));
}

}  // namespace
}  // namespace airm::governance
