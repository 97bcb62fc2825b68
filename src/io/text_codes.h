// TextCodes: the dictionary of one text column while a range of rows is
// converted, text -> code in order of first appearance.
//
// Every cell of a categorical column is looked up here, so it is a flat open
// addressing table over views of the input (valid while the range's bytes
// are) with a hash that reads a short text (most categories) as two
// overlapping words instead of byte by byte; std::unordered_map's node per
// entry and byte-wise hash were a tenth of reading a file of categories.
// Not thread-safe: one per column per range.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace airm::io {

class TextCodes {
 public:
  TextCodes();
  // The code of `text`: its existing one, or the next one (size() before the
  // call) with *inserted set. `text` must stay valid while this lives.
  int32_t Find(std::string_view text, bool* inserted);
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::string_view text;
    uint64_t hash = 0;
    int32_t code = -1;  // -1: empty
  };
  void Grow();

  std::vector<Slot> slots_;  // a power of two, at most half full
  std::size_t size_ = 0;
};

// The hash TextCodes uses (exposed for its tests).
uint64_t HashText(std::string_view text);

}  // namespace airm::io
