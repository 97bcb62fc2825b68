// libFuzzer target: the CSV reader (whole file and stream) on arbitrary bytes.
#include "reader_fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  airm::fuzz::ReadBothWays(data, size, ".csv");
  return 0;
}
