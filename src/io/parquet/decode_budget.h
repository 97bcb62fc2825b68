// DecodeBudget: the bytes of decoded data one read may produce, shared by
// the threads decoding its column chunks.
//
// Parquet compresses twice (an encoding such as RLE, then a codec), so a few
// bytes can claim billions of values: every page's values and every new
// distinct string are charged here before they are stored, and the read
// fails once the total passes the limit, max(64 MiB,
// ReadOptions::max_decompression_ratio x the file's size); a row costs 8
// bytes per column (a cell) however it was encoded.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>

#include "airm/status.h"

namespace airm::io::parquet {

class DecodeBudget {
 public:
  // ratio 0 = no limit.
  DecodeBudget(double ratio, std::size_t file_bytes);
  Status Charge(std::size_t bytes);
  std::size_t left() const;
  std::size_t limit() const { return limit_; }

 private:
  std::size_t limit_;
  std::atomic<std::size_t> used_{0};
};

}  // namespace airm::io::parquet
