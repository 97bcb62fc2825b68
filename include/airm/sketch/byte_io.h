// Little-endian byte writer and bounds-checked reader for serialized sketches
// and profiles: the binary formats of the sketch and profile modules share it.
//
// Every Read* checks the remaining length first and returns false instead of
// reading past the end, so parsers turn any short input into Status::Corrupt.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace airm::sketch::internal {

class ByteWriter {
 public:
  explicit ByteWriter(std::string* out) : out_(out) {}
  void PutU8(uint8_t v) { out_->push_back(static_cast<char>(v)); }
  void PutU16(uint16_t v) { PutLittle(v, 2); }
  void PutU32(uint32_t v) { PutLittle(v, 4); }
  void PutU64(uint64_t v) { PutLittle(v, 8); }
  void PutF64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    PutU64(bits);
  }
  void PutBytes(std::string_view bytes) { out_->append(bytes.data(), bytes.size()); }
  // u32 length, then the bytes.
  void PutString(std::string_view s) {
    PutU32(static_cast<uint32_t>(s.size()));
    PutBytes(s);
  }

 private:
  void PutLittle(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  std::string* out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  size_t position() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }

  [[nodiscard]] bool ReadU8(uint8_t* v) {
    uint64_t x;
    if (!ReadLittle(&x, 1)) return false;
    *v = static_cast<uint8_t>(x);
    return true;
  }
  [[nodiscard]] bool ReadU16(uint16_t* v) {
    uint64_t x;
    if (!ReadLittle(&x, 2)) return false;
    *v = static_cast<uint16_t>(x);
    return true;
  }
  [[nodiscard]] bool ReadU32(uint32_t* v) {
    uint64_t x;
    if (!ReadLittle(&x, 4)) return false;
    *v = static_cast<uint32_t>(x);
    return true;
  }
  [[nodiscard]] bool ReadU64(uint64_t* v) { return ReadLittle(v, 8); }
  [[nodiscard]] bool ReadF64(double* v) {
    uint64_t bits;
    if (!ReadLittle(&bits, 8)) return false;
    std::memcpy(v, &bits, 8);
    return true;
  }
  // Exactly n bytes as a view into the input.
  [[nodiscard]] bool ReadBytes(size_t n, std::string_view* out) {
    if (remaining() < n) return false;
    *out = data_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  // u32 length, then that many bytes.
  [[nodiscard]] bool ReadString(std::string_view* out) {
    uint32_t n;
    if (!ReadU32(&n)) return false;
    return ReadBytes(n, out);
  }

 private:
  bool ReadLittle(uint64_t* v, int n) {
    if (remaining() < static_cast<size_t>(n)) return false;
    uint64_t x = 0;
    for (int i = 0; i < n; ++i) {
      x |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
    }
    pos_ += n;
    *v = x;
    return true;
  }
  std::string_view data_;
  size_t pos_ = 0;
};

// Family ids at byte 0 of every serialized sketch (never reuse a value).
enum class SketchFamily : uint8_t { kKll = 1, kHyperLogLog = 2, kSpaceSaving = 3 };

}  // namespace airm::sketch::internal
