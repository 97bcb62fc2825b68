// libFuzzer target: the Parquet reader (whole file and stream) on arbitrary
// bytes. Inputs that do not start with "PAR1" go to the CSV reader, so the
// seeds (fuzz/corpus/parquet_reader: hand-built files from
// tests/io/parquet_reader_test.cc and small DuckDB files from
// scripts/fixtures/make_parquet_fixtures.mjs) all start with it.
#include "reader_fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  airm::fuzz::ReadBothWays(data, size, ".parquet");
  return 0;
}
