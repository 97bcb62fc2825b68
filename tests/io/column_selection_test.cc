// ReadOptions::columns: every reader keeps only the asked columns, in the
// asked order, with the values of a full read; Parquet never reads the other
// columns' pages (a corrupt one is not noticed); an unknown name is a parse
// error naming the file and listing its columns.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>

#include "airm/reader.h"
#include "parquet_test_writer.h"
#include "test_util.h"

namespace airm {
namespace {

using io_test::IntColumn;
using io_test::SameColumn;
using io_test::TempDir;
using io_test::TestColumn;
using io_test::WriteParquet;
using ::testing::AllOf;
using ::testing::HasSubstr;

const std::string kData = std::string(AIRM_TEST_DATA_DIR) + "/parquet/";

ReadOptions Only(std::vector<std::string> columns) {
  ReadOptions options;
  options.columns = std::move(columns);
  return options;
}

// "x" valid; "bad" a SNAPPY chunk whose one page is not SNAPPY data.
std::string FileWithOneCorruptColumn() {
  TestColumn bad = IntColumn("bad");
  bad.codec = 1;
  bad.pages[0].body = std::string("\x40\xff\xff\xff\xff\xff", 6);
  bad.pages[0].uncompressed_size = 64;
  return WriteParquet({IntColumn("x"), bad, IntColumn("z")}, 3);
}

// Every chunk of `path` streamed `chunk_rows` rows at a time, or the first error.
Result<std::vector<Table>> StreamAll(const std::string& path, ReadOptions options,
                                     std::size_t chunk_rows = 2) {
  options.chunk_rows = chunk_rows;
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<TableStream> stream, TableStream::Open(path, options));
  std::vector<Table> chunks;
  while (true) {
    AIRM_ASSIGN_OR_RETURN(std::optional<Table> chunk, stream->Next());
    if (!chunk) break;
    chunks.push_back(std::move(*chunk));
  }
  return chunks;
}

TEST(ColumnSelection, ParquetNeverReadsTheCorruptPageOfAnUnaskedColumn) {
  TempDir dir;
  const std::string path = dir.Write("one_bad.parquet", FileWithOneCorruptColumn());

  Result<Table> all = ReadTable(path);
  ASSERT_FALSE(all.ok());
  EXPECT_THAT(all.status().message(), AllOf(HasSubstr("('bad')"), HasSubstr("SNAPPY")));
  Result<std::vector<Table>> all_streamed = StreamAll(path, {});
  ASSERT_FALSE(all_streamed.ok());
  EXPECT_THAT(all_streamed.status().message(), HasSubstr("('bad')"));

  Result<Table> some = ReadTable(path, Only({"z", "x"}));
  ASSERT_TRUE(some.ok()) << some.status().message();
  ASSERT_EQ(some->num_columns(), 2u);
  EXPECT_EQ(some->column(0).name(), "z");
  EXPECT_EQ(some->column(1).name(), "x");
  EXPECT_EQ(some->column(1).int64_values()[2], 3);

  Result<std::vector<Table>> streamed = StreamAll(path, Only({"x"}));
  ASSERT_TRUE(streamed.ok()) << streamed.status().message();
  ASSERT_EQ(streamed->size(), 2u);  // 3 rows in chunks of 2
  EXPECT_EQ((*streamed)[1].num_columns(), 1u);
  EXPECT_EQ((*streamed)[1].column(0).int64_values()[0], 3);
}

// Selected columns hold exactly the full read's values, whole and streamed,
// for Parquet and for the CSV of the same rows.
TEST(ColumnSelection, SelectedColumnsEqualTheFullReadsInTheAskedOrder) {
  const std::vector<std::string> asked = {"text", "id", "dec64"};
  for (const std::string file : {"mixed_snappy_v2.parquet", "mixed_zstd_v1.parquet", "mixed.csv"}) {
    SCOPED_TRACE(file);
    Result<Table> full = ReadTable(kData + file);
    ASSERT_TRUE(full.ok()) << full.status().message();
    Result<Table> some = ReadTable(kData + file, Only(asked));
    ASSERT_TRUE(some.ok()) << some.status().message();
    ASSERT_EQ(some->num_columns(), asked.size());
    EXPECT_EQ(some->num_rows(), full->num_rows());
    for (std::size_t i = 0; i < asked.size(); ++i) {
      EXPECT_TRUE(SameColumn(some->column(i), full->column(*full->FindColumn(asked[i]))));
    }
    Result<std::vector<Table>> full_chunks = StreamAll(kData + file, {}, 700);
    Result<std::vector<Table>> some_chunks = StreamAll(kData + file, Only(asked), 700);
    ASSERT_TRUE(full_chunks.ok() && some_chunks.ok());
    ASSERT_EQ(some_chunks->size(), full_chunks->size());
    for (std::size_t k = 0; k < some_chunks->size(); ++k) {
      const Table& a = (*some_chunks)[k];
      const Table& b = (*full_chunks)[k];
      ASSERT_EQ(a.num_columns(), asked.size());
      for (std::size_t i = 0; i < asked.size(); ++i) {
        EXPECT_TRUE(SameColumn(a.column(i), b.column(*b.FindColumn(asked[i]))));
      }
    }
  }
}

TEST(ColumnSelection, JsonLinesKeepsTheAskedKeys) {
  TempDir dir;
  const std::string path =
      dir.Write("rows.jsonl", "{\"a\": 1, \"b\": \"x\"}\n{\"a\": 2, \"c\": true}\n");
  Result<Table> t = ReadTable(path, Only({"c", "a"}));
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_EQ(t->num_columns(), 2u);
  EXPECT_EQ(t->column(0).name(), "c");
  EXPECT_EQ(t->column(1).name(), "a");
  EXPECT_EQ(t->column(1).int64_values()[1], 2);
  Result<std::vector<Table>> chunks = StreamAll(path, Only({"b"}));
  ASSERT_TRUE(chunks.ok()) << chunks.status().message();
  ASSERT_EQ(chunks->size(), 1u);
  EXPECT_EQ((*chunks)[0].num_columns(), 1u);
  EXPECT_EQ((*chunks)[0].column(0).name(), "b");
}

TEST(ColumnSelection, AnUnknownNameNamesTheFileAndListsItsColumns) {
  TempDir dir;
  const std::string csv = dir.Write("t.csv", "a,b\n1,2\n");
  const std::string jsonl = dir.Write("t.jsonl", "{\"a\": 1, \"b\": 2}\n");
  const std::string parquet =
      dir.Write("t.parquet", WriteParquet({IntColumn("a"), IntColumn("b")}, 3));
  for (const std::string& path : {csv, jsonl, parquet}) {
    SCOPED_TRACE(path);
    const auto expect = [&](const Status& s) {
      EXPECT_EQ(s.code(), StatusCode::kParseError);
      EXPECT_THAT(s.message(), AllOf(HasSubstr(path + ": no column 'nope'"),
                                     HasSubstr("the file's columns: a, b")));
    };
    Result<Table> t = ReadTable(path, Only({"a", "nope"}));
    ASSERT_FALSE(t.ok());
    expect(t.status());
    // Streams refuse at Open, before any chunk.
    Result<std::unique_ptr<TableStream>> stream = TableStream::Open(path, Only({"nope"}));
    ASSERT_FALSE(stream.ok());
    expect(stream.status());
  }
}

TEST(ColumnSelection, EmptyAndRepeatedNamesAreRefusedByValidate) {
  EXPECT_THAT(Only({"a", "a"}).Validate().message(), HasSubstr("'a' is listed twice"));
  EXPECT_THAT(Only({""}).Validate().message(), HasSubstr("a column name is empty"));
  EXPECT_TRUE(Only({"a", "b"}).Validate().ok());
  ReadOptions skip;
  skip.skip_columns = {""};
  EXPECT_THAT(skip.Validate().message(), HasSubstr("skip_columns: a column name is empty"));
}

// MissingColumns::kSkip: the asked columns the file has, in the asked order;
// the absent ones are left out, whole and streamed, in every format; none
// present is a table of no columns, not an error.
TEST(ColumnSelection, SkippedMissingNamesLeaveTheColumnsTheFileHas) {
  TempDir dir;
  const std::string csv = dir.Write("t.csv", "a,b\n1,2\n2,3\n3,4\n");
  const std::string jsonl =
      dir.Write("t.jsonl", "{\"a\": 1, \"b\": 2}\n{\"a\": 2, \"b\": 3}\n{\"a\": 3, \"b\": 4}\n");
  const std::string parquet =
      dir.Write("t.parquet", WriteParquet({IntColumn("a"), IntColumn("b")}, 3));
  ReadOptions options = Only({"nope", "b", "gone", "a"});
  options.missing_columns = ReadOptions::MissingColumns::kSkip;
  ReadOptions none = Only({"nope"});
  none.missing_columns = ReadOptions::MissingColumns::kSkip;
  for (const std::string& path : {csv, jsonl, parquet}) {
    SCOPED_TRACE(path);
    Result<Table> t = ReadTable(path, options);
    ASSERT_TRUE(t.ok()) << t.status().message();
    ASSERT_EQ(t->num_columns(), 2u);
    EXPECT_EQ(t->column(0).name(), "b");
    EXPECT_EQ(t->column(1).name(), "a");
    EXPECT_EQ(t->num_rows(), 3u);
    Result<std::vector<Table>> chunks = StreamAll(path, options);
    ASSERT_TRUE(chunks.ok()) << chunks.status().message();
    ASSERT_FALSE(chunks->empty());
    EXPECT_EQ((*chunks)[0].num_columns(), 2u);
    EXPECT_EQ((*chunks)[0].column(0).name(), "b");
    Result<Table> empty = ReadTable(path, none);
    ASSERT_TRUE(empty.ok()) << empty.status().message();
    EXPECT_EQ(empty->num_columns(), 0u);
  }
}

// skip_columns: never read, in any format; Parquet does not touch their
// pages (the corrupt one goes unnoticed), and an absent name is no error.
TEST(ColumnSelection, SkippedColumnsAreNeverRead) {
  TempDir dir;
  const std::string path = dir.Write("one_bad.parquet", FileWithOneCorruptColumn());
  ReadOptions options;
  options.skip_columns = {"bad", "not_in_the_file"};
  Result<Table> t = ReadTable(path, options);
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_EQ(t->num_columns(), 2u);
  EXPECT_EQ(t->column(0).name(), "x");
  EXPECT_EQ(t->column(1).name(), "z");
  Result<std::vector<Table>> streamed = StreamAll(path, options);
  ASSERT_TRUE(streamed.ok()) << streamed.status().message();
  EXPECT_EQ((*streamed)[0].num_columns(), 2u);
  // With `columns` too, a skipped name is left out of them.
  options.columns = {"z", "bad"};
  t = ReadTable(path, options);
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_EQ(t->num_columns(), 1u);
  EXPECT_EQ(t->column(0).name(), "z");

  const std::string csv = dir.Write("t.csv", "x,bad,z\n1,q,3\n");
  options.columns.clear();
  Result<Table> c = ReadTable(csv, options);
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_EQ(c->num_columns(), 2u);
  EXPECT_EQ(c->column(1).name(), "z");
}

// A table in memory narrowed as a file read with the same options would be.
TEST(ColumnSelection, SelectTableColumnsNarrowsATableInMemoryLikeARead) {
  TempDir dir;
  const std::string csv = dir.Write("t.csv", "a,b,c\n1,x,2.5\n2,y,3.5\n");
  Result<Table> full = ReadTable(csv);
  ASSERT_TRUE(full.ok());
  ReadOptions options = Only({"c", "nope", "a"});
  options.missing_columns = ReadOptions::MissingColumns::kSkip;
  Result<Table> read = ReadTable(csv, options);
  Result<Table> narrowed = SelectTableColumns("<memory>", *full, options);
  ASSERT_TRUE(read.ok() && narrowed.ok());
  ASSERT_EQ(narrowed->num_columns(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(SameColumn(narrowed->column(i), read->column(i)));
  }
  Result<Table> strict = SelectTableColumns("<memory>", *full, Only({"nope"}));
  ASSERT_FALSE(strict.ok());
  EXPECT_THAT(strict.status().message(), HasSubstr("<memory>: no column 'nope'"));
}

}  // namespace
}  // namespace airm
