// InputInfo: what every report says about each file it read, so any report
// can be reproduced and tied to exact content (identity is content).
#pragma once

#include <cstdint>
#include <string>

namespace airm {

struct InputInfo {
  std::string path;
  std::string sha256;  // hex digest of the file's bytes as stored (compressed if compressed)
  uint64_t rows = 0;
  uint64_t columns = 0;
  uint64_t bytes = 0;
};

}  // namespace airm
