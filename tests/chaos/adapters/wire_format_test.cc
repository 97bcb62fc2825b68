// Wire formats of the adapters: the Python-flavoured JSON request encoder,
// the response-token rewrite, the CSV payload and the prediction-reading rules.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "csv_payload.h"
#include "prediction_reading.h"
#include "python_json.h"

namespace airm::chaos {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(DataframeSplit, WritesPythonTokensNullsAndEscapedStrings) {
  const std::vector<std::string> columns = {"a", "b\"q"};
  const std::vector<std::vector<Cell>> rows = {
      {0.1, std::string("x,\"y\"\n\x01")},
      {kNan, std::monostate{}},
      {kInf, -kInf},
      {1e21, 3.0},
  };
  EXPECT_EQ(EncodeDataframeSplit(columns, rows),
            R"({"dataframe_split": {"columns": ["a", "b\"q"], "data": )"
            R"([[0.1, "x,\"y\"\n\u0001"], [NaN, null], [Infinity, -Infinity], [1e+21, 3]]}})");
}

TEST(DataframeSplit, EmptyBatchHasEmptyData) {
  EXPECT_EQ(EncodeDataframeSplit({"a"}, {}),
            R"({"dataframe_split": {"columns": ["a"], "data": []}})");
}

TEST(StrictJsonFromPython, RewritesTokensOutsideStringsOnly) {
  const std::string strict =
      StrictJsonFromPython(R"({"p": [NaN, Infinity, -Infinity, 0.5], "s": "NaN \" Infinity"})");
  EXPECT_EQ(strict, R"({"p": ["\u0001airm:NaN", "\u0001airm:Infinity", "\u0001airm:-Infinity",)"
                    R"( 0.5], "s": "NaN \" Infinity"})");
  double value = 0;
  EXPECT_TRUE(SentinelNumber(kNegInfSentinel, &value));
  EXPECT_EQ(value, -kInf);
  EXPECT_FALSE(SentinelNumber("NaN", &value));
}

TEST(CsvPayload, QuotesPerRfc4180AndSpellsNonFiniteNumbers) {
  const std::vector<std::vector<Cell>> rows = {
      {1.5, std::string("plain"), std::monostate{}},
      {kNan, std::string("a,b"), std::string("say \"hi\"")},
      {kInf, std::string(""), -kInf},
  };
  EXPECT_EQ(EncodeCsv({"x", "y z", "q,r"}, rows),
            "x,y z,\"q,r\"\n"
            "1.5,plain,\n"
            "nan,\"a,b\",\"say \"\"hi\"\"\"\n"
            "inf,\"\",-inf\n");
}

TEST(CsvPayload, LoneNullIsNotABlankLine) {
  const std::vector<std::vector<Cell>> rows = {{std::monostate{}}, {2.0}};
  EXPECT_EQ(EncodeCsv({"x"}, rows), "x\n\"\"\n2\n");
}

TEST(MlflowPredictions, ReadsNumbersTokensNullsAndBareLists) {
  PredictOutcome outcome =
      ReadMlflowPredictions(R"({"predictions": [0.25, NaN, -Infinity, null, true]})", 5, {});
  ASSERT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_EQ(outcome.scores[0], 0.25);
  EXPECT_TRUE(std::isnan(outcome.scores[1]));
  EXPECT_EQ(outcome.scores[2], -kInf);
  EXPECT_TRUE(std::isnan(outcome.scores[3]));
  EXPECT_EQ(outcome.scores[4], 1.0);

  outcome = ReadMlflowPredictions("[0.5, 0.75]", 2, {});
  ASSERT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_EQ(outcome.scores, (std::vector<double>{0.5, 0.75}));
}

TEST(MlflowPredictions, ObjectsFollowTheKeyOrderRule) {
  // probability beats score; then score; then the first numeric field in
  // the answer's order; a probability list uses the list rule.
  const PredictOutcome outcome = ReadMlflowPredictions(
      R"({"predictions": [{"score": 0.9, "probability": 0.1}, {"label": "x", "score": 0.2},)"
      R"( {"label": "x", "zeta": 0.3, "alpha": 0.4}, {"probability": [0.6, 0.4]}]})",
      4, {});
  ASSERT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_EQ(outcome.scores, (std::vector<double>{0.1, 0.2, 0.3, 0.4}));
}

TEST(MlflowPredictions, PositiveLabelPicksAKeyOrAnIndex) {
  PredictOutcome outcome = ReadMlflowPredictions(
      R"({"predictions": [{"good": 0.7, "bad": 0.3, "probability": 0.9}]})", 1, "bad");
  ASSERT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_EQ(outcome.scores, std::vector<double>{0.3});

  outcome = ReadMlflowPredictions(R"({"predictions": [[0.2, 0.3, 0.5]]})", 1, "0");
  ASSERT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_EQ(outcome.scores, std::vector<double>{0.2});

  outcome = ReadMlflowPredictions(R"({"predictions": [[0.2, 0.3, 0.5]]})", 1, {});
  EXPECT_EQ(outcome.failure, FailureKind::kMalformed);
  EXPECT_NE(outcome.detail.find("prediction 0: a list of 3 values"), std::string::npos)
      << outcome.detail;
}

TEST(MlflowPredictions, PairsTakeTheSecondProbability) {
  const PredictOutcome outcome = ReadMlflowPredictions("[[0.9, 0.1], [0.3, 0.7]]", 2, {});
  ASSERT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_EQ(outcome.scores, (std::vector<double>{0.1, 0.7}));
}

TEST(MlflowPredictions, ShapeProblemsAreMalformedOrWrongCount) {
  struct Case {
    const char* body;
    FailureKind failure;
    const char* detail;
  };
  const Case cases[] = {
      {R"({"predictions": [0.5, )", FailureKind::kMalformed, "not JSON"},
      {R"({"result": [0.5]})", FailureKind::kMalformed, "expected {\"predictions\""},
      {R"({"predictions": "0.5"})", FailureKind::kMalformed, "'predictions' is not a list"},
      {R"({"predictions": ["bad"]})", FailureKind::kMalformed, "prediction 0: not a number"},
      {R"({"predictions": [{"label": "bad"}]})", FailureKind::kMalformed,
       "prediction 0: an object"},
      {R"({"predictions": [0.5, 0.5]})", FailureKind::kWrongCount, "expected 1 predictions, got 2"},
      {"", FailureKind::kMalformed, "not JSON"},
      // nlohmann throws out_of_range (not parse_error) on a number no double holds.
      {R"({"predictions": [1e400]})", FailureKind::kMalformed, "cannot be read"},
  };
  for (const Case& c : cases) {
    const PredictOutcome outcome = ReadMlflowPredictions(c.body, 1, {});
    EXPECT_EQ(outcome.failure, c.failure) << c.body;
    EXPECT_NE(outcome.detail.find(c.detail), std::string::npos)
        << c.body << " -> " << outcome.detail;
    EXPECT_TRUE(outcome.scores.empty());
  }
}

TEST(KservePredictions, ReadsVectorsColumnsAndNestedData) {
  PredictOutcome outcome = ReadKservePredictions(
      R"({"outputs": [{"name": "p", "shape": [2], "datatype": "FP64", "data": [0.1, NaN]}]})", 2,
      {});
  ASSERT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_EQ(outcome.scores[0], 0.1);
  EXPECT_TRUE(std::isnan(outcome.scores[1]));

  outcome = ReadKservePredictions(
      R"({"outputs": [{"shape": [2, 2], "data": [0.9, 0.1, 0.4, 0.6]}]})", 2, {});
  ASSERT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_EQ(outcome.scores, (std::vector<double>{0.1, 0.6}));

  outcome =
      ReadKservePredictions(R"({"outputs": [{"shape": [2, 1], "data": [[0.3], [0.4]]}]})", 2, {});
  ASSERT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_EQ(outcome.scores, (std::vector<double>{0.3, 0.4}));
}

TEST(KservePredictions, ShapeProblemsAreMalformedOrWrongCount) {
  EXPECT_EQ(
      ReadKservePredictions(R"({"outputs": [{"shape": [3], "data": [1, 2, 3]}]})", 2, {}).failure,
      FailureKind::kWrongCount);
  EXPECT_EQ(ReadKservePredictions(R"({"outputs": [{"shape": [2], "data": [1]}]})", 2, {}).failure,
            FailureKind::kMalformed);
  EXPECT_EQ(ReadKservePredictions(R"({"outputs": []})", 2, {}).failure, FailureKind::kMalformed);
  EXPECT_EQ(ReadKservePredictions(R"({"predictions": [1, 2]})", 2, {}).failure,
            FailureKind::kMalformed);
  EXPECT_EQ(ReadKservePredictions(R"({"outputs": [{"shape": [1, 3], "data": [1, 2, 3]}]})", 1, {})
                .failure,
            FailureKind::kMalformed);
}

}  // namespace
}  // namespace airm::chaos
