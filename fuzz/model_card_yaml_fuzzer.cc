// libFuzzer target: the model card YAML (`airm model register --card`,
// src/store/model_inputs.cc) and the workspace-style reading path: the input
// is written to an in-memory file (memfd, a regular file to ReadSmallFile)
// and read as a card. Contract checked: no crash and no escaping exception
// from yaml-cpp or nlohmann (invalid UTF-8, non-scalar keys, deep nesting).
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "airm/store/model_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int fd = ::memfd_create("card", MFD_CLOEXEC);
  if (fd < 0) std::abort();
  size_t written = 0;
  while (written < size) {
    const ssize_t n = ::write(fd, data + written, size - written);
    if (n <= 0) std::abort();
    written += static_cast<size_t>(n);
  }
  auto card = airm::store::ReadModelCardYaml("/proc/self/fd/" + std::to_string(fd));
  (void)card;
  ::close(fd);
  return 0;
}
