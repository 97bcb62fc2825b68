// libFuzzer target: the YAML schema file (--schema, src/core/schema.cc). The
// input is the file's text. Contract checked: ParseSchemaText never crashes
// and never lets a yaml-cpp exception escape (it would end the process).
#include <cstddef>
#include <cstdint>
#include <string>

#include "airm/schema.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto roles = airm::ParseSchemaText(text, "fuzz.yaml");
  (void)roles;
  return 0;
}
