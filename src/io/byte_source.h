// ByteSource: the decompressed bytes of an input file, read block by block.
//
// Plain files, gzip (any number of members) and zstd (any number of frames,
// skippable frames included, as pzstd writes them) are detected from the magic bytes, not the name.
// A truncated or corrupt compressed stream is a kParseError naming the file; a missing or
// unreadable file is a kIoError.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "airm/input_file.h"
#include "airm/status.h"

namespace airm::io {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `capacity` bytes into `out`; returns the count, 0 only at end
  // of input.
  virtual Result<std::size_t> Read(char* out, std::size_t capacity) = 0;
  // Expected total size in bytes when cheaply known (plain files), else 0.
  virtual std::size_t SizeHint() const { return 0; }
  // The input of an uncompressed regular file, whose rest may then be read
  // at offsets in parallel; nullptr for compressed or in-memory input.
  virtual InputFile* PlainInput() { return nullptr; }
};

struct ByteSourceOptions {
  // See ReadOptions::max_decompression_ratio; 0 = no limit.
  double max_decompression_ratio = 0;
};

// Opens `path` as InputFile::Open does ("-" is standard input, devices are
// refused, pipes are read once into memory) and detects compression.
Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path,
                                                   const ByteSourceOptions& options = {});

// A growable byte buffer that, unlike std::string, does not zero memory it
// is about to overwrite with file content.
class ByteBuffer {
 public:
  const char* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  std::string_view view() const { return std::string_view(data_.get(), size_); }
  char operator[](std::size_t i) const { return data_[i]; }
  // Ensures room for `capacity` bytes in total, keeping the content.
  void Reserve(std::size_t capacity);
  // Grows the content by `count` uninitialized bytes and returns where they
  // start, for the caller to fill before reading them.
  char* Extend(std::size_t count);
  // Removes the first `count` bytes.
  void ErasePrefix(std::size_t count);

 private:
  friend Result<std::size_t> AppendFromSource(ByteSource&, ByteBuffer&, std::size_t);
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// Appends up to `max_bytes` bytes from `source` to `buffer`; returns the count
// appended (0 at end of input).
Result<std::size_t> AppendFromSource(ByteSource& source, ByteBuffer& buffer, std::size_t max_bytes);

}  // namespace airm::io
