#include "byte_source.h"

#include <sys/mman.h>
#include <sys/stat.h>
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

class FileHandle {
 public:
  explicit FileHandle(std::FILE* file) : file_(file) {}
  ~FileHandle() {
    if (file_ != nullptr) std::fclose(file_);
  }
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  std::FILE* get() const { return file_; }

 private:
  std::FILE* file_;
};

// Reads raw bytes, first serving the bytes already consumed for magic-byte
// sniffing.
class RawFile {
 public:
  RawFile(std::string path, std::FILE* file, std::string prefix)
      : path_(std::move(path)), file_(file), prefix_(std::move(prefix)) {}

  Result<std::size_t> Read(char* out, std::size_t capacity) {
    if (prefix_pos_ < prefix_.size()) {
      std::size_t n = std::min(capacity, prefix_.size() - prefix_pos_);
      std::memcpy(out, prefix_.data() + prefix_pos_, n);
      prefix_pos_ += n;
      return n;
    }
    std::size_t n = std::fread(out, 1, capacity, file_.get());
    if (n == 0 && std::ferror(file_.get())) {
      return Status::IoError(path_ + ": read failed: " + std::strerror(errno));
    }
    return n;
  }
  const std::string& path() const { return path_; }
  int fd() const { return fileno(file_.get()); }
  std::size_t FileSize() const {
    struct stat info;
    if (fstat(fileno(file_.get()), &info) != 0 || info.st_size < 0) return 0;
    return static_cast<std::size_t>(info.st_size);
  }

 private:
  std::string path_;
  FileHandle file_;
  std::string prefix_;
  std::size_t prefix_pos_ = 0;
};

class PlainSource : public ByteSource {
 public:
  explicit PlainSource(std::unique_ptr<RawFile> raw) : raw_(std::move(raw)) {}
  Result<std::size_t> Read(char* out, std::size_t capacity) override {
    return raw_->Read(out, capacity);
  }
  std::size_t SizeHint() const override { return raw_->FileSize(); }
  int PlainFd() const override { return raw_->fd(); }

 private:
  std::unique_ptr<RawFile> raw_;
};

class GzipSource : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<RawFile> raw) : raw_(std::move(raw)), in_(kCompressedBlock) {}
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
    return capacity - stream_.avail_out;
  }

 private:
  std::unique_ptr<RawFile> raw_;
  std::vector<Bytef> in_;
  z_stream stream_;
  bool initialized_ = false;
  bool input_done_ = false;
  bool at_member_end_ = false;
};

class ZstdSource : public ByteSource {
 public:
  explicit ZstdSource(std::unique_ptr<RawFile> raw) : raw_(std::move(raw)), in_(kCompressedBlock) {}
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
    return output.pos;
  }

 private:
  std::unique_ptr<RawFile> raw_;
  std::vector<char> in_;
  ZSTD_DStream* stream_ = nullptr;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  bool input_done_ = false;
  bool frame_complete_ = true;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  }
  char magic[4];
  std::size_t got = std::fread(magic, 1, sizeof(magic), file);
  if (got < sizeof(magic) && std::ferror(file)) {
    int err = errno;
    std::fclose(file);
    return Status::IoError(path + ": read failed: " + std::strerror(err));
  }
  auto raw = std::make_unique<RawFile>(path, file, std::string(magic, got));
  const auto* m = reinterpret_cast<const unsigned char*>(magic);
  if (got >= 2 && m[0] == 0x1f && m[1] == 0x8b) {
    auto source = std::make_unique<GzipSource>(std::move(raw));
    AIRM_RETURN_IF_ERROR(source->Init());
    return std::unique_ptr<ByteSource>(std::move(source));
  }
  if (got == 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) {
    auto source = std::make_unique<ZstdSource>(std::move(raw));
    AIRM_RETURN_IF_ERROR(source->Init());
    return std::unique_ptr<ByteSource>(std::move(source));
  }
  return std::unique_ptr<ByteSource>(std::make_unique<PlainSource>(std::move(raw)));
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) munmap(data_, size_);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) munmap(data_, size_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

Result<MappedFile> MappedFile::Map(int fd, const std::string& path) {
  struct stat info;
  if (fd < 0 || fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size <= 0) {
    return Status::IoError(path + ": cannot map: not a non-empty regular file");
  }
  const auto size = static_cast<std::size_t>(info.st_size);
  // No copy as read() would make. Pages are faulted in lazily, by whichever
  // thread first reads them; MAP_POPULATE measured no faster.
  void* data = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED) {
    return Status::IoError(path + ": cannot map: " + std::strerror(errno));
  }
  MappedFile mapped;
  mapped.data_ = data;
  mapped.size_ = size;
  return mapped;
}

void ByteBuffer::Reserve(std::size_t capacity) {
  if (capacity <= capacity_) return;
  std::unique_ptr<char[]> bigger(new char[capacity]);  // uninitialized on purpose
  if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
  data_ = std::move(bigger);
  capacity_ = capacity;
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
