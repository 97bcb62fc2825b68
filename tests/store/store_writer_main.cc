// A store writer for the concurrency tests: registers versions of one
// dataset ("shared"), one write transaction each, and prints each version's
// digest on stdout only after its transaction committed (an acknowledged
// write). Every writer contends on the same rows: the dataset's next version
// number is MAX + 1, the case serialization must get right.
//
//   store_writer LOCATION PREFIX COUNT   (COUNT 0: until killed or failing)
#include <cstdio>
#include <cstdlib>
#include <string>

#include "airm/sha256.h"
#include "airm/store/datasets.h"
#include "store_backends.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: store_writer LOCATION PREFIX COUNT\n");
    return 2;
  }
  const std::string location = argv[1];
  const std::string prefix = argv[2];
  const long count = std::atol(argv[3]);
  auto db = airm::testing::OpenStoreLocation(location);
  if (!db.ok()) {
    std::fprintf(stderr, "store_writer: %s\n", db.status().ToString().c_str());
    return 1;
  }
  for (long i = 0; count == 0 || i < count; ++i) {
    airm::store::NewDatasetVersion v;
    v.name = "shared";
    v.content.digest = "sha256:" + airm::Sha256Hex(prefix + std::to_string(i));
    v.content.row_count = i;
    v.registered_by = prefix;
    airm::Status s = (*db)->WriteTransaction([&](airm::store::Database& tx) {
      return airm::store::RegisterDatasetVersion(tx, v).status();
    });
    if (!s.ok()) {
      std::fprintf(stderr, "store_writer: %s\n", s.ToString().c_str());
      return 1;
    }
    std::printf("%s\n", v.content.digest.c_str());
    std::fflush(stdout);
  }
  return 0;
}
