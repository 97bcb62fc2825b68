// AnalyzeSegments: which segments exist, which are sufficient, and that their
// metrics are the metrics of exactly their rows.
#include "airm/groups.h"
#include "airm/metrics.h"
#include "test_util.h"

namespace airm {
namespace {

using groups_testing::BinaryData;
using groups_testing::FloatColumn;
using groups_testing::MakeTable;
using groups_testing::TextColumn;

struct Fixture {
  Table table;
  EvalData data;
  EvalConfig config;
};

// 40 rows: region "n" (30 rows) / "s" (10 rows); x = 0..39.
Fixture Make() {
  Fixture f;
  std::vector<std::optional<std::string>> region;
  std::vector<double> x;
  std::vector<int32_t> y, pred;
  for (int i = 0; i < 40; ++i) {
    region.push_back(i < 30 ? "n" : "s");
    x.push_back(i);
    y.push_back(i % 2);
    pred.push_back(i % 3 == 0 ? 1 - i % 2 : i % 2);  // every third row wrong
  }
  f.table = MakeTable({TextColumn("region", region), FloatColumn("x", x)});
  f.data = BinaryData(y, pred);
  f.config.segment_columns = {"region", "x"};
  f.config.segment_bins = 2;
  f.config.min_group_rows = 15;
  f.config.bootstrap = 20;
  return f;
}

const SegmentResult* Find(const std::vector<SegmentResult>& all, const std::string& column,
                          const std::string& value) {
  for (const SegmentResult& s : all) {
    if (s.column == column && s.value == value) return &s;
  }
  return nullptr;
}

TEST(Segments, PerColumnAndPairwise) {
  Fixture f = Make();
  auto r = AnalyzeSegments(f.table, f.data, f.config, nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // region: n, s; x: two median bins; pairs: 2 x 2.
  ASSERT_EQ(r->size(), 2u + 2u + 4u);
  const SegmentResult* n = Find(*r, "region", "n");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->rows, 30u);
  EXPECT_TRUE(n->sufficient);
  // Accuracy of exactly rows 0..29: 20 right of 30.
  ASSERT_TRUE(n->metrics.count("accuracy"));
  EXPECT_DOUBLE_EQ(*n->metrics.at("accuracy").value, 20.0 / 30.0);
  EXPECT_TRUE(n->metrics.at("accuracy").ci_low.has_value());

  const SegmentResult* s = Find(*r, "region", "s");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->rows, 10u);
  EXPECT_FALSE(s->sufficient);
  // Insufficient: point estimates still shown, no intervals.
  ASSERT_TRUE(s->metrics.count("accuracy"));
  EXPECT_TRUE(s->metrics.at("accuracy").value.has_value());
  EXPECT_FALSE(s->metrics.at("accuracy").ci_low.has_value());

  // x's median is 19.5: "s" (x 30..39) never meets the lower bin.
  const SegmentResult* empty = Find(*r, "region & x", "s & [0, 19.5)");
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(empty->rows, 0u);
  EXPECT_FALSE(empty->sufficient);
  EXPECT_TRUE(empty->metrics.empty());
}

TEST(Segments, ReferenceBinsWhenTheReferenceHasTheColumn) {
  Fixture f = Make();
  // Reference x spans 0..9, so every current x >= 9 lands above its range.
  std::vector<double> rx;
  for (int i = 0; i < 10; ++i) rx.push_back(i);
  Table reference = MakeTable({FloatColumn("x", rx)});
  f.config.segment_columns = {"x"};
  auto r = AnalyzeSegments(f.table, f.data, f.config, &reference);
  ASSERT_TRUE(r.ok());
  const SegmentResult* above = Find(*r, "x", "> 9");
  ASSERT_NE(above, nullptr);
  EXPECT_EQ(above->rows, 30u);
}

TEST(Segments, UnknownColumnNamesTheOption) {
  Fixture f = Make();
  f.config.segment_columns = {"nope"};
  auto r = AnalyzeSegments(f.table, f.data, f.config, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("--segment nope"), std::string::npos);
}

}  // namespace
}  // namespace airm
