// Malformed CSV: each case fails with kParseError (or kIoError) whose
// message names the file, the physical line and the column.
#include <gmock/gmock.h>
#include <gtest/gtest.h>


#include "airm/reader.h"
#include "test_util.h"

namespace airm {
namespace {

using io_test::TempDir;
using ::testing::AllOf;
using ::testing::HasSubstr;

Status ReadStatus(const std::string& path, const ReadOptions& options = {}) {
  return ReadTable(path, options).status();
}

// The first error a stream reports.
Status StreamStatus(const std::string& path, const ReadOptions& options = {}) {
  auto stream = TableStream::Open(path, options);
  if (!stream.ok()) return stream.status();
  while (true) {
    auto chunk = (*stream)->Next();
    if (!chunk.ok()) return chunk.status();
    if (!chunk->has_value()) return Status::Ok();
  }
}

TEST(CsvErrors, TooManyFields) {
  TempDir dir;
  const std::string path = dir.Write("ragged.csv", "a,b,c\n1,2,3\n4,5,6,7\n");
  Status s = ReadStatus(path);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("ragged.csv"), HasSubstr("line 3"),
                                 HasSubstr("column 4"), HasSubstr("expected 3 fields")));
  EXPECT_EQ(StreamStatus(path).message(), s.message());
}

TEST(CsvErrors, TooFewFieldsNamesTheMissingColumn) {
  TempDir dir;
  const std::string path = dir.Write("few.csv", "a,b,income\n1,2,3\n4,5\n");
  Status s = ReadStatus(path);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("few.csv"), HasSubstr("line 3"),
                                 HasSubstr("column 3 ('income')"), HasSubstr("found 2")));
}

TEST(CsvErrors, LinesArePhysicalAcrossQuotedNewlines) {
  TempDir dir;
  // Row 2 spans lines 2-4; the short row is on physical line 5.
  const std::string path = dir.Write("phys.csv", "a,b\n1,\"x\ny\nz\"\n2\n");
  EXPECT_THAT(ReadStatus(path).message(), AllOf(HasSubstr("line 5"), HasSubstr("('b')")));
}

TEST(CsvErrors, UnterminatedQuoteReportsOpeningLine) {
  TempDir dir;
  const std::string path = dir.Write("quote.csv", "a,b\n1,2\n3,\"open\n4,5\n6,7\n");
  Status s = ReadStatus(path);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("quote.csv"), HasSubstr("line 3"),
                                 HasSubstr("column 2 ('b')"), HasSubstr("unterminated")));
  EXPECT_EQ(StreamStatus(path).message(), s.message());
}

TEST(CsvErrors, QuoteInsideUnquotedField) {
  TempDir dir;
  Status s = ReadStatus(dir.Write("q.csv", "h,w\n1,5'10\"\n"));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("line 2"), HasSubstr("column 2 ('w')"),
                                 HasSubstr("quote character inside an unquoted field")));
}

// Past the first eight bytes of a field, where the tokenizer scans by words.
TEST(CsvErrors, QuoteDeepInsideLongUnquotedField) {
  TempDir dir;
  Status s = ReadStatus(dir.Write("q.csv", "h,w\n1,2\n3,abcdefghijklmn\"op\n"));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("line 3"), HasSubstr("column 2 ('w')"),
                                 HasSubstr("quote character inside an unquoted field")));
}

// Line numbers carry across the windows of a whole-file read (rows of two
// physical lines each, so rows and lines differ).
TEST(CsvErrors, LineCountedAcrossReadWindows) {
  TempDir dir;
  std::string csv = "a,note\n";
  const int rows = 250000;  // about 20 MB, more than one 16 MiB window
  for (int i = 0; i < rows; ++i) {
    csv += std::to_string(i) + ",\"two\nlines " + std::string(60 + i % 11, 'q') + "\"\n";
  }
  csv += "7,bad\"quote\n";
  Status s = ReadStatus(dir.Write("lines.csv", csv));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("line " + std::to_string(2 + 2 * rows) + ","),
                                 HasSubstr("column 2 ('note')"),
                                 HasSubstr("quote character inside an unquoted field")));
}

TEST(CsvErrors, GarbageAfterClosingQuote) {
  TempDir dir;
  Status s = ReadStatus(dir.Write("q.csv", "h,w\n\"ab\"c,1\n"));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("line 2"), HasSubstr("column 1 ('h')"),
                                 HasSubstr("after the closing quote")));
}

TEST(CsvErrors, InvalidUtf8ReportsLineAndColumn) {
  TempDir dir;
  const std::string path = dir.Write("utf.csv", "id,name\n1,ok\n2,caf\xE9\n");
  Status s = ReadStatus(path);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(),
              AllOf(HasSubstr("utf.csv"), HasSubstr("line 3"), HasSubstr("column 2 ('name')"),
                    HasSubstr("invalid UTF-8"), HasSubstr("byte 4 of the field")));
}

TEST(CsvErrors, EmptyFile) {
  TempDir dir;
  Status s = ReadStatus(dir.Write("empty.csv", ""));
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("empty.csv"), HasSubstr("empty file")));
  EXPECT_THAT(ReadStatus(dir.Write("blank.csv", "\n\r\n\n")).message(), HasSubstr("empty file"));
  EXPECT_THAT(StreamStatus(dir.Path("empty.csv")).message(), HasSubstr("empty file"));
}

TEST(CsvErrors, HeaderOnlyIsNoDataRows) {
  TempDir dir;
  for (const char* text : {"a,b\n", "a,b", "a,b\n\n\n"}) {
    const std::string path = dir.Write("header.csv", text);
    Status s = ReadStatus(path);
    EXPECT_EQ(s.code(), StatusCode::kParseError);
    EXPECT_THAT(s.message(), AllOf(HasSubstr("header.csv"), HasSubstr("no data rows")));
    EXPECT_THAT(StreamStatus(path).message(), HasSubstr("no data rows"));
  }
}

TEST(CsvErrors, DuplicateColumnNames) {
  TempDir dir;
  Status s = ReadStatus(dir.Write("dup.csv", "a,b,a\n1,2,3\n"));
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("line 1"), HasSubstr("column 3"),
                                 HasSubstr("duplicate column name 'a'"), HasSubstr("column 1)")));
}

TEST(CsvErrors, FieldLongerThanLimit) {
  TempDir dir;
  ReadOptions options;
  options.max_field_bytes = 8;
  const std::string path = dir.Write("long.csv", "a,b\n1,2\n3,123456789\n");
  Status s = ReadStatus(path, options);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("line 3"), HasSubstr("column 2 ('b')"),
                                 HasSubstr("max_field_bytes (8 bytes)")));
  EXPECT_EQ(StreamStatus(path, options).message(), s.message());
  // Quoted fields count their content too.
  EXPECT_THAT(ReadStatus(dir.Write("q.csv", "a\n\"12345\n6789\"\n"), options).message(),
              AllOf(HasSubstr("line 2"), HasSubstr("max_field_bytes")));
}

// A 256 MiB line must fail after reading about max_field_bytes (16 MiB) plus
// one block, not after buffering the whole line. Time bounds it loosely.
TEST(CsvErrors, HostileLongLineFailsFast) {
  TempDir dir;
  const std::string path = dir.Path("hostile.csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << "a,b\n1,";
    std::string block(1 << 20, 'x');
    for (int i = 0; i < 256; ++i) out.write(block.data(), block.size());
    out << "\n";
  }
  for (bool stream : {false, true}) {
    // No timing assertion (the suite has none): a reader that kept the whole
    // line would still fail here, and one that hangs meets ctest's timeout.
    Status s = stream ? StreamStatus(path) : ReadStatus(path);
    EXPECT_EQ(s.code(), StatusCode::kParseError) << "stream=" << stream;
    EXPECT_THAT(s.message(),
                AllOf(HasSubstr("line 2"), HasSubstr("('b')"), HasSubstr("max_field_bytes")));
  }
}

TEST(CsvErrors, HostileManyFieldsFailFast) {
  TempDir dir;
  std::string line(1 << 20, ',');
  Status s = StreamStatus(dir.Write("commas.csv", "a,b\n" + line + "\n"));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("line 2"), HasSubstr("too many fields")));
}

TEST(CsvErrors, MissingFileIsIoError) {
  Status s = ReadStatus("/nonexistent/dir/data.csv");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_THAT(s.message(), HasSubstr("/nonexistent/dir/data.csv"));
  EXPECT_EQ(TableStream::Open("/nonexistent/dir/data.csv").status().code(), StatusCode::kIoError);
}

TEST(CsvErrors, StreamKeepsReportingTheError) {
  TempDir dir;
  auto stream = TableStream::Open(dir.Write("r.csv", "a,b\n1,2\n3\n"));
  ASSERT_TRUE(stream.ok());
  auto first = (*stream)->Next();
  ASSERT_FALSE(first.ok());
  auto second = (*stream)->Next();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(first.status().message(), second.status().message());
}

}  // namespace
}  // namespace airm
