#include "airm/store/reference.h"

namespace airm::store {

Result<Reference> ParseReference(std::string_view text) {
  Reference ref;
  const size_t at = text.rfind('@');
  if (at == std::string_view::npos) {
    ref.name = std::string(text);
    ref.version = "latest";
  } else {
    ref.name = std::string(text.substr(0, at));
    ref.version = std::string(text.substr(at + 1));
    if (ref.version.empty()) {
      return Status::InvalidArgument("reference '" + std::string(text) +
                                     "' has an empty version; write NAME, NAME@latest, "
                                     "NAME@VERSION or NAME@DIGEST_PREFIX");
    }
  }
  if (ref.name.empty()) {
    return Status::InvalidArgument("reference '" + std::string(text) +
                                   "' has no name; expected NAME@VERSION");
  }
  return ref;
}

bool IsDigestPrefix(std::string_view text, std::string* hex) {
  if (text.starts_with("sha256:")) text.remove_prefix(7);
  if (text.size() < 4 || text.size() > 64) return false;
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out.push_back(c);
    } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
      out.push_back(static_cast<char>(c | 0x20));
    } else {
      return false;
    }
  }
  if (hex != nullptr) *hex = std::move(out);
  return true;
}

}  // namespace airm::store
