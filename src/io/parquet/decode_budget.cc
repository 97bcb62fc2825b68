#include "decode_budget.h"

#include <algorithm>
#include <limits>

namespace airm::io::parquet {

DecodeBudget::DecodeBudget(double ratio, std::size_t file_bytes) {
  constexpr std::size_t kFloor = std::size_t{64} << 20;
  if (ratio == 0) {
    limit_ = std::numeric_limits<std::size_t>::max();
    return;
  }
  const double scaled = ratio * static_cast<double>(file_bytes);
  limit_ = scaled >= static_cast<double>(std::numeric_limits<std::size_t>::max() / 2)
               ? std::numeric_limits<std::size_t>::max() / 2
               : std::max(kFloor, static_cast<std::size_t>(scaled));
}

Status DecodeBudget::Charge(std::size_t bytes) {
  const std::size_t before = used_.fetch_add(bytes, std::memory_order_relaxed);
  if (bytes <= limit_ && before <= limit_ - bytes) return Status::Ok();
  return Status::ParseError(
      "the file decodes to more than " + std::to_string(limit_) +
      " bytes (max(64 MiB, max_decompression_ratio x file size)): a decompression bomb, or "
      "raise --max-decompression-ratio (ReadOptions.max_decompression_ratio; 0 = no limit)");
}

std::size_t DecodeBudget::left() const {
  const std::size_t used = used_.load(std::memory_order_relaxed);
  return used >= limit_ ? 0 : limit_ - used;
}

}  // namespace airm::io::parquet
