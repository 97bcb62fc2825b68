// UTF-8 validation, one implementation (in the io module's field parsing)
// shared by the readers and the store's reference parsing.
#pragma once

#include <cstddef>
#include <string_view>

namespace airm::io {

// Offset of the first byte that is not part of valid UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF are invalid), or text.size().
std::size_t FindInvalidUtf8(std::string_view text);

}  // namespace airm::io
