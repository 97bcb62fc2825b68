// Re-hashing the files a trace names, to say what no longer verifies.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "airm/lineage/lineage_graph.h"

namespace airm::lineage::internal {

// Hashes each distinct path once, however many registrations name it.
class FileVerifier {
 public:
  // Compares the SHA-256 of the file at `abs_path` with `expected_digest`
  // ("sha256:<hex>"). An empty path, or a digest that is not a SHA-256 of a
  // file (imported from OpenLineage), is kNotLocal; a file that cannot be
  // opened is kMissing.
  FileCheck Check(const std::optional<std::string>& abs_path, const std::string& expected_digest,
                  const std::string& subject);

 private:
  // path -> "sha256:<hex>", or nullopt when it could not be read.
  std::map<std::string, std::optional<std::string>> hashed_;
};

}  // namespace airm::lineage::internal
