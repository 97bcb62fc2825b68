// TableStream: chunking, equality with ReadTable and widening across chunks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "airm/reader.h"
#include "test_util.h"

namespace airm {
namespace {

using io_test::TempDir;

std::vector<Table> ReadAllChunks(const std::string& path, const ReadOptions& options) {
  std::vector<Table> chunks;
  auto stream = TableStream::Open(path, options);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  if (!stream.ok()) return chunks;
  while (true) {
    auto chunk = (*stream)->Next();
    EXPECT_TRUE(chunk.ok()) << chunk.status().ToString();
    if (!chunk.ok() || !chunk->has_value()) break;
    chunks.push_back(std::move(**chunk));
  }
  // After the end, Next keeps returning nullopt.
  auto again = (*stream)->Next();
  EXPECT_TRUE(again.ok() && !again->has_value());
  return chunks;
}

TEST(TableStream, ChunksEqualWholeFileRead) {
  TempDir dir;
  std::string csv = "id,value,flag,when,label\n";
  for (int i = 0; i < 10007; ++i) {
    csv += std::to_string(i) + "," + (i % 11 == 0 ? "" : std::to_string(i * 1.5)) + "," +
           (i % 2 ? "true" : "false") + ",2024-01-" + std::to_string(10 + i % 20) + ",\"L" +
           std::to_string(i % 5) + (i % 97 == 0 ? "\nsecond line" : "") + "\"\r\n";
  }
  const std::string path = dir.Write("s.csv", csv);
  auto whole = ReadTable(path);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  ReadOptions options;
  options.chunk_rows = 1000;
  std::vector<Table> chunks = ReadAllChunks(path, options);
  ASSERT_EQ(chunks.size(), 11u);
  std::size_t offset = 0;
  for (const Table& chunk : chunks) {
    ASSERT_EQ(chunk.num_columns(), whole->num_columns());
    for (std::size_t c = 0; c < chunk.num_columns(); ++c) {
      const Column& part = chunk.column(c);
      const Column& full = whole->column(c);
      ASSERT_EQ(part.type(), full.type()) << part.name();
      for (std::size_t row = 0; row < part.size(); ++row) {
        ASSERT_EQ(part.IsValid(row), full.IsValid(offset + row));
        if (part.IsValid(row)) {
          ASSERT_EQ(part.TextAt(row), full.TextAt(offset + row));
        }
      }
    }
    offset += chunk.num_rows();
  }
  EXPECT_EQ(offset, 10007u);
}

TEST(TableStream, TypesWidenAcrossChunksAndNeverNarrow) {
  TempDir dir;
  const std::string path = dir.Write("w.csv",
                                     "n,late,s\n"
                                     "1,NA,a\n"
                                     "2,NA,b\n"
                                     "3.5,1,c\n"
                                     "4,2,c\n"
                                     "5,3,d\n"
                                     "6,4,d\n"
                                     "x,5,e\n"
                                     "7,6,e\n");
  ReadOptions options;
  options.chunk_rows = 2;
  options.max_dictionary = 1;
  std::vector<Table> chunks = ReadAllChunks(path, options);
  ASSERT_EQ(chunks.size(), 4u);
  // n: int64, then float64, stays float64 on integers, then text.
  EXPECT_EQ(chunks[0].column(0).type(), DataType::kInt64);
  EXPECT_EQ(chunks[1].column(0).type(), DataType::kFloat64);
  EXPECT_EQ(chunks[2].column(0).type(), DataType::kFloat64);
  EXPECT_EQ(chunks[3].column(0).type(), DataType::kString);
  EXPECT_EQ(chunks[3].column(0).TextAt(1), "7");
  // late: an all-null chunk is float64 placeholder and does not constrain.
  EXPECT_EQ(chunks[0].column(1).type(), DataType::kFloat64);
  EXPECT_EQ(chunks[0].column(1).null_count(), 2u);
  EXPECT_EQ(chunks[1].column(1).type(), DataType::kInt64);
  // s: two distinct values exceed max_dictionary=1 -> kString, and once
  // kString it never returns to kCategorical (chunk 2 has one value).
  EXPECT_EQ(chunks[0].column(2).type(), DataType::kString);
  EXPECT_EQ(chunks[1].column(2).type(), DataType::kString);
}

// Issue 13: once a stream knows a column is kString, later chunks store its
// text directly (no dictionary); values and nulls are those of a whole read.
// A float column stays compact (mantissa and scale) chunk after chunk until
// one holds a value that needs a double; later chunks keep doubles, like
// types that never narrow. Values read the same either way.
TEST(TableStream, CompactDecimalsLastUntilAChunkNeedsDoubles) {
  TempDir dir;
  std::string csv = "x\n";
  for (int i = 0; i < 3000; ++i) {
    csv += i == 1500 ? "0.10000000000000001\n" : std::to_string(i) + ".25e-3\n";
  }
  const std::string path = dir.Write("d.csv", csv);
  ReadOptions options;
  options.chunk_rows = 1000;
  std::vector<Table> chunks = ReadAllChunks(path, options);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_TRUE(chunks[0].column(0).stores_decimals());
  EXPECT_FALSE(chunks[1].column(0).stores_decimals());
  EXPECT_FALSE(chunks[2].column(0).stores_decimals());
  EXPECT_EQ(chunks[0].column(0).Float64At(3), 3.25e-3);
  EXPECT_EQ(chunks[1].column(0).Float64At(500), 0.1);
  EXPECT_EQ(chunks[2].column(0).Float64At(0), 2000.25e-3);
  // The same values as a JSON Lines file, read whole (both passes): compact.
  std::string jsonl;
  for (int i = 0; i < 10; ++i) jsonl += "{\"x\": " + std::to_string(i) + ".5}\n";
  auto json = ReadTable(dir.Write("d.jsonl", jsonl));
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  EXPECT_TRUE(json->column(0).stores_decimals());
  EXPECT_EQ(json->column(0).Float64At(9), 9.5);
}

TEST(TableStream, AKnownStringColumnKeepsTheWholeReadsValuesAndNulls) {
  TempDir dir;
  const std::string path = dir.Write("s.csv", "s,n\na,1\nb,2\nNA,3\nc,4\n\" d \",5\nb,6\n");
  ReadOptions options;
  options.chunk_rows = 2;
  options.max_dictionary = 1;
  std::vector<Table> chunks = ReadAllChunks(path, options);
  ASSERT_EQ(chunks.size(), 3u);
  auto whole = ReadTable(path, options);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  size_t row = 0;
  for (const Table& chunk : chunks) {
    ASSERT_EQ(chunk.column(0).type(), DataType::kString);
    for (size_t i = 0; i < chunk.num_rows(); ++i, ++row) {
      const Column& expected = whole->column(0);
      ASSERT_EQ(chunk.column(0).IsValid(i), expected.IsValid(row)) << "row " << row;
      if (expected.IsValid(row)) {
        EXPECT_EQ(chunk.column(0).TextAt(i), expected.TextAt(row));
      }
    }
  }
  EXPECT_EQ(chunks[1].column(0).null_count(), 1u);
  EXPECT_EQ(chunks[2].column(0).TextAt(0), " d ");
}

TEST(TableStream, LastChunkWithoutTrailingNewline) {
  TempDir dir;
  ReadOptions options;
  options.chunk_rows = 2;
  std::vector<Table> chunks = ReadAllChunks(dir.Write("t.csv", "a\n1\n2\n3"), options);
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[1].num_rows(), 1u);
  EXPECT_EQ(chunks[1].column(0).int64_values()[0], 3);
}

TEST(TableStream, ErrorLinesAreAbsoluteInLaterChunks) {
  TempDir dir;
  std::string csv = "a,b\n";
  for (int i = 0; i < 50; ++i) csv += "1,2\n";
  csv += "3\n";  // line 52
  ReadOptions options;
  options.chunk_rows = 7;
  auto stream = TableStream::Open(dir.Write("e.csv", csv), options);
  ASSERT_TRUE(stream.ok());
  Status status;
  while (true) {
    auto chunk = (*stream)->Next();
    if (!chunk.ok()) {
      status = chunk.status();
      break;
    }
    ASSERT_TRUE(chunk->has_value()) << "error never reported";
  }
  EXPECT_THAT(status.message(), ::testing::HasSubstr("line 52, column 2 ('b')"));
}

// More blank lines than the 64 MiB soft chunk limit: they are dropped while
// streaming rather than buffered, and line numbers stay exact.
TEST(TableStream, LongRunsOfBlankLinesKeepLineNumbers) {
  TempDir dir;
  const std::size_t blank_lines = 70u << 20;
  const std::string path = dir.Path("blank.csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << "a,b\n1,2\n";
    std::string block(1 << 20, '\n');
    for (std::size_t i = 0; i < blank_lines / block.size(); ++i)
      out.write(block.data(), block.size());
    out << "3,4\n5\n";
  }
  auto stream = TableStream::Open(path);
  ASSERT_TRUE(stream.ok());
  Result<std::optional<Table>> chunk = (*stream)->Next();
  std::size_t rows = 0;
  for (int i = 0; i < 5 && chunk.ok() && chunk->has_value(); ++i) {
    rows += (*chunk)->num_rows();
    chunk = (*stream)->Next();
  }
  ASSERT_FALSE(chunk.ok());
  EXPECT_EQ(rows, 1u);  // the chunk ended early (soft byte limit) after row "1,2"
  EXPECT_THAT(chunk.status().message(),
              ::testing::HasSubstr("line " + std::to_string(blank_lines + 4) + ", column 2"));
  ReadOptions options;
  options.chunk_rows = 1;
  stream = TableStream::Open(path, options);
  ASSERT_TRUE(stream.ok());
  ASSERT_TRUE((*stream)->Next().ok());  // row "1,2"
  auto second = (*stream)->Next();      // row "3,4" after the blank run
  ASSERT_TRUE(second.ok() && second->has_value()) << second.status().ToString();
  EXPECT_EQ((*second)->column(0).int64_values()[0], 3);
  auto third = (*stream)->Next();
  ASSERT_FALSE(third.ok());
  EXPECT_THAT(third.status().message(),
              ::testing::HasSubstr("line " + std::to_string(blank_lines + 4) + ", column 2"));
}

TEST(TableStream, JsonLinesChunksEqualWholeRead) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 2500; ++i) {
    jsonl += "{\"i\":" + std::to_string(i) + ",\"g\":{\"k\":\"v" + std::to_string(i % 3) + "\"}}\n";
  }
  const std::string path = dir.Write("s.jsonl", jsonl);
  auto whole = ReadTable(path);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  ReadOptions options;
  options.chunk_rows = 1000;
  std::vector<Table> chunks = ReadAllChunks(path, options);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[2].num_rows(), 500u);
  EXPECT_EQ(chunks[2].column(0).int64_values()[0], 2000);
  EXPECT_EQ(chunks[2].column(1).name(), "g.k");
  EXPECT_EQ(chunks[2].column(1).TextAt(0), whole->column(1).TextAt(2000));
}

}  // namespace
}  // namespace airm
