#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/reader.h"
#include "test_util.h"

namespace airm {
namespace {

using io_test::TempDir;
using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(JsonLines, FlattensUnionsKeysAndSkipsBlankLines) {
  TempDir dir;
  const std::string path = dir.Write(
      "events.jsonl",
      "{\"id\": 1, \"user\": {\"age\": 30, \"geo\": {\"cc\": \"DE\"}}, \"tags\": [\"a\", 1]}\n"
      "\n"
      "   \n"
      "{\"id\": 2, \"score\": 0.5, \"ok\": true, \"user\": {\"age\": null}}\n"
      "{\"id\": 3, \"when\": \"2024-01-31T00:00:00Z\", \"ok\": false}");
  auto result = ReadTable(path);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const Table& t = *result;
  ASSERT_EQ(t.num_rows(), 3u);
  std::vector<std::string> names;
  for (const Column& c : t.columns()) names.push_back(c.name());
  EXPECT_THAT(names, ::testing::ElementsAre("id", "user.age", "user.geo.cc", "tags", "score", "ok",
                                            "when"));
  EXPECT_EQ(t.column(0).type(), DataType::kInt64);
  EXPECT_EQ(t.column(1).type(), DataType::kInt64);
  EXPECT_EQ(t.column(1).null_count(), 2u);  // JSON null and a missing key
  EXPECT_EQ(t.column(2).TextAt(0), "DE");
  EXPECT_EQ(t.column(3).TextAt(0), "[\"a\",1]");  // arrays kept as JSON text
  EXPECT_EQ(t.column(4).type(), DataType::kFloat64);
  EXPECT_EQ(t.column(5).type(), DataType::kBool);
  EXPECT_FALSE(t.column(5).IsValid(0));
  EXPECT_EQ(t.column(6).type(), DataType::kTimestamp);
}

TEST(JsonLines, NdjsonAndGzSuffixSelectJsonLines) {
  TempDir dir;
  auto result = ReadTable(dir.Write("x.NDJSON", "{\"a\": \"x,y\"}\n"));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->column(0).TextAt(0), "x,y");
}

TEST(JsonLines, NotAnObjectNamesTheLine) {
  TempDir dir;
  Status s = ReadTable(dir.Write("bad.jsonl", "{\"a\":1}\n\n[1,2]\n")).status();
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("bad.jsonl"), HasSubstr("line 3"),
                                 HasSubstr("expected a JSON object, found an array")));
}

TEST(JsonLines, InvalidJsonNamesLineAndByte) {
  TempDir dir;
  Status s = ReadTable(dir.Write("bad.jsonl", "{\"a\":1}\n{\"a\": tru}\n")).status();
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("line 2"), HasSubstr("invalid JSON at byte")));
}

TEST(JsonLines, InvalidUtf8AndDeepNesting) {
  TempDir dir;
  Status s = ReadTable(dir.Write("u.jsonl", "{\"a\":\"ok\"}\n{\"a\":\"caf\xE9\"}\n")).status();
  EXPECT_THAT(s.message(), AllOf(HasSubstr("line 2"), HasSubstr("invalid JSON")));
  std::string deep = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}\n";
  s = ReadTable(dir.Write("deep.jsonl", deep)).status();
  EXPECT_THAT(s.message(), AllOf(HasSubstr("line 1"), HasSubstr("nested deeper")));
}

TEST(JsonLines, EmptyFile) {
  TempDir dir;
  EXPECT_THAT(ReadTable(dir.Write("e.jsonl", "\n\n")).status().message(), HasSubstr("empty file"));
}

// Issue 12: a key first seen after the first chunk used to fail the stream.
TEST(JsonLines, StreamColumnsAreEveryKeyOfTheFile) {
  TempDir dir;
  const std::string path =
      dir.Write("s.jsonl", "{\"a\":1}\n{\"a\":2,\"b\":1}\n{\"a\":3}\n{\"c\":4}\n");
  ReadOptions options;
  options.chunk_rows = 2;
  auto stream = TableStream::Open(path, options);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  auto first = (*stream)->Next();
  ASSERT_TRUE(first.ok() && first->has_value()) << first.status().ToString();
  ASSERT_EQ((*first)->num_columns(), 3u);
  EXPECT_EQ((*first)->column(2).name(), "c");
  EXPECT_EQ((*first)->column(2).null_count(), 2u);
  auto second = (*stream)->Next();
  ASSERT_TRUE(second.ok() && second->has_value()) << second.status().ToString();
  ASSERT_EQ((*second)->num_columns(), 3u);
  EXPECT_FALSE((*second)->column(2).IsValid(0));
  ASSERT_TRUE((*second)->column(2).IsValid(1));
  EXPECT_EQ((*second)->column(2).TextAt(1), "4");
  auto end = (*stream)->Next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
}

}  // namespace
}  // namespace airm
