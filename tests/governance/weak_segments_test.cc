// Weak segments as observations (issue 10 §4, the quarterly reassessment):
// the documented rule of airm/governance/weak_segments.h on hand-made
// per-window metrics — the gap is the segment's rows-weighted mean of the
// per-window gaps, 0.05 is a warning, 0.10 critical, fewer than 30 labelled
// rows is no evidence, ROC AUC is preferred to accuracy.
#include "airm/governance/weak_segments.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <tuple>

namespace airm::governance {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::vector<WindowMetric> Overall(const std::string& metric, double january, double february) {
  return {{.schedule = "month", .window = "2026-01", .metric = metric, .realized = january},
          {.schedule = "month", .window = "2026-02", .metric = metric, .realized = february}};
}

// The segment region=VALUE in January and February.
void AddSegment(std::vector<WindowMetric>* out, const std::string& value, const std::string& metric,
                uint64_t rows_january, double january, uint64_t rows_february, double february) {
  for (const auto& [window, rows, realized] :
       {std::tuple{"2026-01", rows_january, january}, {"2026-02", rows_february, february}}) {
    out->push_back({.schedule = "month",
                    .window = window,
                    .column = "region",
                    .value = value,
                    .metric = metric,
                    .rows = rows,
                    .realized = realized});
  }
}

TEST(WeakSegmentsTest, ASegmentClearlyBelowTheModelIsABiasWarning) {
  std::vector<WindowMetric> segments;
  AddSegment(&segments, "north", "roc_auc", 20, 0.81, 20, 0.83);  // better: never an observation
  AddSegment(&segments, "south", "roc_auc", 10, 0.74, 30, 0.76);  // gap (10*.06 + 30*.06) / 40
  const std::vector<Observation> seen =
      WeakSegmentObservations("credit", Overall("roc_auc", 0.80, 0.82), segments);
  ASSERT_THAT(seen, SizeIs(1));
  EXPECT_EQ(seen[0].category, "bias");
  EXPECT_EQ(seen[0].severity, "warning");
  EXPECT_EQ(seen[0].source, "segment");
  EXPECT_EQ(seen[0].subject, "credit/region=south");
  // Rows-weighted: segment (10*.74 + 30*.76)/40 = .755, overall (10*.80 + 30*.82)/40 = .815.
  EXPECT_THAT(seen[0].detail, HasSubstr("roc_auc 0.755 against 0.815"));
  EXPECT_THAT(seen[0].detail, HasSubstr("same 2 month window(s) (40 labelled rows"));
  EXPECT_THAT(seen[0].detail, HasSubstr("0.060 lower"));
}

TEST(WeakSegmentsTest, TenPointsBelowIsCritical) {
  std::vector<WindowMetric> segments;
  AddSegment(&segments, "south", "roc_auc", 20, 0.65, 20, 0.70);  // gap (.15 + .12) / 2 = .135
  const std::vector<Observation> seen =
      WeakSegmentObservations("credit", Overall("roc_auc", 0.80, 0.82), segments);
  ASSERT_THAT(seen, SizeIs(1));
  EXPECT_EQ(seen[0].severity, "critical");
  EXPECT_THAT(seen[0].detail, HasSubstr("0.135 lower"));
}

TEST(WeakSegmentsTest, AGapOfExactlyFivePointsIsAWarningAndTenCritical) {
  std::vector<WindowMetric> segments;
  AddSegment(&segments, "south", "roc_auc", 20, 0.75, 20, 0.77);  // 0.82 - 0.77: 0.0499… in binary
  std::vector<Observation> seen =
      WeakSegmentObservations("credit", Overall("roc_auc", 0.80, 0.82), segments);
  ASSERT_THAT(seen, SizeIs(1));
  EXPECT_EQ(seen[0].severity, "warning");
  segments.clear();
  AddSegment(&segments, "south", "roc_auc", 20, 0.70, 20, 0.72);
  seen = WeakSegmentObservations("credit", Overall("roc_auc", 0.80, 0.82), segments);
  ASSERT_THAT(seen, SizeIs(1));
  EXPECT_EQ(seen[0].severity, "critical");
  segments.clear();
  AddSegment(&segments, "south", "roc_auc", 20, 0.751, 20, 0.771);  // 0.049
  EXPECT_THAT(WeakSegmentObservations("credit", Overall("roc_auc", 0.80, 0.82), segments),
              IsEmpty());
}

TEST(WeakSegmentsTest, FewerThanThirtyLabelledRowsIsNoEvidence) {
  std::vector<WindowMetric> segments;
  AddSegment(&segments, "west", "roc_auc", 14, 0.50, 15, 0.50);  // 29 rows
  EXPECT_THAT(WeakSegmentObservations("credit", Overall("roc_auc", 0.80, 0.82), segments),
              IsEmpty());
  segments.clear();
  AddSegment(&segments, "west", "roc_auc", 15, 0.50, 15, 0.50);  // 30 rows: the minimum
  EXPECT_THAT(WeakSegmentObservations("credit", Overall("roc_auc", 0.80, 0.82), segments),
              SizeIs(1));
}

TEST(WeakSegmentsTest, SegmentsLikeTheModelAreNoObservation) {
  std::vector<WindowMetric> segments;
  AddSegment(&segments, "north", "roc_auc", 50, 0.80, 50, 0.82);
  AddSegment(&segments, "south", "roc_auc", 50, 0.78, 50, 0.80);  // 0.02 below: within the margin
  EXPECT_THAT(WeakSegmentObservations("credit", Overall("roc_auc", 0.80, 0.82), segments),
              IsEmpty());
}

TEST(WeakSegmentsTest, AWindowWithoutTheOverallValueIsLeftOut) {
  // February's overall ROC AUC is undefined (not passed): only January counts,
  // and its 20 rows are too few.
  std::vector<WindowMetric> segments;
  AddSegment(&segments, "south", "roc_auc", 20, 0.50, 20, 0.50);
  const std::vector<WindowMetric> january_only = {
      {.schedule = "month", .window = "2026-01", .metric = "roc_auc", .realized = 0.80}};
  EXPECT_THAT(WeakSegmentObservations("credit", january_only, segments), IsEmpty());
}

TEST(WeakSegmentsTest, AccuracyWhenRocAucHasTooFewRows) {
  std::vector<WindowMetric> overall = Overall("roc_auc", 0.80, 0.82);
  for (const WindowMetric& m : Overall("accuracy", 0.90, 0.90)) overall.push_back(m);
  std::vector<WindowMetric> segments;
  // ROC AUC only in January (February's segment had one class), 20 rows.
  segments.push_back({.schedule = "month",
                      .window = "2026-01",
                      .column = "region",
                      .value = "south",
                      .metric = "roc_auc",
                      .rows = 20,
                      .realized = 0.80});
  AddSegment(&segments, "south", "accuracy", 20, 0.80, 20, 0.82);
  const std::vector<Observation> seen = WeakSegmentObservations("credit", overall, segments);
  ASSERT_THAT(seen, SizeIs(1));
  EXPECT_EQ(seen[0].severity, "warning");  // .09 below
  EXPECT_THAT(seen[0].detail, HasSubstr("accuracy 0.810 against 0.900"));
}

TEST(WeakSegmentsTest, AnIntersectionIsNamedColumnByColumn) {
  const std::vector<WindowMetric> segments = {{.schedule = "month",
                                               .window = "2026-01",
                                               .column = "region & channel",
                                               .value = "south & web",
                                               .metric = "roc_auc",
                                               .rows = 40,
                                               .realized = 0.6}};
  const std::vector<Observation> seen =
      WeakSegmentObservations("credit", Overall("roc_auc", 0.80, 0.82), segments);
  ASSERT_THAT(seen, SizeIs(1));
  EXPECT_EQ(seen[0].subject, "credit/region=south & channel=web");
  EXPECT_EQ(seen[0].severity, "critical");
}

TEST(WeakSegmentsTest, OfTwoSchedulesTheOneWithMoreRowsSpeaks) {
  std::vector<WindowMetric> overall = Overall("roc_auc", 0.80, 0.82);
  overall.push_back(
      {.schedule = "week", .window = "2026-W02", .metric = "roc_auc", .realized = 0.8});
  std::vector<WindowMetric> segments;
  AddSegment(&segments, "south", "roc_auc", 30, 0.74, 30, 0.76);  // month: 60 rows, warning
  segments.push_back({.schedule = "week",
                      .window = "2026-W02",
                      .column = "region",
                      .value = "south",
                      .metric = "roc_auc",
                      .rows = 35,
                      .realized = 0.5});  // week: 35 rows, critical
  const std::vector<Observation> seen = WeakSegmentObservations("credit", overall, segments);
  ASSERT_THAT(seen, SizeIs(1));
  EXPECT_EQ(seen[0].severity, "warning");
  EXPECT_THAT(seen[0].detail, HasSubstr("2 month window(s)"));
}

}  // namespace
}  // namespace airm::governance
