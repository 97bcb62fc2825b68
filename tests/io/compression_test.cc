// gzip and zstd inputs: round trips with fixtures compressed in the test,
// and truncated or corrupt streams.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "airm/reader.h"
#include "test_util.h"

namespace airm {
namespace {

using io_test::TempDir;
using ::testing::AllOf;
using ::testing::HasSubstr;

std::string Gzip(const std::string& data) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string SampleCsv(int rows) {
  std::string csv = "id,x,label\n";
  for (int i = 0; i < rows; ++i) {
    csv += std::to_string(i) + "," + std::to_string(i * 0.25) + ",\"l" + std::to_string(i % 7) +
           "\"\n";
  }
  return csv;
}

TEST(Compression, GzipAndZstdRoundTrip) {
  TempDir dir;
  const std::string csv = SampleCsv(200000);  // several MiB: crosses block boundaries
  auto plain = ReadTable(dir.Write("d.csv", csv));
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  for (const auto& [name, bytes] : {std::pair{std::string("d.csv.gz"), Gzip(csv)},
                                    std::pair{std::string("d.csv.zst"), Zstd(csv)},
                                    // Detection is by magic bytes, not by name.
                                    std::pair{std::string("misnamed.csv"), Zstd(csv)}}) {
    auto table = ReadTable(dir.Write(name, bytes));
    ASSERT_TRUE(table.ok()) << name << ": " << table.status().ToString();
    EXPECT_TRUE(io_test::SameTable(*plain, *table)) << name;
  }
}

TEST(Compression, JsonLinesGz) {
  TempDir dir;
  auto table = ReadTable(dir.Write("e.jsonl.gz", Gzip("{\"a\":1}\n{\"a\":2}\n")));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->num_rows(), 2u);
  EXPECT_EQ(table->column(0).type(), DataType::kInt64);
}

TEST(Compression, ConcatenatedGzipMembers) {
  TempDir dir;
  auto table = ReadTable(dir.Write("m.csv.gz", Gzip("a,b\n1,2\n") + Gzip("3,4\n")));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->num_rows(), 2u);
}

TEST(Compression, TruncatedStreamsAreParseErrors) {
  TempDir dir;
  const std::string csv = SampleCsv(5000);
  std::string gz = Gzip(csv);
  std::string zst = Zstd(csv);
  Status s = ReadTable(dir.Write("t.csv.gz", gz.substr(0, gz.size() / 2))).status();
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("t.csv.gz"), HasSubstr("truncated gzip")));
  s = ReadTable(dir.Write("t.csv.zst", zst.substr(0, zst.size() / 2))).status();
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("t.csv.zst"), HasSubstr("truncated zstd")));
  // Losing only the gzip trailer (CRC and size) is still detected.
  s = ReadTable(dir.Write("trailer.csv.gz", gz.substr(0, gz.size() - 4))).status();
  EXPECT_EQ(s.code(), StatusCode::kParseError);
}

TEST(Compression, CorruptStreamsAreParseErrors) {
  TempDir dir;
  const std::string csv = SampleCsv(5000);
  std::string gz = Gzip(csv);
  for (std::size_t i = 20; i < gz.size() - 8; i += 7) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  Status s = ReadTable(dir.Write("c.csv.gz", gz)).status();
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("c.csv.gz"), HasSubstr("gzip")));
  std::string zst = Zstd(csv);
  for (std::size_t i = 12; i < zst.size(); i += 5) zst[i] = static_cast<char>(zst[i] ^ 0x5a);
  s = ReadTable(dir.Write("c.csv.zst", zst)).status();
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr("c.csv.zst"), HasSubstr("zstd")));
}

TEST(Compression, StreamingCompressedInput) {
  TempDir dir;
  const std::string csv = SampleCsv(30000);
  const std::string path = dir.Write("s.csv.zst", Zstd(csv));
  ReadOptions options;
  options.chunk_rows = 7000;
  auto stream = TableStream::Open(path, options);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  std::size_t rows = 0;
  std::size_t chunks = 0;
  while (true) {
    auto chunk = (*stream)->Next();
    ASSERT_TRUE(chunk.ok()) << chunk.status().ToString();
    if (!chunk->has_value()) break;
    rows += (*chunk)->num_rows();
    ++chunks;
  }
  EXPECT_EQ(rows, 30000u);
  EXPECT_EQ(chunks, 5u);
}

}  // namespace
}  // namespace airm
