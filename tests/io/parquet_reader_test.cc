// Parquet input: files written by DuckDB (scripts/fixtures/make_parquet_fixtures.mjs)
// read equal to the CSV of the same rows, whole and streamed, and pages in
// the encodings DuckDB does not write built by hand (parquet_test_writer.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "airm/reader.h"
#include "parquet_test_writer.h"
#include "test_util.h"

namespace airm {
namespace {

using io_test::DeltaBinaryPacked;
using io_test::Le32;
using io_test::SameColumn;
using io_test::Slurp;
using io_test::TempDir;
using io_test::TestColumn;
using io_test::TestPage;
using io_test::WriteParquet;
using ::testing::HasSubstr;

const std::string kData = std::string(AIRM_TEST_DATA_DIR) + "/parquet/";

void ExpectSameTable(const Table& a, const Table& b) {
  ASSERT_EQ(a.num_columns(), b.num_columns());
  ASSERT_EQ(a.num_rows(), b.num_rows());
  for (std::size_t c = 0; c < a.num_columns(); ++c) {
    EXPECT_TRUE(SameColumn(a.column(c), b.column(c)));
  }
}

// Streams both files in chunks of chunk_rows and expects equal chunks;
// returns the number of chunks.
std::size_t ExpectSameStreams(const std::string& parquet_path, const std::string& csv_path,
                              std::size_t chunk_rows) {
  ReadOptions options;
  options.chunk_rows = chunk_rows;
  auto parquet = TableStream::Open(parquet_path, options);
  auto csv = TableStream::Open(csv_path, options);
  EXPECT_TRUE(parquet.ok() && csv.ok()) << parquet.status().message();
  if (!parquet.ok() || !csv.ok()) return 0;
  std::size_t chunks = 0;
  while (true) {
    auto a = (*parquet)->Next();
    auto b = (*csv)->Next();
    EXPECT_TRUE(a.ok() && b.ok()) << a.status().message();
    if (!a.ok() || !b.ok()) return chunks;
    EXPECT_EQ(a->has_value(), b->has_value());
    if (!a->has_value() || !b->has_value()) return chunks;
    ExpectSameTable(**a, **b);
    ++chunks;
  }
}

class DuckDbFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DuckDbFixtureTest, ReadsEqualToTheCsvOfTheSameRows) {
  Result<Table> csv = ReadTable(kData + "mixed.csv");
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  Result<Table> parquet = ReadTable(kData + GetParam());
  ASSERT_TRUE(parquet.ok()) << parquet.status().message();
  EXPECT_EQ(parquet->num_rows(), 3000u);
  ExpectSameTable(*parquet, *csv);
  // Types are those of the Parquet schema, the same the CSV reader infers.
  EXPECT_EQ(parquet->column(*parquet->FindColumn("category")).type(), DataType::kCategorical);
  EXPECT_EQ(parquet->column(*parquet->FindColumn("text")).type(), DataType::kString);
  EXPECT_EQ(parquet->column(*parquet->FindColumn("day")).type(), DataType::kTimestamp);
  EXPECT_EQ(parquet->column(*parquet->FindColumn("dec128")).type(), DataType::kFloat64);
  EXPECT_EQ(parquet->column(*parquet->FindColumn("small")).null_count(), 273u);
}

TEST_P(DuckDbFixtureTest, StreamsTheSameChunksAsTheCsv) {
  // 700-row chunks straddle DuckDB's 2048-row groups.
  EXPECT_EQ(ExpectSameStreams(kData + GetParam(), kData + "mixed.csv", 700), 5u);
}

INSTANTIATE_TEST_SUITE_P(Codecs, DuckDbFixtureTest,
                         ::testing::Values("mixed_uncompressed_v1.parquet",
                                           "mixed_snappy_v1.parquet", "mixed_gzip_v1.parquet",
                                           "mixed_zstd_v1.parquet", "mixed_snappy_v2.parquet",
                                           "mixed_zstd_v2.parquet"));

// The second independent writer: arrow-rs through parquet-wasm
// (scripts/fixtures/make_parquet_arrow_fixtures.mjs): DELTA_BYTE_ARRAY, RLE
// booleans in v2 pages, DELTA_LENGTH_BYTE_ARRAY, and chunks of many small
// pages, against the CSV of the same rows.
class ArrowRsFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ArrowRsFixtureTest, ReadsEqualToTheCsvWholeAndStreamed) {
  Result<Table> csv = ReadTable(kData + "arrow.csv");
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  Result<Table> parquet = ReadTable(kData + GetParam());
  ASSERT_TRUE(parquet.ok()) << parquet.status().message();
  EXPECT_EQ(parquet->num_rows(), 1000u);
  ExpectSameTable(*parquet, *csv);
  EXPECT_EQ(parquet->column(*parquet->FindColumn("name")).null_count(), 77u);
  EXPECT_EQ(ExpectSameStreams(kData + GetParam(), kData + "arrow.csv", 128), 8u);
}

INSTANTIATE_TEST_SUITE_P(Variants, ArrowRsFixtureTest,
                         ::testing::Values("arrow_delta_v2_zstd.parquet",
                                           "arrow_dictionary_v1_gzip.parquet",
                                           "arrow_delta_length_v1_snappy.parquet"));

TEST(ParquetFixtures, CoverTheEncodingsTheTestsClaim) {
  // The v2 files are the ones that carry DuckDB's delta and split encodings.
  const std::string manifest = Slurp(kData + "MANIFEST.json");
  EXPECT_THAT(manifest, HasSubstr("DELTA_BINARY_PACKED"));
  EXPECT_THAT(manifest, HasSubstr("DELTA_LENGTH_BYTE_ARRAY"));
  EXPECT_THAT(manifest, HasSubstr("BYTE_STREAM_SPLIT"));
  EXPECT_THAT(manifest, HasSubstr("PLAIN_DICTIONARY"));
}

TEST(ParquetDetection, MagicBytesDecideNotTheName) {
  TempDir dir;
  const std::string path = dir.Write("looks_like.csv", Slurp(kData + "mixed_zstd_v2.parquet"));
  Result<Table> table = ReadTable(path);
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->num_columns(), 16u);
}

// Hand-built pages --------------------------------------------------------

Result<Table> ReadBytes(const TempDir& dir, const std::string& bytes) {
  return ReadTable(dir.Write("t.parquet", bytes));
}

std::string DeltaByteArrayFile() {
  // apple, applesauce, apply, banana: prefixes 0 5 4 0.
  std::string body = DeltaBinaryPacked({0, 5, 4, 0}) + DeltaBinaryPacked({5, 5, 1, 6}) + "apple" +
                     "sauce" + "y" + "banana";
  TestColumn c{.name = "fruit", .physical = 6, .repetition = 0, .converted = 0};
  c.pages.push_back({.type = 3, .encoding = 7, .num_values = 4, .body = body});
  return WriteParquet({c}, 4);
}

TEST(ParquetEncodings, DeltaByteArrayRebuildsSharedPrefixes) {
  TempDir dir;
  Result<Table> t = ReadBytes(dir, DeltaByteArrayFile());
  ASSERT_TRUE(t.ok()) << t.status().message();
  const Column& col = t->column(0);
  ASSERT_EQ(col.size(), 4u);
  EXPECT_EQ(col.TextAt(0), "apple");
  EXPECT_EQ(col.TextAt(1), "applesauce");
  EXPECT_EQ(col.TextAt(2), "apply");
  EXPECT_EQ(col.TextAt(3), "banana");
}

std::string BooleanV2File() {
  // Rows: true, null, false, true, null. Levels are stored plain (v2), the
  // values as length-prefixed RLE of bit width 1.
  const std::string levels = io_test::BitPackedLevels({1, 0, 1, 1, 0});
  const std::string bools = io_test::BitPackedLevels({1, 0, 1});
  const std::string body = levels + Le32(static_cast<uint32_t>(bools.size())) + bools;
  TestColumn c{.name = "flag", .physical = 0, .repetition = 1};
  c.pages.push_back({.type = 3,
                     .encoding = 3,
                     .num_values = 5,
                     .body = body,
                     .num_nulls = 2,
                     .def_levels_length = static_cast<int32_t>(levels.size())});
  return WriteParquet({c}, 5);
}

TEST(ParquetEncodings, DataPageV2WithRleBooleansAndNulls) {
  TempDir dir;
  Result<Table> t = ReadBytes(dir, BooleanV2File());
  ASSERT_TRUE(t.ok()) << t.status().message();
  const Column& col = t->column(0);
  ASSERT_EQ(col.type(), DataType::kBool);
  EXPECT_EQ(col.null_count(), 2u);
  EXPECT_FALSE(col.IsValid(1));
  EXPECT_EQ(col.bool_values()[0], 1);
  EXPECT_EQ(col.bool_values()[2], 0);
  EXPECT_EQ(col.bool_values()[3], 1);
}

std::string Int96DecimalFile() {
  // INT96: nanoseconds of the day (8 bytes LE) + Julian day (4 bytes LE).
  std::string int96(12, '\0');
  const uint64_t nanos = (12 * 3600 + 30 * 60) * 1000000000ULL + 123456000;  // 12:30:00.123456
  const uint32_t julian = 2440588 + 19723;                                   // 2024-01-01
  std::memcpy(int96.data(), &nanos, 8);
  std::memcpy(int96.data() + 8, &julian, 4);
  TestColumn ts{.name = "ts", .physical = 3, .repetition = 0};
  ts.pages.push_back({.type = 0, .encoding = 0, .num_values = 1, .body = int96});
  // DECIMAL(9, 2) in 4 big-endian bytes through the legacy converted type: -1234.56.
  const int32_t unscaled = -123456;
  std::string be(4, '\0');
  for (int i = 0; i < 4; ++i)
    be[i] = static_cast<char>(static_cast<uint32_t>(unscaled) >> (24 - 8 * i));
  TestColumn dec{.name = "amount",
                 .physical = 7,
                 .repetition = 0,
                 .converted = 5,
                 .scale = 2,
                 .precision = 9,
                 .type_length = 4};
  dec.pages.push_back({.type = 0, .encoding = 0, .num_values = 1, .body = be});
  return WriteParquet({ts, dec}, 1);
}

TEST(ParquetEncodings, Int96TimestampsAndLegacyDecimalOnFixedLength) {
  TempDir dir;
  Result<Table> t = ReadBytes(dir, Int96DecimalFile());
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->column(0).TextAt(0), "2024-01-01T12:30:00.123456Z");
  EXPECT_DOUBLE_EQ(t->column(1).Float64At(0), -1234.56);
}

std::string DeltaIntegerFile() {
  // Optional INT64 in DELTA_BINARY_PACKED with nulls at rows 2 and 4 (v1 page).
  const std::string levels = io_test::BitPackedLevels({1, 1, 0, 1, 0, 1});
  const std::string body = Le32(static_cast<uint32_t>(levels.size())) + levels +
                           DeltaBinaryPacked({-5, 1000000000000, 7, -3});
  TestColumn c{.name = "n", .physical = 2, .repetition = 1};
  c.pages.push_back({.type = 0, .encoding = 5, .num_values = 6, .body = body});
  return WriteParquet({c}, 6);
}

TEST(ParquetEncodings, PlainPageWithDefinitionLevelsAndDeltaIntegers) {
  TempDir dir;
  Result<Table> t = ReadBytes(dir, DeltaIntegerFile());
  ASSERT_TRUE(t.ok()) << t.status().message();
  const Column& col = t->column(0);
  ASSERT_EQ(col.type(), DataType::kInt64);
  EXPECT_EQ(col.null_count(), 2u);
  EXPECT_EQ(col.int64_values()[0], -5);
  EXPECT_EQ(col.int64_values()[1], 1000000000000);
  EXPECT_EQ(col.int64_values()[3], 7);
  EXPECT_EQ(col.int64_values()[5], -3);
}

// The hand-built files are also the fuzz target's seeds
// (fuzz/corpus/parquet_reader): this test fails when they drift apart, and
// AIRM_WRITE_PARQUET_SEEDS=1 rewrites them.
TEST(ParquetFuzzSeeds, MatchTheHandBuiltFiles) {
  const std::string dir = std::string(AIRM_SOURCE_DIR) + "/fuzz/corpus/parquet_reader/";
  const std::pair<const char*, std::string> seeds[] = {
      {"delta_byte_array.parquet", DeltaByteArrayFile()},
      {"boolean_v2.parquet", BooleanV2File()},
      {"int96_decimal.parquet", Int96DecimalFile()},
      {"delta_integer.parquet", DeltaIntegerFile()},
  };
  const bool rewrite = std::getenv("AIRM_WRITE_PARQUET_SEEDS") != nullptr;
  for (const auto& [name, bytes] : seeds) {
    if (rewrite) {
      std::ofstream(dir + name, std::ios::binary) << bytes;
      continue;
    }
    EXPECT_EQ(Slurp(dir + name), bytes)
        << name << " differs from the test's file: run io_test with AIRM_WRITE_PARQUET_SEEDS=1";
  }
}

}  // namespace
}  // namespace airm
