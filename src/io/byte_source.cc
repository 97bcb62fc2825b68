#include "byte_source.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

namespace airm::io {
namespace {

constexpr std::size_t kCompressedBlock = 1u << 20;
constexpr std::uint64_t kRatioFloorBytes = 64u << 20;

// Reads raw bytes, first serving the bytes already consumed for magic-byte
// sniffing.
class RawFile {
 public:
  RawFile(InputFile input, std::string prefix)
      : input_(std::move(input)), prefix_(std::move(prefix)) {}

  Result<std::size_t> Read(char* out, std::size_t capacity) {
    if (prefix_pos_ < prefix_.size()) {
      std::size_t n = std::min(capacity, prefix_.size() - prefix_pos_);
      std::memcpy(out, prefix_.data() + prefix_pos_, n);
      prefix_pos_ += n;
      return n;
    }
    return input_.Read(out, capacity);
  }
  const std::string& path() const { return input_.path(); }
  InputFile& input() { return input_; }
  // Bytes of the (compressed) input handed out so far.
  std::uint64_t consumed() const { return input_.position() - (prefix_.size() - prefix_pos_); }

 private:
  InputFile input_;
  std::string prefix_;
  std::size_t prefix_pos_ = 0;
};

// Fails once the decompressed output exceeds both kRatioFloorBytes and
// `ratio` times the compressed bytes read: a small file that expands a
// thousandfold is refused before it fills memory.
class RatioGuard {
 public:
  RatioGuard(double ratio, const RawFile* raw) : ratio_(ratio), raw_(raw) {}
  Status Check(std::size_t produced) {
    out_ += produced;
    if (ratio_ <= 0 || out_ <= kRatioFloorBytes) return Status::Ok();
    const double in = static_cast<double>(std::max<std::uint64_t>(raw_->consumed(), 1));
    if (static_cast<double>(out_) <= ratio_ * in) return Status::Ok();
    char ratio_text[32];
    std::snprintf(ratio_text, sizeof ratio_text, "%g", ratio_);
    return Status::ParseError(raw_->path() + ": decompresses to more than " + ratio_text +
                              " times its compressed size (" + std::to_string(out_) +
                              " bytes from " + std::to_string(raw_->consumed()) +
                              "), the limit against decompression bombs; raise it with "
                              "--max-decompression-ratio (ReadOptions.max_decompression_ratio), "
                              "0 for none");
  }

 private:
  double ratio_;
  const RawFile* raw_;
  std::uint64_t out_ = 0;
};

class PlainSource : public ByteSource {
 public:
  explicit PlainSource(std::unique_ptr<RawFile> raw) : raw_(std::move(raw)) {}
  Result<std::size_t> Read(char* out, std::size_t capacity) override {
    return raw_->Read(out, capacity);
  }
  std::size_t SizeHint() const override {
    const InputFile& input = raw_->input();
    return static_cast<std::size_t>(input.Size());
  }
  InputFile* PlainInput() override { return &raw_->input(); }

 private:
  std::unique_ptr<RawFile> raw_;
};

class GzipSource : public ByteSource {
 public:
  GzipSource(std::unique_ptr<RawFile> raw, double ratio)
      : raw_(std::move(raw)), in_(kCompressedBlock), guard_(ratio, raw_.get()) {}
  ~GzipSource() override {
    if (initialized_) inflateEnd(&stream_);
  }

  Status Init() {
    std::memset(&stream_, 0, sizeof(stream_));
    // 15 + 16: gzip wrapper only.
    if (inflateInit2(&stream_, 15 + 16) != Z_OK) return Status::Internal("inflateInit2 failed");
    initialized_ = true;
    return Status::Ok();
  }

  Result<std::size_t> Read(char* out, std::size_t capacity) override {
    stream_.next_out = reinterpret_cast<Bytef*>(out);
    stream_.avail_out = static_cast<uInt>(std::min<std::size_t>(capacity, 1u << 30));
    while (stream_.avail_out > 0) {
      if (stream_.avail_in == 0 && !input_done_) {
        AIRM_ASSIGN_OR_RETURN(std::size_t n,
                              raw_->Read(reinterpret_cast<char*>(in_.data()), in_.size()));
        if (n == 0) {
          input_done_ = true;
        } else {
          stream_.next_in = in_.data();
          stream_.avail_in = static_cast<uInt>(n);
        }
      }
      if (stream_.avail_in == 0 && input_done_) {
        if (!at_member_end_) {
          return Status::ParseError(raw_->path() +
                                    ": truncated gzip stream (ends inside a member)");
        }
        break;
      }
      if (at_member_end_) {
        // Another gzip member follows (concatenated .gz files are valid).
        if (inflateReset(&stream_) != Z_OK) return Status::Internal("inflateReset failed");
        at_member_end_ = false;
      }
      int rc = inflate(&stream_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        at_member_end_ = true;
      } else if (rc == Z_BUF_ERROR) {
        // No progress possible with the current input; loop to read more.
        if (stream_.avail_in != 0) break;
      } else if (rc != Z_OK) {
        return Status::ParseError(raw_->path() + ": corrupt gzip stream: " +
                                  (stream_.msg != nullptr ? stream_.msg : "inflate failed"));
      }
    }
    const std::size_t produced = capacity - stream_.avail_out;
    AIRM_RETURN_IF_ERROR(guard_.Check(produced));
    return produced;
  }

 private:
  std::unique_ptr<RawFile> raw_;
  std::vector<Bytef> in_;
  RatioGuard guard_;
  z_stream stream_;
  bool initialized_ = false;
  bool input_done_ = false;
  bool at_member_end_ = false;
};

class ZstdSource : public ByteSource {
 public:
  ZstdSource(std::unique_ptr<RawFile> raw, double ratio)
      : raw_(std::move(raw)), in_(kCompressedBlock), guard_(ratio, raw_.get()) {}
  ~ZstdSource() override {
    if (stream_ != nullptr) ZSTD_freeDStream(stream_);
  }

  Status Init() {
    stream_ = ZSTD_createDStream();
    if (stream_ == nullptr) return Status::Internal("ZSTD_createDStream failed");
    ZSTD_initDStream(stream_);
    return Status::Ok();
  }

  Result<std::size_t> Read(char* out, std::size_t capacity) override {
    ZSTD_outBuffer output{out, capacity, 0};
    while (output.pos < output.size) {
      if (input_.pos == input_.size && !input_done_) {
        AIRM_ASSIGN_OR_RETURN(std::size_t n, raw_->Read(in_.data(), in_.size()));
        if (n == 0) {
          input_done_ = true;
        } else {
          input_ = ZSTD_inBuffer{in_.data(), n, 0};
        }
      }
      const std::size_t before = output.pos;
      const std::size_t consumed_before = input_.pos;
      std::size_t rc = ZSTD_decompressStream(stream_, &output, &input_);
      if (ZSTD_isError(rc)) {
        return Status::ParseError(raw_->path() + ": corrupt zstd stream: " + ZSTD_getErrorName(rc));
      }
      // 0 means a frame just ended and is flushed; a call that moved no bytes
      // only reports what the next frame would need, so it decides nothing.
      if (output.pos != before || input_.pos != consumed_before) frame_complete_ = (rc == 0);
      if (input_.pos == input_.size && input_done_ && output.pos == before) {
        // Everything consumed and nothing more flushed.
        if (!frame_complete_) {
          return Status::ParseError(raw_->path() + ": truncated zstd stream (ends inside a frame)");
        }
        break;
      }
    }
    AIRM_RETURN_IF_ERROR(guard_.Check(output.pos));
    return output.pos;
  }

 private:
  std::unique_ptr<RawFile> raw_;
  std::vector<char> in_;
  RatioGuard guard_;
  ZSTD_DStream* stream_ = nullptr;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  bool input_done_ = false;
  bool frame_complete_ = true;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path,
                                                   const ByteSourceOptions& options) {
  AIRM_ASSIGN_OR_RETURN(InputFile input, InputFile::Open(path));
  char magic[4];
  std::size_t got = 0;
  while (got < sizeof(magic)) {
    AIRM_ASSIGN_OR_RETURN(std::size_t n, input.Read(magic + got, sizeof(magic) - got));
    if (n == 0) break;
    got += n;
  }
  auto raw = std::make_unique<RawFile>(std::move(input), std::string(magic, got));
  const auto* m = reinterpret_cast<const unsigned char*>(magic);
  if (got >= 2 && m[0] == 0x1f && m[1] == 0x8b) {
    auto source = std::make_unique<GzipSource>(std::move(raw), options.max_decompression_ratio);
    AIRM_RETURN_IF_ERROR(source->Init());
    return std::unique_ptr<ByteSource>(std::move(source));
  }
  // A zstd frame (28 b5 2f fd), or a skippable frame (5? 2a 4d 18), with
  // which pzstd and seekable-format writers begin their files.
  const bool zstd_frame = m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd;
  const bool skippable = (m[0] & 0xF0) == 0x50 && m[1] == 0x2a && m[2] == 0x4d && m[3] == 0x18;
  if (got == 4 && (zstd_frame || skippable)) {
    auto source = std::make_unique<ZstdSource>(std::move(raw), options.max_decompression_ratio);
    AIRM_RETURN_IF_ERROR(source->Init());
    return std::unique_ptr<ByteSource>(std::move(source));
  }
  return std::unique_ptr<ByteSource>(std::make_unique<PlainSource>(std::move(raw)));
}

void ByteBuffer::Reserve(std::size_t capacity) {
  if (capacity <= capacity_) return;
  std::unique_ptr<char[]> bigger(new char[capacity]);  // uninitialized on purpose
  if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
  data_ = std::move(bigger);
  capacity_ = capacity;
}

char* ByteBuffer::Extend(std::size_t count) {
  Reserve(size_ + count);
  char* at = data_.get() + size_;
  size_ += count;
  return at;
}

void ByteBuffer::ErasePrefix(std::size_t count) {
  count = std::min(count, size_);
  if (count < size_) std::memmove(data_.get(), data_.get() + count, size_ - count);
  size_ -= count;
}

Result<std::size_t> AppendFromSource(ByteSource& source, ByteBuffer& buffer,
                                     std::size_t max_bytes) {
  if (buffer.capacity_ - buffer.size_ < max_bytes) {
    buffer.Reserve(std::max(buffer.size_ + max_bytes, buffer.capacity_ * 2));
  }
  std::size_t total = 0;
  while (total < max_bytes) {
    AIRM_ASSIGN_OR_RETURN(
        std::size_t n, source.Read(buffer.data_.get() + buffer.size_ + total, max_bytes - total));
    if (n == 0) break;
    total += n;
  }
  buffer.size_ += total;
  return total;
}

}  // namespace airm::io
