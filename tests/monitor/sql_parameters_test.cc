#include "airm/monitor/sql_parameters.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace airm::monitor {
namespace {

using ::testing::ElementsAre;

const std::vector<std::string> kBounds = {"start", "end", "start_epoch", "end_epoch"};

TEST(NumberNamedParametersTest, NumbersByFirstUseAndReusesTheNumberOfARepeatedName) {
  NumberedQuery q = NumberNamedParameters(
      "SELECT * FROM t WHERE ts < :end AND ts >= :start AND :start < :end", kBounds);
  EXPECT_EQ(q.sql, "SELECT * FROM t WHERE ts < $1 AND ts >= $2 AND $2 < $1");
  EXPECT_THAT(q.params, ElementsAre("end", "start"));
}

TEST(NumberNamedParametersTest, EpochNamesAreWholeWordsAndCastsAreNotParameters) {
  NumberedQuery q = NumberNamedParameters(
      "SELECT ts::text AS ts FROM t WHERE ts >= :start::timestamptz AND "
      "extract(epoch FROM ts) < :end_epoch AND a[1:2] = :starts",
      kBounds);
  EXPECT_EQ(q.sql,
            "SELECT ts::text AS ts FROM t WHERE ts >= $1::timestamptz AND "
            "extract(epoch FROM ts) < $2 AND a[1:2] = :starts");
  EXPECT_THAT(q.params, ElementsAre("start", "end_epoch"));
}

TEST(NumberNamedParametersTest, LiteralsIdentifiersDollarQuotesAndCommentsAreLeftAlone) {
  const std::string sql =
      "SELECT ':start', 'it''s :end', E'a\\' :end', \":end\", $$ :start $$, $q$ :end $q$ "
      "-- :start\n /* a /* nested :end */ :start */ FROM t WHERE ts < :end";
  NumberedQuery q = NumberNamedParameters(sql, kBounds);
  EXPECT_EQ(q.sql,
            "SELECT ':start', 'it''s :end', E'a\\' :end', \":end\", $$ :start $$, $q$ :end $q$ "
            "-- :start\n /* a /* nested :end */ :start */ FROM t WHERE ts < $1");
  EXPECT_THAT(q.params, ElementsAre("end"));
}

// PostgreSQL identifiers may hold `$`: col$x$ opens no dollar quote, so the
// bound after it is still found.
TEST(NumberNamedParametersTest, ADollarInsideAnIdentifierIsNotADollarQuote) {
  NumberedQuery q = NumberNamedParameters("SELECT col$x$ FROM t WHERE ts < :end", kBounds);
  EXPECT_EQ(q.sql, "SELECT col$x$ FROM t WHERE ts < $1");
  EXPECT_THAT(q.params, ElementsAre("end"));
}

}  // namespace
}  // namespace airm::monitor
