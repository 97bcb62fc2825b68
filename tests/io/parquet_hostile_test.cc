// Corrupt and hostile Parquet files: every one is a kParseError naming the
// file (and the row group and column where there is one), never a crash, an
// out-of-bounds read (run this under the asan preset) or an allocation the
// file's size does not justify.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "airm/reader.h"
#include "parquet_test_writer.h"
#include "test_util.h"

namespace airm {
namespace {

using io_test::IntColumn;
using io_test::Le32;
using io_test::Slurp;
using io_test::TempDir;
using io_test::TestColumn;
using io_test::TestPage;
using io_test::WriteParquet;
using ::testing::AllOf;
using ::testing::HasSubstr;

const std::string kData = std::string(AIRM_TEST_DATA_DIR) + "/parquet/";

Status ReadError(const TempDir& dir, const std::string& bytes) {
  Result<Table> t = ReadTable(dir.Write("bad.parquet", bytes));
  return t.ok() ? Status::Ok() : t.status();
}

TEST(ParquetHostile, TheValidBaseFileReads) {
  TempDir dir;
  Result<Table> t = ReadTable(dir.Write("ok.parquet", WriteParquet({IntColumn()}, 3)));
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->column(0).int64_values()[2], 3);
}

TEST(ParquetHostile, TruncatedFilesNameTheFile) {
  const std::string whole = Slurp(kData + "mixed_snappy_v2.parquet");
  TempDir dir;
  for (std::size_t keep :
       {std::size_t{4}, std::size_t{11}, std::size_t{100}, whole.size() / 2, whole.size() - 1}) {
    const std::string path = dir.Write("cut.parquet", whole.substr(0, keep));
    Result<Table> t = ReadTable(path);
    ASSERT_FALSE(t.ok()) << keep;
    EXPECT_EQ(t.status().code(), StatusCode::kParseError) << keep;
    EXPECT_THAT(t.status().message(), AllOf(HasSubstr(path), HasSubstr("truncated"))) << keep;
  }
}

TEST(ParquetHostile, FooterLengthLargerThanTheFile) {
  std::string bytes = WriteParquet({IntColumn()}, 3);
  bytes.replace(bytes.size() - 8, 4, Le32(0x7fffffff));
  TempDir dir;
  Status s = ReadError(dir, bytes);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("bad.parquet"), HasSubstr("footer claims 2147483647")));
}

TEST(ParquetHostile, FooterLengthShorterThanTheFooter) {
  std::string bytes = WriteParquet({IntColumn()}, 3);
  bytes.replace(bytes.size() - 8, 4, Le32(20));
  TempDir dir;
  Status s = ReadError(dir, bytes);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), HasSubstr("bad.parquet: footer: "));
}

TEST(ParquetHostile, ChunkOffsetOutsideTheFileNamesRowGroupAndColumn) {
  TestColumn c = IntColumn();
  c.data_page_offset = int64_t{1} << 40;
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({c}, 3));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("bad.parquet: row group 1, column 1 ('x')"),
                                 HasSubstr("outside the file's data")));
}

TEST(ParquetHostile, PageClaimingMoreBytesThanItsChunk) {
  TestColumn c = IntColumn();
  c.pages[0].compressed_size = 1 << 30;
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({c}, 3));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("column 1 ('x')"), HasSubstr("page 1"),
                                 HasSubstr("runs past the column chunk")));
}

TEST(ParquetHostile, UnknownEncodingIsNamed) {
  TestColumn c = IntColumn();
  c.pages[0].encoding = 42;
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({c}, 3));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("('x')"), HasSubstr("an unknown encoding (42)"),
                                 HasSubstr("does not support")));
}

TEST(ParquetHostile, BillionsOfClaimedValuesHitTheBudgetBeforeAllocating) {
  TestColumn c = IntColumn();
  c.pages[0].num_values = 2000000000;
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({c}, 3));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("('x')"), HasSubstr("decompression bomb")));
}

TEST(ParquetHostile, HugeUncompressedSizeIsRefusedBeforeDecompressing) {
  TestColumn c = IntColumn();
  c.codec = 1;  // SNAPPY
  c.pages[0].uncompressed_size = 2000000000;
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({c}, 3));
  EXPECT_THAT(s.message(), HasSubstr("more than max_decompression_ratio allows"));
}

TEST(ParquetHostile, CorruptSnappyPage) {
  TestColumn c = IntColumn();
  c.codec = 1;
  c.pages[0].body = std::string("\x40\xff\xff\xff\xff\xff", 6);
  c.pages[0].uncompressed_size = 64;
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({c}, 3));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("('x')"), HasSubstr("SNAPPY")));
}

TEST(ParquetHostile, DictionaryIndexPastTheDictionary) {
  TestColumn c{.name = "s", .physical = 6, .repetition = 0, .converted = 0};
  c.pages.push_back({.type = 2, .encoding = 0, .num_values = 1, .body = Le32(1) + "a"});
  // Bit width 2, one RLE run of 2 copies of index 3.
  c.pages.push_back({.type = 0,
                     .encoding = 8,
                     .num_values = 2,
                     .body = std::string(1, '\x02') + io_test::RleRun(2, 3)});
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({c}, 2));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("('s')"), HasSubstr("dictionary index 3 past")));
}

TEST(ParquetHostile, InvalidUtf8IsNamed) {
  TestColumn c{.name = "s", .physical = 6, .repetition = 0, .converted = 0};
  c.pages.push_back({.type = 0, .encoding = 0, .num_values = 1, .body = Le32(2) + "\xff\xfe"});
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({c}, 1));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("column 1 ('s')"), HasSubstr("invalid UTF-8")));
}

TEST(ParquetHostile, RowCountDisagreeingWithThePages) {
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({IntColumn()}, 10));
  EXPECT_THAT(s.message(), HasSubstr("its pages hold 3 values where the row group has 10 rows"));
}

TEST(ParquetHostile, RepeatedFieldsAreRefusedByName) {
  TestColumn c = IntColumn();
  c.repetition = 2;
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({c}, 3));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("column 'x'"), HasSubstr("repeated")));
}

TEST(ParquetHostile, LyingValueLengthsInPlainByteArrays) {
  TestColumn c{.name = "s", .physical = 6, .repetition = 0};
  c.pages.push_back({.type = 0, .encoding = 0, .num_values = 1, .body = Le32(1000) + "abc"});
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({c}, 1));
  EXPECT_THAT(s.message(), HasSubstr("claims 1000 bytes, past the page's end"));
}

TEST(ParquetHostile, Uint64AboveInt64IsNamedWithItsRow) {
  std::string values(16, '\xff');
  values[0] = 1;
  for (int i = 1; i < 8; ++i) values[i] = 0;  // 1, then 2^64 - 1
  TestColumn c{.name = "u", .physical = 2, .repetition = 0, .converted = 14};
  c.pages.push_back({.type = 0, .encoding = 0, .num_values = 2, .body = values});
  TempDir dir;
  Status s = ReadError(dir, WriteParquet({c}, 2));
  EXPECT_THAT(s.message(), AllOf(HasSubstr("column 1 ('u')"),
                                 HasSubstr("row 2 of the row group: a value outside the range")));
}

// Seeded random corruption of real files: any outcome but a crash or an
// internal error is fine; errors are parse or I/O errors naming the file.
TEST(ParquetHostile, RandomByteCorruptionNeverCrashes) {
  TempDir dir;
  std::mt19937_64 random(20261207);
  for (const char* name : {"mixed_zstd_v2.parquet", "mixed_gzip_v1.parquet"}) {
    const std::string original = Slurp(kData + name);
    for (int trial = 0; trial < 150; ++trial) {
      std::string bytes = original;
      const int flips = 1 + static_cast<int>(random() % 8);
      for (int f = 0; f < flips; ++f) {
        // Half the flips land in the footer, where a byte means most.
        const std::size_t tail = std::min<std::size_t>(bytes.size(), 2048);
        const std::size_t at =
            random() % 2 ? bytes.size() - 1 - random() % tail : random() % bytes.size();
        bytes[at] = static_cast<char>(random());
      }
      const std::string path = dir.Write("fuzzed.parquet", bytes);
      ReadOptions options;
      options.chunk_rows = 1000;
      Result<Table> t = ReadTable(path, options);
      if (!t.ok()) {
        EXPECT_NE(t.status().code(), StatusCode::kInternal) << t.status().message();
        EXPECT_THAT(t.status().message(), HasSubstr("fuzzed.parquet"));
      }
      auto stream = TableStream::Open(path, options);
      if (!stream.ok()) continue;
      for (int chunk = 0; chunk < 100; ++chunk) {
        auto next = (*stream)->Next();
        if (!next.ok()) {
          EXPECT_NE(next.status().code(), StatusCode::kInternal) << next.status().message();
          break;
        }
        if (!next->has_value()) break;
      }
    }
  }
}

}  // namespace
}  // namespace airm
