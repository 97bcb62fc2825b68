#include "file_verifier.h"

#include "airm/sha256.h"

namespace airm::lineage::internal {

FileCheck FileVerifier::Check(const std::optional<std::string>& abs_path,
                              const std::string& expected_digest, const std::string& subject) {
  FileCheck check;
  check.expected_digest = expected_digest;
  check.subject = subject;
  if (!abs_path || abs_path->empty() || expected_digest.rfind("sha256:", 0) != 0) {
    check.state = FileState::kNotLocal;
    return check;
  }
  check.path = *abs_path;
  auto it = hashed_.find(*abs_path);
  if (it == hashed_.end()) {
    Result<std::string> hex = Sha256File(*abs_path);
    std::optional<std::string> digest;
    if (hex.ok()) digest = "sha256:" + *hex;
    it = hashed_.emplace(*abs_path, std::move(digest)).first;
  }
  if (!it->second) {
    check.state = FileState::kMissing;
    return check;
  }
  check.actual_digest = it->second;
  check.state = *it->second == expected_digest ? FileState::kOk : FileState::kChanged;
  return check;
}

}  // namespace airm::lineage::internal
