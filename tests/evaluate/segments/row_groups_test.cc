// GroupRows / Intersect: against the fixture's independent Python grouping
// of the credit data, and hand-made edge cases.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <random>

#include "airm/groups.h"
#include "test_util.h"

namespace airm {
namespace {

using groups_testing::BinaryData;
using groups_testing::FloatColumn;
using groups_testing::IntColumn;
using groups_testing::LoadFixture;
using groups_testing::MakeTable;
using groups_testing::TextColumn;
using groups_testing::Texts;

void ExpectGroups(const std::vector<RowGroup>& actual, const nlohmann::json& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(actual[i].label, expected[i]["label"].get<std::string>());
    EXPECT_EQ(actual[i].rows, expected[i]["rows"].get<std::vector<uint32_t>>()) << actual[i].label;
  }
}

class CreditGroups : public ::testing::Test {
 protected:
  void SetUp() override {
    fx_ = LoadFixture("fairness.json");
    table_ = MakeTable({TextColumn("Marital", Texts(fx_["columns"]["Marital"])),
                        TextColumn("Home", Texts(fx_["columns"]["Home"])),
                        IntColumn("Age", fx_["columns"]["Age"].get<std::vector<int64_t>>())});
    const auto y = fx_["y_true"].get<std::vector<int32_t>>();
    data_ = BinaryData(y, fx_["y_pred"].get<std::vector<int32_t>>());
  }
  nlohmann::json fx_;
  Table table_;
  EvalData data_;
};

TEST_F(CreditGroups, TextColumnsByValueWithMissingLast) {
  for (const char* name : {"Marital", "Home"}) {
    auto g = GroupRows(table_, data_, name, 4, nullptr);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    ExpectGroups(*g, fx_["groups"][name]);
  }
  // Home has two empty values in the CSV: they are their own group.
  auto home = GroupRows(table_, data_, "Home", 4, nullptr);
  EXPECT_EQ(home->back().label, kMissingGroupLabel);
  EXPECT_EQ(home->back().rows.size(), 2u);
}

TEST_F(CreditGroups, DictionaryEncodedTextGroupsLikePlainText) {
  // Dictionary in first-seen order (not sorted), as the CSV reader builds it.
  const auto texts = Texts(fx_["columns"]["Home"]);
  std::vector<std::string> dict;
  std::vector<int32_t> codes;
  ValidityBitmap valid;
  for (const auto& t : texts) {
    valid.Append(t.has_value());
    if (!t) {
      codes.push_back(0);
      continue;
    }
    auto it = std::find(dict.begin(), dict.end(), *t);
    codes.push_back(static_cast<int32_t>(it - dict.begin()));
    if (it == dict.end()) dict.push_back(*t);
  }
  Table t = MakeTable({Column::Categorical("Home", codes, dict, valid)});
  auto g = GroupRows(t, data_, "Home", 4, nullptr);
  ASSERT_TRUE(g.ok());
  ExpectGroups(*g, fx_["groups"]["Home"]);
}

TEST_F(CreditGroups, ManyValuedIntsByDataQuantiles) {
  auto g = GroupRows(table_, data_, "Age", fx_["bins"].get<int>(), nullptr);
  ASSERT_TRUE(g.ok());
  ExpectGroups(*g, fx_["groups"]["Age"]);
}

TEST_F(CreditGroups, ReferenceBinsKeepTheReferenceScale) {
  // The shifted current batch is older than the whole reference: every row
  // falls above the reference's maximum, in the out-of-range bin.
  const Column ref = IntColumn("Age", fx_["age_reference"].get<std::vector<int64_t>>());
  auto g = GroupRows(table_, data_, "Age", fx_["bins"].get<int>(), &ref);
  ASSERT_TRUE(g.ok());
  ExpectGroups(*g, fx_["age_reference_groups"]);
}

TEST_F(CreditGroups, RowsFollowSourceRowsMapping) {
  // EvalData keeps table rows 3, 0, 5 (in that order): groups hold indices
  // 0..2 into EvalData, not table rows.
  EvalData d = BinaryData({0, 1, 0}, {0, 1, 1});
  d.source_rows = {3, 0, 5};
  auto g = GroupRows(table_, d, "Marital", 4, nullptr);
  ASSERT_TRUE(g.ok());
  size_t total = 0;
  for (const RowGroup& grp : *g) {
    for (uint32_t i : grp.rows) {
      EXPECT_EQ(grp.label, Texts(fx_["columns"]["Marital"])[d.source_rows[i]].value());
      ++total;
    }
  }
  EXPECT_EQ(total, 3u);
}

TEST(GroupRows, UnknownColumnAndBadRows) {
  Table t = MakeTable({IntColumn("a", {1, 2})});
  EvalData d = BinaryData({0, 1}, {0, 1});
  auto g = GroupRows(t, d, "nope", 4, nullptr);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(g.status().message().find("nope"), std::string::npos);
  d.source_rows[1] = 7;
  auto bad = GroupRows(t, d, "a", 4, nullptr);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("table row 7"), std::string::npos);
}

TEST(GroupRows, FloatsBinnedNanIsMissing) {
  Table t = MakeTable({FloatColumn("x", {0.5, 1.5, NAN, 2.5, 3.5, 4.5, 5.5, 6.5})});
  EvalData d = BinaryData({0, 0, 0, 0, 1, 1, 1, 1}, {0, 0, 0, 0, 1, 1, 1, 1});
  auto g = GroupRows(t, d, "x", 2, nullptr);
  ASSERT_TRUE(g.ok());
  // Median of the 7 finite values is 3.5: [0.5, 3.5) and [3.5, 6.5].
  ASSERT_EQ(g->size(), 3u);
  EXPECT_EQ((*g)[0].label, "[0.5, 3.5)");
  EXPECT_EQ((*g)[0].rows, (std::vector<uint32_t>{0, 1, 3}));
  EXPECT_EQ((*g)[1].label, "[3.5, 6.5]");
  EXPECT_EQ((*g)[1].rows, (std::vector<uint32_t>{4, 5, 6, 7}));
  EXPECT_EQ((*g)[2].label, "(missing)");
  EXPECT_EQ((*g)[2].rows, (std::vector<uint32_t>{2}));
  // One bin: a single group.
  auto one = GroupRows(t, d, "x", 1, nullptr);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 2u);
  EXPECT_EQ((*one)[0].label, "all values");
  EXPECT_EQ((*one)[0].rows.size(), 7u);
}

TEST(GroupRows, FewValuedIntsAndBoolsByValue) {
  ValidityBitmap valid;
  valid.AppendMany(true, 4);
  Table t = MakeTable({IntColumn("k", {10, 2, 10, 2}), Column::Bool("b", {1, 0, 0, 1}, valid)});
  EvalData d = BinaryData({0, 1, 0, 1}, {0, 1, 1, 1});
  auto k = GroupRows(t, d, "k", 4, nullptr);
  ASSERT_TRUE(k.ok());
  ASSERT_EQ(k->size(), 2u);
  EXPECT_EQ((*k)[0].label, "2");  // numeric order, not text order ("10" < "2")
  EXPECT_EQ((*k)[1].label, "10");
  auto b = GroupRows(t, d, "b", 4, nullptr);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->size(), 2u);
}

TEST(GroupRows, NonNumericReferenceIsAnError) {
  std::vector<double> x;
  for (int i = 0; i < 40; ++i) x.push_back(i * 0.5);
  Table t = MakeTable({FloatColumn("x", x)});
  EvalData d = BinaryData(std::vector<int32_t>(40, 0), std::vector<int32_t>(40, 0));
  const Column ref = TextColumn("x", {"a", "b"});
  auto g = GroupRows(t, d, "x", 4, &ref);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kInvalidArgument);
}

TEST(Intersect, KeepsEmptyCombinations) {
  std::vector<RowGroup> a = {{"x", {0, 1, 2}}, {"y", {3, 4}}};
  std::vector<RowGroup> b = {{"p", {0, 3}}, {"q", {1, 2}}};
  auto c = Intersect(a, b);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].label, "x & p");
  EXPECT_EQ(c[0].rows, (std::vector<uint32_t>{0}));
  EXPECT_EQ(c[1].rows, (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(c[2].rows, (std::vector<uint32_t>{3}));
  EXPECT_EQ(c[3].label, "y & q");
  EXPECT_TRUE(c[3].rows.empty());
}

// The one-pass split crossing against a merge per pair, on random splits
// (with rows in neither split), overlapping groups and repeated rows.
TEST(Intersect, MatchesPairwiseSetIntersection) {
  std::mt19937_64 rng(3);
  auto random_groups = [&](size_t groups, bool disjoint) {
    std::vector<RowGroup> out(groups);
    for (size_t g = 0; g < groups; ++g) out[g].label = std::to_string(g);
    for (uint32_t row = 0; row < 500; ++row) {
      if (rng() % 7 == 0) continue;  // in no group
      out[rng() % groups].rows.push_back(row);
      if (!disjoint && rng() % 5 == 0) out[rng() % groups].rows.push_back(row);
    }
    for (RowGroup& g : out) {
      std::sort(g.rows.begin(), g.rows.end());
      if (!disjoint && !g.rows.empty()) g.rows.push_back(g.rows.back());  // a repeat
    }
    return out;
  };
  for (bool disjoint : {true, false}) {
    const std::vector<RowGroup> a = random_groups(4, disjoint), b = random_groups(3, disjoint);
    const std::vector<RowGroup> c = Intersect(a, b);
    ASSERT_EQ(c.size(), a.size() * b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      for (size_t j = 0; j < b.size(); ++j) {
        std::vector<uint32_t> expected;
        std::set_intersection(a[i].rows.begin(), a[i].rows.end(), b[j].rows.begin(),
                              b[j].rows.end(), std::back_inserter(expected));
        EXPECT_EQ(c[i * b.size() + j].rows, expected) << i << " & " << j;
        EXPECT_EQ(c[i * b.size() + j].label, a[i].label + " & " + b[j].label);
      }
    }
  }
}

}  // namespace
}  // namespace airm
