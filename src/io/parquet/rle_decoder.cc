#include "rle_decoder.h"

#include "bit_unpack.h"

namespace airm::io::parquet {

Status RleDecoder::NextRun() {
  uint64_t header = 0;
  for (int shift = 0;; shift += 7) {
    if (pos_ >= data_.size()) return Status::ParseError("RLE data ends before its values");
    if (shift > 35) return Status::ParseError("RLE run header longer than 5 bytes");
    const auto byte = static_cast<uint8_t>(data_[pos_++]);
    header |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
  }
  if (header & 1) {
    packed_ = true;
    left_ = static_cast<std::size_t>(header >> 1) * 8;
    group_pos_ = 8;
  } else {
    packed_ = false;
    left_ = static_cast<std::size_t>(header >> 1);
    const std::size_t bytes = (static_cast<std::size_t>(bit_width_) + 7) / 8;
    if (bytes > data_.size() - pos_) return Status::ParseError("RLE run value past the data's end");
    uint32_t value = 0;
    for (std::size_t i = 0; i < bytes; ++i) {
      value |= static_cast<uint32_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
    }
    pos_ += bytes;
    repeated_ = value;
  }
  if (left_ == 0) return Status::ParseError("RLE run of zero values");
  return Status::Ok();
}

Status RleDecoder::Decode(uint32_t* out, std::size_t count) {
  std::size_t done = 0;
  while (done < count) {
    if (left_ == 0) AIRM_RETURN_IF_ERROR(NextRun());
    if (!packed_) {
      const std::size_t n = std::min(left_, count - done);
      for (std::size_t i = 0; i < n; ++i) out[done + i] = repeated_;
      done += n;
      left_ -= n;
      continue;
    }
    if (group_pos_ == 8) {
      // A writer may cut the last group short: the bytes present are used and
      // any value beyond them reads as 0, which callers range-check.
      if (bit_width_ > 0 && pos_ >= data_.size())
        return Status::ParseError("bit-packed run past the data's end");
      const std::size_t available = data_.size() - pos_;
      UnpackGroupOf8(reinterpret_cast<const uint8_t*>(data_.data() + pos_), available, bit_width_,
                     group_);
      pos_ += std::min<std::size_t>(available, static_cast<std::size_t>(bit_width_));
      group_pos_ = 0;
    }
    while (group_pos_ < 8 && left_ > 0 && done < count) {
      out[done++] = static_cast<uint32_t>(group_[group_pos_++]);
      --left_;
    }
  }
  return Status::Ok();
}

}  // namespace airm::io::parquet
