// Happy paths of the CSV reader: dialect, nulls, inference and widening.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "airm/reader.h"
#include "test_util.h"

namespace airm {
namespace {

using io_test::TempDir;

Table MustRead(const std::string& path, const ReadOptions& options = {}) {
  Result<Table> table = ReadTable(path, options);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  if (!table.ok()) return Table();
  return std::move(table).value();
}

const Column& Col(const Table& t, const std::string& name) {
  auto index = t.FindColumn(name);
  EXPECT_TRUE(index.has_value()) << name;
  return t.column(index.value_or(0));
}

TEST(CsvReader, InfersEveryType) {
  TempDir dir;
  const std::string path = dir.Write("types.csv",
                                     "i,f,b,t,c,e\n"
                                     "1,1.5,true,2024-01-31,red,\n"
                                     "-2,inf,FALSE,2024-01-31T10:00:00Z,blue,\n"
                                     "3,-Infinity,True,2024-02-01 00:00:00.5+01:00,red,NA\n");
  Table t = MustRead(path);
  ASSERT_EQ(t.num_rows(), 3u);
  ASSERT_EQ(t.num_columns(), 6u);
  EXPECT_EQ(Col(t, "i").type(), DataType::kInt64);
  EXPECT_EQ(Col(t, "i").int64_values()[1], -2);
  EXPECT_EQ(Col(t, "f").type(), DataType::kFloat64);
  EXPECT_TRUE(std::isinf(Col(t, "f").Float64At(1)));
  EXPECT_LT(Col(t, "f").Float64At(2), 0);
  EXPECT_EQ(Col(t, "b").type(), DataType::kBool);
  EXPECT_EQ(Col(t, "b").bool_values()[2], 1);
  EXPECT_EQ(Col(t, "t").type(), DataType::kTimestamp);
  EXPECT_EQ(Col(t, "t").TextAt(1), "2024-01-31T10:00:00Z");
  EXPECT_EQ(Col(t, "t").int64_values()[2], (19753LL * 86400 + 23 * 3600) * 1000000 + 500000);
  EXPECT_EQ(Col(t, "c").type(), DataType::kCategorical);
  EXPECT_THAT(Col(t, "c").dictionary(), ::testing::ElementsAre("red", "blue"));
  // An all-null column is float64 with every row null (documented).
  EXPECT_EQ(Col(t, "e").type(), DataType::kFloat64);
  EXPECT_EQ(Col(t, "e").null_count(), 3u);
}

TEST(CsvReader, QuotesEscapesAndEmbeddedNewlines) {
  TempDir dir;
  const std::string path = dir.Write(
      "q.csv", "id,text\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"\"\n5,plain\n");
  Table t = MustRead(path);
  ASSERT_EQ(t.num_rows(), 5u);
  const Column& text = Col(t, "text");
  EXPECT_EQ(text.TextAt(0), "a, b");
  EXPECT_EQ(text.TextAt(1), "say \"hi\"");
  EXPECT_EQ(text.TextAt(2), "two\nlines");
  EXPECT_FALSE(text.IsValid(3));  // "" is the empty null token, quoted or not
  EXPECT_EQ(text.TextAt(4), "plain");
}

TEST(CsvReader, CrlfBomNoTrailingNewlineAndBlankLines) {
  TempDir dir;
  const std::string path = dir.Write("crlf.csv", "\xEF\xBB\xBFx,y\r\n1,\"a\"\r\n\r\n2,b\r\n\n3,c");
  Table t = MustRead(path);
  ASSERT_EQ(t.num_rows(), 3u);
  EXPECT_EQ(t.column(0).name(), "x");  // BOM stripped
  EXPECT_EQ(t.column(0).type(), DataType::kInt64);
  EXPECT_EQ(t.column(1).TextAt(0), "a");
  EXPECT_EQ(t.column(1).TextAt(1), "b");  // no stray '\r'
  EXPECT_EQ(t.column(1).TextAt(2), "c");
}

TEST(CsvReader, DetectsDelimiters) {
  TempDir dir;
  for (const char* delim : {";", "\t", "|"}) {
    std::string d(delim);
    const std::string path = dir.Write("d.csv", "a" + d + "b" + d + "c\n1" + d + "2" + d + "3\n");
    Table t = MustRead(path);
    EXPECT_EQ(t.num_columns(), 3u) << "delimiter " << int(delim[0]);
    EXPECT_EQ(t.column(2).int64_values()[0], 3);
  }
  // An explicit delimiter overrides detection.
  const std::string path = dir.Write("e.csv", "a;b,c\n1;2,3\n");
  ReadOptions options;
  options.delimiter = ',';
  Table t = MustRead(path, options);
  EXPECT_EQ(t.column(0).name(), "a;b");
}

TEST(CsvReader, NullTokensAreConfigurable) {
  TempDir dir;
  const std::string path = dir.Write("n.csv", "v\n1.5\nNaN\n n/a \nNA\n");
  {
    ReadOptions options;
    options.null_tokens = {"", "NA", "n/a"};  // NaN is now a value
    Table t = MustRead(path, options);
    ASSERT_EQ(t.column(0).type(), DataType::kFloat64);
    EXPECT_TRUE(t.column(0).IsValid(1));
    EXPECT_TRUE(std::isnan(t.column(0).Float64At(1)));
    EXPECT_FALSE(t.column(0).IsValid(2));  // compared after trimming blanks
    EXPECT_EQ(t.column(0).null_count(), 2u);
  }
  {
    Table t = MustRead(path);  // defaults: "n/a" is text, so the column is text
    EXPECT_EQ(t.column(0).type(), DataType::kCategorical);
    EXPECT_EQ(t.column(0).null_count(), 2u);  // NaN and NA
  }
}

TEST(CsvReader, WidensInsteadOfFailing) {
  TempDir dir;
  const std::string path = dir.Write("w.csv",
                                     "a,b,c,d,e\n"
                                     "1,1,true,2024-01-01,9223372036854775807\n"
                                     "2.5,x,1,5,9223372036854775808\n");
  Table t = MustRead(path);
  EXPECT_EQ(Col(t, "a").type(), DataType::kFloat64);  // int64 -> float64
  EXPECT_EQ(Col(t, "a").Float64At(0), 1.0);
  EXPECT_EQ(Col(t, "b").type(), DataType::kCategorical);  // int64 -> text
  EXPECT_EQ(Col(t, "b").TextAt(0), "1");
  EXPECT_EQ(Col(t, "c").type(), DataType::kCategorical);  // bool + int -> text
  EXPECT_EQ(Col(t, "d").type(), DataType::kCategorical);  // timestamp + int -> text
  EXPECT_EQ(Col(t, "d").TextAt(0), "2024-01-01");         // original text kept
  EXPECT_EQ(Col(t, "e").type(), DataType::kFloat64);      // int64 overflow -> float64
}

TEST(CsvReader, NumbersWithSurroundingBlanks) {
  TempDir dir;
  Table t = MustRead(dir.Write("s.csv", "a,b\n 1 , x \n2,\t y\n"));
  EXPECT_EQ(t.column(0).type(), DataType::kInt64);
  EXPECT_EQ(t.column(0).int64_values()[0], 1);
  EXPECT_EQ(t.column(1).TextAt(0), " x ");  // text keeps its blanks
}

TEST(CsvReader, HighCardinalityTextBecomesString) {
  TempDir dir;
  std::string csv = "id,group\n";
  for (int i = 0; i < 50; ++i)
    csv += "user" + std::to_string(i) + ",g" + std::to_string(i % 3) + "\n";
  const std::string path = dir.Write("c.csv", csv);
  ReadOptions options;
  options.max_dictionary = 10;
  Table t = MustRead(path, options);
  EXPECT_EQ(Col(t, "id").type(), DataType::kString);
  EXPECT_EQ(Col(t, "id").strings()[49], "user49");
  EXPECT_EQ(Col(t, "group").type(), DataType::kCategorical);
  EXPECT_EQ(Col(t, "group").dictionary().size(), 3u);
  // Automatic limit: max(1000, rows / 2) -> 50 distinct of 50 rows stays categorical.
  EXPECT_EQ(Col(MustRead(path), "id").type(), DataType::kCategorical);
}

// The tokenizer scans unquoted fields eight bytes at a time: every field
// length around and across that step, at every offset in the row, must come
// back whole.
TEST(CsvReader, FieldsOfEveryLengthAroundTheScanStep) {
  TempDir dir;
  std::string csv = "a,b,c\n";
  std::vector<std::string> expected;
  for (int length = 1; length <= 19; ++length) {
    for (int shift = 0; shift < 3; ++shift) {
      const std::string field(length, static_cast<char>('a' + shift + length % 7));
      csv += std::string(shift + 1, 'x') + "," + field + ",z\n";
      expected.push_back(field);
    }
  }
  Table t = MustRead(dir.Write("lengths.csv", csv));
  const Column& b = Col(t, "b");
  ASSERT_EQ(b.size(), expected.size());
  for (std::size_t row = 0; row < expected.size(); ++row) {
    EXPECT_EQ(b.TextAt(row), expected[row]) << "row " << row;
  }
  EXPECT_EQ(Col(t, "c").dictionary().size(), 1u);
}

// A CSV of `rows` rows of about 100 bytes, each two physical lines (a quoted
// field holds a newline and doubled quotes), every value a function of the
// row index.
std::string WindowedCsv(int rows) {
  std::string csv = "id,note,cat,x,pad\n";
  csv.reserve(static_cast<std::size_t>(rows) * 100);
  for (int i = 0; i < rows; ++i) {
    csv += std::to_string(i) + ",\"first line " + std::to_string(i % 7) +
           "\nsecond \"\"quoted\"\" line, with comma\",c" + std::to_string(i % 5) + "," +
           std::to_string(i) + ".5," + std::string(20 + i % 23, 'p') + "\n";
  }
  return csv;
}

// Whole-file reads of a plain file hold a 16 MiB window at a time (wider
// with more than 8 threads) and read the file twice; a file of several
// windows, rows straddling every window edge, must come back whole and in
// order whatever the threads.
TEST(CsvReader, FileLargerThanTheReadWindow) {
  TempDir dir;
  const int rows = 300000;  // about 30 MB
  const std::string path = dir.Write("big.csv", WindowedCsv(rows));
  for (std::size_t threads : {1u, 2u, 12u}) {
    ReadOptions options;
    options.num_threads = threads;
    Table t = MustRead(path, options);
    ASSERT_EQ(t.num_rows(), static_cast<std::size_t>(rows));
    const Column& id = Col(t, "id");
    const Column& note = Col(t, "note");
    const Column& cat = Col(t, "cat");
    const Column& x = Col(t, "x");
    ASSERT_EQ(id.type(), DataType::kInt64);
    ASSERT_EQ(note.type(), DataType::kCategorical);
    ASSERT_EQ(x.type(), DataType::kFloat64);
    EXPECT_EQ(note.dictionary().size(), 7u);
    EXPECT_EQ(note.dictionary()[0], "first line 0\nsecond \"quoted\" line, with comma");
    int wrong = 0;
    for (int i = 0; i < rows; ++i) {
      const auto row = static_cast<std::size_t>(i);
      wrong += id.int64_values()[row] != i || x.Float64At(row) != i + 0.5 ||
               cat.TextAt(row) != "c" + std::to_string(i % 5) || note.codes()[row] != i % 7;
    }
    EXPECT_EQ(wrong, 0) << "threads " << threads;
  }
}

TEST(CsvReader, EmptyHeaderNameGetsPositionalName) {
  TempDir dir;
  Table t = MustRead(dir.Write("h.csv", ",a,\n0,1,2\n"));
  ASSERT_EQ(t.num_columns(), 3u);
  EXPECT_EQ(t.column(0).name(), "column_1");
  EXPECT_EQ(t.column(2).name(), "column_3");
}

TEST(CsvReader, TrailingDelimiterMeansEmptyLastField) {
  TempDir dir;
  Table t = MustRead(dir.Write("t.csv", "a,b\n1,\n2,3\n"));
  ASSERT_EQ(t.num_rows(), 2u);
  EXPECT_FALSE(t.column(1).IsValid(0));
  EXPECT_EQ(t.column(1).int64_values()[1], 3);
}

TEST(CsvReader, EmptyTokenRemovedKeepsEmptyStrings) {
  TempDir dir;
  ReadOptions options;
  options.null_tokens = {"NA"};
  Table t = MustRead(dir.Write("e.csv", "a\nx\n\"\"\nNA\n"), options);
  ASSERT_EQ(t.num_rows(), 3u);
  EXPECT_TRUE(t.column(0).IsValid(1));
  EXPECT_EQ(t.column(0).TextAt(1), "");
  EXPECT_FALSE(t.column(0).IsValid(2));
}

TEST(CsvReader, RejectsInvalidOptions) {
  TempDir dir;
  const std::string path = dir.Write("o.csv", "a\n1\n");
  ReadOptions options;
  options.chunk_rows = 0;
  EXPECT_EQ(ReadTable(path, options).status().code(), StatusCode::kInvalidArgument);
  options = ReadOptions();
  options.delimiter = '"';
  EXPECT_EQ(ReadTable(path, options).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace airm
