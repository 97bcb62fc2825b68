// Parallel parsing gives the same Table, and the same first error, whatever
// the number of threads.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include "airm/reader.h"
#include "test_util.h"

namespace airm {
namespace {

using io_test::TempDir;

// About 8 MiB: several 1 MiB split points, quoted newlines and delimiters
// straddling them, columns that widen late in the file.
std::string GenerateCsv() {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> uniform(-1000, 1000);
  std::string csv = "id,x,y,flag,city,note,late_float,late_text\n";
  const int rows = 120000;
  for (int i = 0; i < rows; ++i) {
    csv += std::to_string(i) + ",";
    csv += std::to_string(uniform(rng)) + ",";
    csv += (i % 13 == 0 ? "NA" : std::to_string(static_cast<int64_t>(rng() % 100000))) + ",";
    csv += (rng() % 2 ? "true" : "false");
    csv += ",city" + std::to_string(rng() % 40) + ",";
    if (i % 5 == 0) {
      csv += "\"multi\nline, \"\"quoted\"\"\n" + std::to_string(i) + "\"";
    } else {
      csv += "n" + std::to_string(rng() % 1000000);
    }
    csv += "," + (i == rows - 3 ? std::string("2.5") : std::to_string(i % 100));
    csv += "," + (i == rows - 2 ? std::string("oops") : std::to_string(i % 7));
    csv += "\n";
  }
  return csv;
}

TEST(ParallelParsing, OneAndManyThreadsAgree) {
  TempDir dir;
  const std::string csv = GenerateCsv();
  ASSERT_GT(csv.size(), 6u << 20);
  const std::string path = dir.Write("big.csv", csv);
  ReadOptions one;
  one.num_threads = 1;
  auto serial = ReadTable(path, one);
  ASSERT_TRUE(serial.ok()) << serial.status().ToString();
  EXPECT_EQ(serial->num_rows(), 120000u);
  EXPECT_EQ(serial->column(2).type(), DataType::kInt64);
  EXPECT_EQ(serial->column(2).null_count(), 120000u / 13 + 1);
  EXPECT_EQ(serial->column(4).type(), DataType::kCategorical);
  EXPECT_EQ(serial->column(5).type(), DataType::kString);
  EXPECT_EQ(serial->column(6).type(), DataType::kFloat64);      // widened in the last MiB
  EXPECT_EQ(serial->column(7).type(), DataType::kCategorical);  // widened to text
  EXPECT_EQ(serial->column(5).TextAt(5), "multi\nline, \"quoted\"\n5");
  for (std::size_t threads : {2u, 3u, 8u}) {
    ReadOptions many;
    many.num_threads = threads;
    auto parallel = ReadTable(path, many);
    ASSERT_TRUE(parallel.ok()) << parallel.status().ToString();
    EXPECT_TRUE(io_test::SameTable(*serial, *parallel)) << threads << " threads";
    // Dictionaries are in first-appearance order whatever the threads.
    EXPECT_EQ(serial->column(4).dictionary(), parallel->column(4).dictionary());
  }
}

TEST(ParallelParsing, FirstErrorInFileOrderWhateverTheThreads) {
  TempDir dir;
  std::string csv = GenerateCsv();
  // Two broken rows far apart: the earlier one must be reported.
  const std::size_t late = csv.size() - 100;
  const std::size_t late_row = csv.find('\n', late) + 1;
  csv.insert(late_row, "1,2\n");
  const std::size_t early_row = csv.find('\n', 3u << 20) + 1;
  // Find a row start outside quotes: advance to the next "\n<digits>," row.
  std::size_t pos = early_row;
  while (!(csv[pos - 1] == '\n' && csv.compare(pos, 1, "1") >= 0 && isdigit(csv[pos]) &&
           csv.find(',', pos) < csv.find('\n', pos) && csv[pos - 2] != '"' &&
           csv.compare(pos, 5, "multi") != 0)) {
    pos = csv.find('\n', pos) + 1;
  }
  csv.insert(pos, "x\n");
  const std::size_t expected_line =
      1 + std::count(csv.begin(), csv.begin() + static_cast<std::ptrdiff_t>(pos), '\n');
  const std::string path = dir.Write("bad.csv", csv);
  std::string first_message;
  for (std::size_t threads : {1u, 2u, 4u}) {
    ReadOptions options;
    options.num_threads = threads;
    Status s = ReadTable(path, options).status();
    EXPECT_EQ(s.code(), StatusCode::kParseError);
    EXPECT_THAT(s.message(), ::testing::HasSubstr("line " + std::to_string(expected_line) + ","));
    if (first_message.empty()) first_message = s.message();
    EXPECT_EQ(s.message(), first_message);
  }
}

}  // namespace
}  // namespace airm
