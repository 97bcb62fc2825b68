// FindRowStarts (parallel split points) against a sequential reference, and
// whole-file reads through the mapped, parallel-split path against the
// block-reading, scanner-split path (taken for compressed input).
#include "csv_splitter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zstd.h>

#include <random>
#include <string>
#include <vector>

#include "airm/reader.h"
#include "test_util.h"

namespace airm {
namespace {

using io::CsvRowScanner;
using io_test::TempDir;
using ::testing::AllOf;
using ::testing::HasSubstr;

// Row starts a sequential walk finds: after each newline outside quotes, the
// first one in each `interval`-sized range after the first.
std::vector<CsvRowScanner::Mark> ReferenceStarts(const std::string& data, std::size_t first_line,
                                                 std::size_t interval) {
  std::vector<CsvRowScanner::Mark> starts{{0, first_line}};
  bool in_quotes = false;
  std::size_t line = first_line;
  std::size_t last_range = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '"') in_quotes = !in_quotes;
    if (data[i] != '\n') continue;
    ++line;
    const std::size_t range = i / interval;
    if (!in_quotes && range > last_range && i + 1 < data.size()) {
      starts.push_back({i + 1, line});
      last_range = range;
    }
  }
  return starts;
}

void ExpectSameStarts(const std::vector<CsvRowScanner::Mark>& got,
                      const std::vector<CsvRowScanner::Mark>& want, const std::string& where) {
  ASSERT_EQ(got.size(), want.size()) << where;
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].offset, want[i].offset) << where << " start " << i;
    EXPECT_EQ(got[i].line, want[i].line) << where << " start " << i;
  }
}

// Every interval from 1 byte up puts a range boundary on every byte: inside
// quoted newlines, between CR and LF, on a quote, on a doubled quote.
TEST(FindRowStarts, MatchesSequentialWalkAtEveryBoundary) {
  const std::string data =
      "1,\"a\nb\"\r\n"
      "2,\"\"\"\"\r\n"
      "\n"
      "3,\"x,\ny\"\"\n\nz\"\n"
      "\"q\",4\r\n"
      "5,\"\n\"\n"
      "6,7";
  for (std::size_t interval = 1; interval <= data.size() + 1; ++interval) {
    for (std::size_t threads : {1u, 2u, 3u}) {
      ExpectSameStarts(io::FindRowStarts(data, 7, interval, threads).value(),
                       ReferenceStarts(data, 7, interval), "interval " + std::to_string(interval));
    }
  }
}

TEST(FindRowStarts, EmptyAndNewlineOnly) {
  EXPECT_EQ(io::FindRowStarts("", 2, 4, 2).value().size(), 1u);
  // Split points are strictly inside the data.
  ExpectSameStarts(io::FindRowStarts("\n\n\n\n", 2, 1, 2).value(),
                   ReferenceStarts("\n\n\n\n", 2, 1), "newlines");
}

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 1);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// About 3 MiB of CRLF rows whose quoted fields hold newlines, CRLFs, doubled
// quotes and delimiters, so 1 MiB boundaries fall inside them.
std::string QuoteHeavyCsv() {
  std::mt19937_64 rng(7);
  std::string csv = "id,text,x,when\r\n";
  for (int i = 0; csv.size() < (3u << 20); ++i) {
    csv += std::to_string(i);
    csv += ',';
    switch (rng() % 4) {
      case 0:
        csv += "\"line\r\nbreak " + std::to_string(rng() % 50) + "\"";
        break;
      case 1:
        csv += "\"\"\"\"";  // one literal quote
        break;
      case 2:
        csv += "\"a,\n\n\"\"b\"\"\n\"";
        break;
      default:
        csv += "plain";
        csv += std::to_string(rng() % 100);
    }
    // Appended piecewise: GCC 12 warns (-Wrestrict, falsely) on "..." + string.
    csv += ',';
    csv += std::to_string(static_cast<double>(rng() % 100000) / 8);
    csv += ',';
    if (i % 11 != 0) {
      csv += "2024-01-0";
      csv += std::to_string(1 + i % 9);
    }
    csv += i % 17 == 0 ? "\r\n\r\n" : "\r\n";
  }
  return csv;
}

TEST(MappedRead, SameTableAsBlockReadingPathWhateverTheThreads) {
  TempDir dir;
  const std::string csv = QuoteHeavyCsv();
  const std::string plain = dir.Write("q.csv", csv);
  const std::string compressed = dir.Write("q.csv.zst", Zstd(csv));
  ReadOptions one;
  one.num_threads = 1;
  auto reference = ReadTable(compressed, one);
  ASSERT_TRUE(reference.ok()) << reference.status().ToString();
  EXPECT_THAT(reference->column(1).dictionary(), ::testing::Contains("a,\n\n\"b\"\n"));
  EXPECT_THAT(reference->column(1).dictionary(), ::testing::Contains("\""));
  for (std::size_t threads : {1u, 2u, 3u}) {
    ReadOptions options;
    options.num_threads = threads;
    auto mapped = ReadTable(plain, options);
    ASSERT_TRUE(mapped.ok()) << mapped.status().ToString();
    EXPECT_TRUE(io_test::SameTable(*reference, *mapped)) << threads << " threads";
    EXPECT_EQ(reference->column(1).dictionary(), mapped->column(1).dictionary());
  }
}

// Errors past the first MiB report the same physical line on both paths.
TEST(MappedRead, LateErrorsNameTheSameLineAsTheScannerPath) {
  TempDir dir;
  const std::string csv = QuoteHeavyCsv();
  const std::string bad_rows[] = {"1,2\r\n", "1,\"x\"y,2,3\r\n", "1,x\"y,2,3\r\n",
                                  "1,\"never closed,2,3\r\n"};
  for (const std::string& bad : bad_rows) {
    // Insert after a row end outside quotes, past the first split point.
    std::size_t pos = csv.find(",plain", (3u << 20) / 2);
    pos = csv.rfind("\r\n", pos) + 2;
    std::string broken = csv;
    broken.insert(pos, bad);
    const std::string plain = dir.Write("b.csv", broken);
    const std::string compressed = dir.Write("b.csv.zst", Zstd(broken));
    for (std::size_t threads : {1u, 2u}) {
      ReadOptions options;
      options.num_threads = threads;
      Status mapped = ReadTable(plain, options).status();
      Status scanned = ReadTable(compressed, options).status();
      EXPECT_EQ(mapped.code(), StatusCode::kParseError) << bad;
      EXPECT_EQ(mapped.message().substr(mapped.message().find(": line")),
                scanned.message().substr(scanned.message().find(": line")))
          << bad;
    }
  }
}

// The tokenizer enforces max_field_bytes on the mapped path, unquoted and
// quoted (doubled quotes counted once), with the scanner's message.
TEST(MappedRead, FieldLimitCountsLikeTheScanner) {
  TempDir dir;
  ReadOptions options;
  options.max_field_bytes = 4;
  // "a""b" is 3 bytes of content; 123 and the CR of CRLF are 4: within it.
  auto ok = ReadTable(dir.Write("ok.csv", "a,b\n\"a\"\"b\",123\r\n"), options);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->column(0).TextAt(0), "a\"b");
  EXPECT_THAT(ReadTable(dir.Write("u.csv", "a,b\n1,12345\n"), options).status().message(),
              AllOf(HasSubstr("line 2, column 2 ('b')"), HasSubstr("max_field_bytes (4 bytes)")));
  EXPECT_THAT(
      ReadTable(dir.Write("q.csv", "a,b\n1,2\n\"12\n345\",1\n"), options).status().message(),
      AllOf(HasSubstr("line 3, column 1 ('a')"), HasSubstr("max_field_bytes (4 bytes)")));
  EXPECT_THAT(ReadTable(dir.Write("open.csv", "a,b\n1,\"12345"), options).status().message(),
              AllOf(HasSubstr("line 2, column 2 ('b')"), HasSubstr("max_field_bytes (4 bytes)")));
}

TEST(MappedRead, BlankLinesOnlyAfterHeaderIsNoDataRows) {
  TempDir dir;
  Status s = ReadTable(dir.Write("blank.csv", "a,b\n\n\r\n\n")).status();
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), HasSubstr("no data rows"));
}

}  // namespace
}  // namespace airm
