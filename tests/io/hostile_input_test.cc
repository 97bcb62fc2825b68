// Issue 17: hostile inputs to the readers — devices, pipes, files that shrink,
// too many columns or keys, decompression bombs, pzstd files, key
// collisions. Each must be an error naming the file (and line / column
// where there is one), never a hang, a crash or unbounded memory.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "airm/input_file.h"
#include "airm/reader.h"
#include "airm/sha256.h"
#include "test_util.h"

namespace airm {
namespace {

using io_test::TempDir;
using ::testing::AllOf;
using ::testing::HasSubstr;

// Writes `bytes` into a FIFO from another thread, then closes it, or keeps
// writing them forever (until the reader closes its end) when `endless`.
// With `pause`, it stops that long halfway through the first copy, so that
// readers are mid-read when more arrive.
class FifoWriter {
 public:
  FifoWriter(std::string path, std::string bytes, bool endless,
             std::chrono::milliseconds pause = std::chrono::milliseconds(0))
      : thread_([path = std::move(path), bytes = std::move(bytes), endless, pause] {
          const int fd = ::open(path.c_str(), O_WRONLY);
          if (fd < 0) return;
          bool paused = pause.count() == 0;
          do {
            std::size_t done = 0;
            while (done < bytes.size()) {
              std::size_t count = bytes.size() - done;
              if (!paused) count = std::min(count, bytes.size() / 2 - done);
              const ssize_t n = ::write(fd, bytes.data() + done, count);
              if (n <= 0) {
                ::close(fd);
                return;  // EPIPE: the reader gave up, as it should
              }
              done += static_cast<std::size_t>(n);
              if (!paused && done == bytes.size() / 2) {
                std::this_thread::sleep_for(pause);
                paused = true;
              }
            }
          } while (endless);
          ::close(fd);
        }) {}
  ~FifoWriter() { thread_.join(); }

 private:
  std::thread thread_;
};

class HostileInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ::signal(SIGPIPE, SIG_IGN); }
  void TearDown() override { SetNonRegularInputLimit(kDefaultNonRegularInputLimit); }
  std::string MakeFifo(const std::string& name) {
    const std::string path = dir_.Path(name);
    EXPECT_EQ(::mkfifo(path.c_str(), 0600), 0) << std::strerror(errno);
    return path;
  }
  TempDir dir_;
};

TEST_F(HostileInput, DeviceIsRefusedBeforeReading) {
  for (const char* device : {"/dev/zero", "/dev/urandom"}) {
    auto table = ReadTable(device);
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.status().code(), StatusCode::kIoError);
    EXPECT_THAT(table.status().message(), AllOf(HasSubstr(device), HasSubstr("is a device")));
    auto stream = TableStream::Open(std::string(device) + "");
    ASSERT_FALSE(stream.ok());
    EXPECT_THAT(stream.status().message(), HasSubstr("is a device"));
    auto digest = Sha256File(device);
    ASSERT_FALSE(digest.ok());
    EXPECT_THAT(digest.status().message(), AllOf(HasSubstr(device), HasSubstr("is a device")));
  }
}

TEST_F(HostileInput, DirectoryIsRefused) {
  auto table = ReadTable(dir_.Path(""));
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr("is a directory"));
}

// The digest and the parse of a FIFO see the same bytes: it is read once.
TEST_F(HostileInput, FifoIsReadOnceForDigestAndParse) {
  const std::string path = MakeFifo("once.csv");
  const std::string content = "a,b\n1,x\n2,y\n3,z\n";
  FifoWriter writer(path, content, /*endless=*/false);
  uint64_t bytes = 0;
  auto digest = Sha256File(path, &bytes);
  ASSERT_TRUE(digest.ok()) << digest.status().ToString();
  EXPECT_EQ(*digest, Sha256Hex(content));
  EXPECT_EQ(bytes, content.size());
  auto table = ReadTable(path);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->num_rows(), 3u);
  auto stream = TableStream::Open(path);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  auto chunk = (*stream)->Next();
  ASSERT_TRUE(chunk.ok() && chunk->has_value());
  EXPECT_EQ((*chunk)->num_rows(), 3u);
}

// LoadInput hashes and parses a file side by side: two threads opening one
// FIFO at once must both see all of its bytes (one reads, the other waits
// for that copy), not half each, and neither may wait for a gone writer.
TEST_F(HostileInput, FifoOpenedByTwoThreadsAtOnceIsReadOnce) {
  const std::string path = MakeFifo("twice.csv");
  std::string content = "a,b\n";
  for (int i = 0; i < 50000; ++i) content += std::to_string(i) + ",x\n";  // past a pipe's buffer
  // The pause keeps the first reader inside its read while the second opens.
  FifoWriter writer(path, content, /*endless=*/false, std::chrono::milliseconds(300));
  Result<std::string> digest = Status::Internal("not run");
  Result<Table> table = Status::Internal("not run");
  std::thread hasher([&] { digest = Sha256File(path); });
  std::thread parser([&] { table = ReadTable(path); });
  hasher.join();
  parser.join();
  ASSERT_TRUE(digest.ok()) << digest.status().ToString();
  EXPECT_EQ(*digest, Sha256Hex(content));
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->num_rows(), 50000u);
}

TEST_F(HostileInput, EndlessPipeStopsAtTheLimit) {
  SetNonRegularInputLimit(1u << 20);
  const std::string path = MakeFifo("endless.csv");
  FifoWriter writer(path, "a,b\n1,2\n", /*endless=*/true);
  auto table = ReadTable(path);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kIoError);
  EXPECT_THAT(table.status().message(),
              AllOf(HasSubstr(path), HasSubstr("longer than 1048576 bytes"),
                    HasSubstr("write it to a file")));
}

TEST_F(HostileInput, EndlessJsonPipeStopsAtTheLimitWhenStreaming) {
  SetNonRegularInputLimit(1u << 20);
  const std::string path = MakeFifo("endless.jsonl");
  FifoWriter writer(path, "{\"a\": 1}\n", /*endless=*/true);
  auto stream = TableStream::Open(path);
  ASSERT_FALSE(stream.ok());
  EXPECT_THAT(stream.status().message(), HasSubstr("longer than 1048576 bytes"));
}

// A file that shrinks while it is read is an input error, not SIGBUS.
TEST_F(HostileInput, FileThatShrinksIsAnInputError) {
  const std::string path = dir_.Write("shrink.csv", std::string(1 << 16, 'x'));
  auto input = InputFile::Open(path);
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  ASSERT_EQ(::truncate(path.c_str(), 100), 0);
  std::string out(1 << 10, '\0');
  Status s = input->ReadAt(out.data(), out.size(), 1 << 15);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_THAT(s.message(), AllOf(HasSubstr(path), HasSubstr("shrank while it was being read")));
}

std::string WideCsv(std::size_t columns, std::size_t rows) {
  std::string text;
  for (std::size_t c = 0; c < columns; ++c) text += (c ? ",c" : "c") + std::to_string(c);
  text += "\n";
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) text += c ? ",1" : "1";
    text += "\n";
  }
  return text;
}

TEST_F(HostileInput, TooManyCsvColumns) {
  const std::string path = dir_.Write("wide.csv", WideCsv(20, 2));
  ReadOptions options;
  options.max_columns = 10;
  for (bool stream : {false, true}) {
    Status s =
        stream ? TableStream::Open(path, options).status() : ReadTable(path, options).status();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kParseError);
    EXPECT_THAT(s.message(), AllOf(HasSubstr(path), HasSubstr("line 1"), HasSubstr("column 11"),
                                   HasSubstr("20 columns"), HasSubstr("--max-columns")));
  }
  options.max_columns = 20;
  EXPECT_TRUE(ReadTable(path, options).ok());
}

// The shape from the issue: 100,000 columns, a few rows; refused by default.
TEST_F(HostileInput, HundredThousandColumnsRefusedByDefault) {
  const std::string path = dir_.Write("wider.csv", WideCsv(100000, 3));
  Status s = ReadTable(path).status();
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), AllOf(HasSubstr("100000 columns"), HasSubstr("limit of 10000")));
}

std::string NewKeyPerRow(std::size_t rows) {
  std::string text;
  for (std::size_t r = 0; r < rows; ++r) text += "{\"k" + std::to_string(r) + "\": 1}\n";
  return text;
}

TEST_F(HostileInput, TooManyJsonKeys) {
  const std::string path = dir_.Write("keys.jsonl", NewKeyPerRow(100));
  ReadOptions options;
  options.max_columns = 50;
  options.chunk_rows = 30;
  for (bool stream : {false, true}) {
    Status s =
        stream ? TableStream::Open(path, options).status() : ReadTable(path, options).status();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kParseError);
    EXPECT_THAT(s.message(), AllOf(HasSubstr(path), HasSubstr("line 51"), HasSubstr("'k50'"),
                                   HasSubstr("--max-columns")));
  }
}

// Rows that each name few keys are stored sparsely: missing keys are null.
TEST_F(HostileInput, SparseJsonRowsAreNullWhereAKeyIsMissing) {
  const std::string path = dir_.Write("sparse.jsonl", NewKeyPerRow(300));
  auto table = ReadTable(path);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->num_columns(), 300u);
  for (std::size_t c = 0; c < 300; ++c) {
    EXPECT_EQ(table->column(c).null_count(), 299u);
    ASSERT_TRUE(table->column(c).IsValid(c));
  }
}

// Under the key limit, a row per key still makes a rows x keys table of
// nulls; the missing-cell limit bounds it.
TEST_F(HostileInput, TooManyMissingJsonCells) {
  const std::string path = dir_.Write("missing.jsonl", NewKeyPerRow(100));
  ReadOptions options;
  options.max_missing_cells = 100 * 100 - 100 - 1;
  options.chunk_rows = 1000;
  for (bool stream : {false, true}) {
    Status s;
    if (stream) {
      auto opened = TableStream::Open(path, options);
      ASSERT_TRUE(opened.ok()) << opened.status().ToString();
      s = (*opened)->Next().status();
    } else {
      s = ReadTable(path, options).status();
    }
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kParseError);
    EXPECT_THAT(s.message(), AllOf(HasSubstr(path), HasSubstr("100 rows x 100 distinct keys"),
                                   HasSubstr("9900 cells without a value")));
  }
  options.max_missing_cells = 100 * 100 - 100;
  EXPECT_TRUE(ReadTable(path, options).ok());
}

TEST_F(HostileInput, FlattenedKeyCollisionNamesLineAndKey) {
  const std::string path =
      dir_.Write("collide.jsonl", "{\"x\": 1}\n{\"a.b\": 1, \"a\": {\"b\": 2}}\n");
  for (bool stream : {false, true}) {
    Status s = stream ? TableStream::Open(path).status() : ReadTable(path).status();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), StatusCode::kParseError);
    EXPECT_THAT(s.message(), AllOf(HasSubstr(path), HasSubstr("line 2"), HasSubstr("'a.b'"),
                                   HasSubstr("twice")));
  }
}

std::string Zstd(const std::string& bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 1);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// A skippable frame (magic 0x184D2A50, little-endian, then a 4-byte size).
std::string SkippableFrame(const std::string& payload) {
  std::string out = "\x50\x2a\x4d\x18";
  const auto size = static_cast<uint32_t>(payload.size());
  for (int i = 0; i < 4; ++i) out += static_cast<char>((size >> (8 * i)) & 0xFF);
  return out + payload;
}

// pzstd writes each frame after a skippable frame holding its size.
TEST_F(HostileInput, PzstdStyleFramesAreDecoded) {
  const std::string part1 = "a,b\n1,x\n2,y\n";
  const std::string part2 = "3,z\n4,w\n";
  const std::string bytes = SkippableFrame(std::string(4, '\0')) + Zstd(part1) +
                            SkippableFrame(std::string(4, '\0')) + Zstd(part2);
  const std::string path = dir_.Write("multi.csv.zst", bytes);
  auto table = ReadTable(path);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->num_rows(), 4u);
  EXPECT_EQ(table->column(1).TextAt(3), "w");
}

std::string Gzip(const std::string& bytes) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST_F(HostileInput, DecompressionBombIsRefusedWholeAndStreamed) {
  // 70 MiB of one repeated row compress about 1000-fold.
  std::string rows = "a,b\n";
  rows.reserve(70u << 20);
  while (rows.size() < (70u << 20)) rows += "1,2\n";
  for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"bomb.csv.gz", Gzip(rows)},
                                    {"bomb.csv.zst", Zstd(rows)}}) {
    const std::string path = dir_.Write(name, bytes);
    auto table = ReadTable(path);
    ASSERT_FALSE(table.ok()) << name;
    EXPECT_EQ(table.status().code(), StatusCode::kParseError);
    EXPECT_THAT(table.status().message(),
                AllOf(HasSubstr(path), HasSubstr("more than 100 times its compressed size"),
                      HasSubstr("--max-decompression-ratio")));
    // A stream holds one chunk, but would decompress for as long as the bomb lasts.
    auto stream = TableStream::Open(path, ReadOptions{});
    Status failure = stream.status();
    while (failure.ok()) {
      auto chunk = (*stream)->Next();
      if (!chunk.ok()) {
        failure = chunk.status();
      } else if (!chunk->has_value()) {
        break;
      }
    }
    EXPECT_EQ(failure.code(), StatusCode::kParseError) << name;
    EXPECT_THAT(failure.message(), AllOf(HasSubstr(path), HasSubstr("more than 100 times")));
  }
}

TEST(ReadOptionsLimits, ValidateRejectsZeroColumnsAndRatioBelowOne) {
  ReadOptions options;
  options.max_columns = 0;
  EXPECT_THAT(options.Validate().message(), HasSubstr("max_columns"));
  options = ReadOptions();
  options.max_decompression_ratio = 0.5;
  EXPECT_THAT(options.Validate().message(), HasSubstr("max_decompression_ratio"));
  options.max_decompression_ratio = 0;
  EXPECT_TRUE(options.Validate().ok());
}

}  // namespace
}  // namespace airm
