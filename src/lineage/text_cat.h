// Concatenation by appending. Also sidesteps GCC 12's -Wrestrict false
// positive on `"x" + std::string(...)` (operator+(const char*, string&&)).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace airm::lineage::internal {

inline std::string Cat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (std::string_view p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  for (std::string_view p : parts) out.append(p);
  return out;
}

}  // namespace airm::lineage::internal
