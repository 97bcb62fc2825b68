// StickyErrorStream: the TableStream contract "after an error every later
// call returns the same error", kept once for every reader's stream.
#pragma once

#include <optional>

#include "airm/reader.h"

namespace airm::io {

class StickyErrorStream : public TableStream {
 public:
  Result<std::optional<Table>> Next() final {
    if (!error_.ok()) return error_;
    Result<std::optional<Table>> result = ReadChunk();
    if (!result.ok()) error_ = result.status();
    return result;
  }

 protected:
  // The next chunk, or nullopt at the end; called until it fails.
  virtual Result<std::optional<Table>> ReadChunk() = 0;

 private:
  Status error_;
};

}  // namespace airm::io
