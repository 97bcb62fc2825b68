// The one-pass whole-file CSV read (types guessed from the first piece,
// converted while tokenizing, re-read only when a later value contradicts the
// guess) against the two-pass read of the same bytes (compressed input takes
// it): the same tables bit for bit, the same errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zstd.h>

#include <bit>
#include <cctype>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "airm/reader.h"
#include "test_util.h"

namespace airm {
namespace {

using io_test::TempDir;
using ::testing::HasSubstr;

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 1);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// Same type, validity and stored bits (floats by their bit pattern, text by
// code and dictionary order), not just the same printed values.
::testing::AssertionResult SameBits(const Table& a, const Table& b) {
  if (a.num_columns() != b.num_columns() || a.num_rows() != b.num_rows()) {
    return ::testing::AssertionFailure() << "shape " << a.num_rows() << "x" << a.num_columns()
                                         << " vs " << b.num_rows() << "x" << b.num_columns();
  }
  for (std::size_t col = 0; col < a.num_columns(); ++col) {
    const Column& x = a.column(col);
    const Column& y = b.column(col);
    if (x.name() != y.name() || x.type() != y.type()) {
      return ::testing::AssertionFailure() << x.name() << " " << DataTypeName(x.type()) << " vs "
                                           << y.name() << " " << DataTypeName(y.type());
    }
    if (x.type() == DataType::kCategorical && x.dictionary() != y.dictionary()) {
      return ::testing::AssertionFailure() << x.name() << ": dictionaries differ";
    }
    for (std::size_t row = 0; row < x.size(); ++row) {
      if (x.IsValid(row) != y.IsValid(row)) {
        return ::testing::AssertionFailure() << x.name() << ": validity of row " << row;
      }
      if (!x.IsValid(row)) continue;
      bool same = true;
      switch (x.type()) {
        case DataType::kFloat64:
          same = std::bit_cast<uint64_t>(x.Float64At(row)) ==
                 std::bit_cast<uint64_t>(y.Float64At(row));
          break;
        case DataType::kInt64:
        case DataType::kTimestamp:
          same = x.int64_values()[row] == y.int64_values()[row];
          break;
        case DataType::kBool:
          same = x.bool_values()[row] == y.bool_values()[row];
          break;
        case DataType::kCategorical:
          same = x.codes()[row] == y.codes()[row];
          break;
        case DataType::kString:
          same = x.strings()[row] == y.strings()[row];
          break;
      }
      if (!same) {
        return ::testing::AssertionFailure()
               << x.name() << ": row " << row << ": " << x.TextAt(row) << " vs " << y.TextAt(row);
      }
    }
  }
  return ::testing::AssertionSuccess();
}

// What a column holds past the first MiB, where the one pass has already
// guessed its type from the rows before.
enum class Late {
  kNothing,
  kText,
  kFloatInIntColumn,
  kValueInEmptyColumn,
  kBoolAsNumber,
  kLongFloatInDecimalColumn,  // a 17-digit float among short decimals
};

// About 6 MiB of CRLF rows (more than the reader's first 4 MiB block, so a
// plain file takes the windowed one-pass path): ints, floats with every NaN and infinity
// spelling the reader takes as a number ("NaN" is a null token), empty
// cells, quoted fields with delimiters, doubled quotes and line breaks,
// booleans, timestamps; one late value per `late`, at about 5 MiB.
std::string TrickyCsv(Late late) {
  std::mt19937_64 rng(11);
  const char* specials[] = {"nan", "inf", "-inf", "Infinity", "-INFINITY", "+1.5",
                            "1e5", "-0",  "-0.0", "NaN",      "",          " 2.25 "};
  std::string csv = "id,n,x,empty,quoted,flag,when,cat,d\r\n";
  bool placed = false;
  for (int i = 0; csv.size() < (6u << 20); ++i) {
    const bool here = !placed && csv.size() > (5u << 20);
    placed = placed || here;
    csv += std::to_string(i) + ",";
    csv += here && late == Late::kText ? std::string("n/a")
                                       : std::to_string(static_cast<int>(rng() % 1000) - 500);
    if (here && late == Late::kFloatInIntColumn) csv += ".5";
    csv += ",";
    csv += rng() % 7 == 0 ? specials[rng() % 12] : std::to_string(static_cast<double>(rng()) / 3);
    csv += ",";
    if (here && late == Late::kValueInEmptyColumn) csv += "4";
    csv += ",";
    switch (rng() % 4) {
      case 0:
        csv += "\"a,\r\nb\"\"" + std::to_string(rng() % 20) + "\"";
        break;
      case 1:
        csv += "\"\"";  // quoted empty: null
        break;
      default:
        csv += "plain" + std::to_string(rng() % 30);
    }
    csv += ",";
    csv += here && late == Late::kBoolAsNumber ? "1" : (rng() % 2 ? "true" : "FALSE");
    csv += ",2024-01-1" + std::to_string(rng() % 10) + "T10:00:0" + std::to_string(rng() % 10);
    csv += ",c" + std::to_string(rng() % 40);
    // Short decimals, kept as mantissa and scale until the late long one.
    csv += here && late == Late::kLongFloatInDecimalColumn
               ? std::string(",3.1415926535897931")
               : "," + std::to_string(static_cast<int>(rng() % 200000) - 100000) + "." +
                     std::to_string(rng() % 1000);
    csv += i % 13 == 0 ? "\r\n\r\n" : "\r\n";
  }
  return csv;
}

TEST(OnePassRead, SameBitsAsTwoPassReadWhateverComesLate) {
  TempDir dir;
  for (Late late : {Late::kNothing, Late::kText, Late::kFloatInIntColumn, Late::kValueInEmptyColumn,
                    Late::kBoolAsNumber, Late::kLongFloatInDecimalColumn}) {
    const std::string csv = TrickyCsv(late);
    const std::string where = "late case " + std::to_string(static_cast<int>(late));
    const std::string plain = dir.Write("t.csv", csv);
    const std::string compressed = dir.Write("t.csv.zst", Zstd(csv));
    auto reference = ReadTable(compressed);
    ASSERT_TRUE(reference.ok()) << reference.status().ToString();
    EXPECT_EQ(reference->column(8).stores_decimals(), late != Late::kLongFloatInDecimalColumn)
        << where;
    for (std::size_t threads : {1u, 2u, 3u}) {
      ReadOptions options;
      options.num_threads = threads;
      auto one_pass = ReadTable(plain, options);
      ASSERT_TRUE(one_pass.ok()) << one_pass.status().ToString();
      EXPECT_TRUE(SameBits(*reference, *one_pass)) << where << ", " << threads << " threads";
      // Short decimals stay compact until a value needs a double (the one
      // pass: in the late range and in the rows before it), and in the
      // two-pass conversion a guess the late value contradicts falls back to.
      EXPECT_EQ(one_pass->column(8).stores_decimals(), late != Late::kLongFloatInDecimalColumn)
          << where;
      EXPECT_FALSE(one_pass->column(2).stores_decimals()) << where;  // NaN, 1e5, -0 from the start
    }
    // The late value decided the type, whichever path read it.
    const Table& table = *reference;
    switch (late) {
      case Late::kNothing:
        EXPECT_EQ(table.column(1).type(), DataType::kInt64);
        EXPECT_EQ(table.column(3).type(), DataType::kFloat64);  // all null
        EXPECT_EQ(table.column(3).null_count(), table.num_rows());
        EXPECT_EQ(table.column(5).type(), DataType::kBool);
        break;
      case Late::kText:
        EXPECT_EQ(table.column(1).type(), DataType::kCategorical) << where;
        break;
      case Late::kFloatInIntColumn:
        EXPECT_EQ(table.column(1).type(), DataType::kFloat64) << where;
        break;
      case Late::kValueInEmptyColumn:
        EXPECT_EQ(table.column(3).type(), DataType::kInt64) << where;
        EXPECT_EQ(table.column(3).null_count(), table.num_rows() - 1) << where;
        break;
      case Late::kBoolAsNumber:
        EXPECT_EQ(table.column(5).type(), DataType::kCategorical) << where;
        break;
      case Late::kLongFloatInDecimalColumn:
        EXPECT_EQ(table.column(8).type(), DataType::kFloat64) << where;
        break;
    }
    EXPECT_EQ(table.column(2).type(), DataType::kFloat64) << where;
    EXPECT_EQ(table.column(6).type(), DataType::kTimestamp) << where;
    EXPECT_EQ(table.column(7).type(), DataType::kCategorical) << where;
  }
}

// Integer text that a float column later takes in: the survey's compact
// bit must agree with what the conversion can store, or the two-pass read
// would fail mid-way. "-0" is the double -0.0 (no int32 mantissa says it)
// and 19 digits with leading zeros is more than the fast path reads; short
// integers and decimals stay compact. Whole-file and compressed reads agree.
TEST(OnePassRead, IntegerTextInFloatColumnsKeepsWhatTheConversionCanStore) {
  TempDir dir;
  // A float late in the first three columns: the first MiB guesses integers.
  std::string csv = "neg_zero,long_int,plain,plus\n";
  for (int i = 0; i < 200000; ++i) {
    const bool late = i == 150000;
    csv += late ? "0.5" : (i == 7 ? "-0" : std::to_string(i % 50));
    csv += ",";
    csv += late ? "1.5" : (i == 9 ? "0000000000000000012" : std::to_string(i % 70));
    csv += ",";
    csv += late ? "2.5" : std::to_string(i % 90);
    csv += ",+" + std::to_string(i % 30) + "\n";
  }
  const std::string plain = dir.Write("i.csv", csv);
  const std::string compressed = dir.Write("i.csv.zst", Zstd(csv));
  auto one_pass = ReadTable(plain);
  auto two_pass = ReadTable(compressed);
  ASSERT_TRUE(one_pass.ok()) << one_pass.status().ToString();
  ASSERT_TRUE(two_pass.ok()) << two_pass.status().ToString();
  EXPECT_TRUE(SameBits(*one_pass, *two_pass));
  for (const Table* t : {&*one_pass, &*two_pass}) {
    ASSERT_EQ(t->column(0).type(), DataType::kFloat64);
    EXPECT_FALSE(t->column(0).stores_decimals());
    EXPECT_TRUE(std::signbit(t->column(0).Float64At(7)));
    EXPECT_FALSE(t->column(1).stores_decimals());
    EXPECT_EQ(t->column(1).Float64At(9), 12.0);
    EXPECT_TRUE(t->column(2).stores_decimals());
    EXPECT_EQ(t->column(2).Float64At(150000), 2.5);
    EXPECT_EQ(t->column(3).type(), DataType::kInt64);
  }
}

// An error after a contradicted guess: the message names the same line and
// column as the two-pass read's.
TEST(OnePassRead, ErrorAfterAContradictedGuessNamesTheSameLine) {
  TempDir dir;
  std::string csv = TrickyCsv(Late::kText);
  // After a row end (a line break followed by an id, not one inside quotes).
  std::size_t pos = csv.find("\r\n", 11u << 19) + 2;
  while (!std::isdigit(static_cast<unsigned char>(csv[pos]))) pos = csv.find("\r\n", pos) + 2;
  csv.insert(pos, "1,2,x\"y,,,true,2024-01-01,c,0.5\r\n");
  const std::string plain = dir.Write("e.csv", csv);
  const std::string compressed = dir.Write("e.csv.zst", Zstd(csv));
  for (std::size_t threads : {1u, 2u}) {
    ReadOptions options;
    options.num_threads = threads;
    Status one_pass = ReadTable(plain, options).status();
    Status two_pass = ReadTable(compressed, options).status();
    ASSERT_EQ(one_pass.code(), StatusCode::kParseError) << one_pass.ToString();
    EXPECT_THAT(one_pass.message(), HasSubstr("column 3 ('x')"));
    EXPECT_EQ(one_pass.message().substr(one_pass.message().find(": line")),
              two_pass.message().substr(two_pass.message().find(": line")));
  }
}

}  // namespace
}  // namespace airm
