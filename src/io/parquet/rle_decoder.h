// The RLE / bit-packed hybrid encoding of Parquet: definition levels,
// dictionary indices and RLE booleans.
//
// The data is a sequence of runs, each a ULEB128 header: an even header h is
// a run of h/2 copies of one value stored in ceil(bit_width / 8) bytes; an odd
// header h is (h/2) groups of 8 bit-packed values. Every read is checked
// against the data's end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "airm/status.h"

namespace airm::io::parquet {

class RleDecoder {
 public:
  // REQUIRES: 0 <= bit_width <= 32.
  RleDecoder(std::string_view data, int bit_width) : data_(data), bit_width_(bit_width) {}

  // Decodes exactly `count` values into `out`; fewer values in the data is
  // a kParseError.
  Status Decode(uint32_t* out, std::size_t count);

 private:
  Status NextRun();

  std::string_view data_;
  std::size_t pos_ = 0;
  int bit_width_;
  // The current run: repeated value, or bit-packed values buffered by group.
  bool packed_ = false;
  std::size_t left_ = 0;  // values left in the run
  uint32_t repeated_ = 0;
  uint64_t group_[8] = {};
  int group_pos_ = 8;
};

}  // namespace airm::io::parquet
