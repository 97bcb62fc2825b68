#include "airm/store/reference.h"

#include "airm/utf8.h"

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

Status ValidateName(std::string_view name, std::string_view what) {
  std::string subject(what);
  if (name.empty()) return Status::InvalidArgument(subject.append(" must not be empty"));
  if (io::FindInvalidUtf8(name) != name.size()) {
    return Status::InvalidArgument(subject.append(" is not valid UTF-8 text"));
  }
  subject.append(" '").append(name).append("'");
  if (name.find('@') != std::string_view::npos) {
    return Status::InvalidArgument(subject.append(
        " contains '@', which separates a name from its version in references (NAME@VERSION)"));
  }
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return Status::InvalidArgument(subject.append(" contains a control character"));
    }
  }
  if (name.front() == ' ' || name.back() == ' ') {
    return Status::InvalidArgument(subject.append(" starts or ends with a space"));
  }
  return Status::Ok();
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
