#include "text_codes.h"

#include <cstring>
#include <utility>

#include "airm/splitmix64.h"

namespace airm::io {
namespace {

constexpr std::size_t kInitialSlots = 64;

uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

uint32_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

uint64_t HashText(std::string_view text) {
  const char* p = text.data();
  const std::size_t n = text.size();
  uint64_t h = Mix64(n * kSplitMix64Gamma);
  if (n >= 8) {
    // Every 8-byte word, the last one overlapping the one before when n is
    // not a multiple of 8 (8 to 16 bytes: two loads).
    for (std::size_t i = 0; i + 8 < n; i += 8) h = Mix64(h ^ Load64(p + i));
    return Mix64(h ^ Load64(p + n - 8));
  }
  uint64_t word = 0;
  if (n >= 4) {
    word = (uint64_t{Load32(p)} << 32) | Load32(p + n - 4);
  } else if (n > 0) {
    word = (uint64_t{static_cast<uint8_t>(p[0])} << 16) |
           (uint64_t{static_cast<uint8_t>(p[n / 2])} << 8) | static_cast<uint8_t>(p[n - 1]);
  }
  return Mix64(h ^ word);
}

TextCodes::TextCodes() : slots_(kInitialSlots) {}

int32_t TextCodes::Find(std::string_view text, bool* inserted) {
  const uint64_t hash = HashText(text);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.code < 0) {
      slot = {text, hash, static_cast<int32_t>(size_)};
      *inserted = true;
      if (++size_ * 2 > slots_.size()) Grow();
      return static_cast<int32_t>(size_ - 1);
    }
    if (slot.hash == hash && slot.text == text) {
      *inserted = false;
      return slot.code;
    }
  }
}

void TextCodes::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.code < 0) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].code >= 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

}  // namespace airm::io
