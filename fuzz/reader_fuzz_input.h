// What the reader fuzz targets share: the fuzzer's bytes as a file the
// readers can open by name (they choose the format by its suffix), read
// whole and as a stream with small chunks, so both paths meet every input.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "airm/reader.h"

namespace airm::fuzz {

// Any outcome but a crash, a hang or a leak is fine: errors are expected.
inline void ReadBothWays(const uint8_t* data, std::size_t size, const char* suffix) {
  static const std::string path =
      "/tmp/airm_fuzz_" + std::to_string(::getpid()) + std::string(suffix);
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return;
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  ReadOptions options;
  options.num_threads = 1;
  options.max_columns = 256;
  options.max_field_bytes = 1 << 16;
  // Every value read back, so that a bad decode (a decimal's scale, a
  // dictionary code) shows under the sanitizers, not only a bad parse.
  if (auto table = ReadTable(path, options); table.ok()) {
    for (const Column& column : table->columns()) {
      for (size_t row = 0; row < column.size(); ++row) {
        if (!column.IsValid(row)) continue;
        if (column.is_numeric()) (void)column.NumericAt(row);
        (void)column.TextAt(row);
      }
    }
  }
  options.chunk_rows = 3;
  auto stream = TableStream::Open(path, options);
  if (!stream.ok()) return;
  for (int chunk = 0; chunk < 10000; ++chunk) {
    auto next = (*stream)->Next();
    if (!next.ok() || !next->has_value()) break;
  }
}

}  // namespace airm::fuzz
