// libFuzzer target: the binary profile format (docs/formats/profile.md) as
// `airm drift` and `airm profile merge` read it. Each input is read twice:
// as given (preamble, length and checksum checks) and with its length and
// CRC32 made right, so that mutations reach the section and sketch readers
// behind the checksum. A profile that reads must also serialize, read back,
// render as JSON and merge with itself.
// Contract checked: no crash, no sanitizer report, no escaping exception.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "airm/profile.h"

namespace {

constexpr size_t kPreambleSize = 20;  // "AIRMPROF", u16 version, u16 flags, u64 body length

void PutLittleEndian(uint64_t value, size_t bytes, char* out) {
  for (size_t i = 0; i < bytes; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

// The input with the preamble's body length and the trailing CRC32 set to
// what the bytes need (magic, version and flags as the input has them).
std::string WithValidFraming(std::string_view input) {
  std::string out(input.substr(0, std::min(input.size(), kPreambleSize)));
  out.resize(kPreambleSize, '\0');
  const std::string_view body = input.size() > kPreambleSize + 4
                                    ? input.substr(kPreambleSize, input.size() - kPreambleSize - 4)
                                    : std::string_view();
  PutLittleEndian(body.size(), 8, &out[12]);
  out.append(body);
  const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(out.data()),
                          static_cast<uInt>(out.size()));
  out.resize(out.size() + 4);
  PutLittleEndian(crc, 4, &out[out.size() - 4]);
  return out;
}

void Exercise(std::string_view bytes) {
  auto profile = airm::DeserializeProfile(bytes);
  if (!profile.ok()) return;
  const std::string again = airm::SerializeProfile(*profile);
  // What the reader accepted, the writer writes in a form the reader accepts.
  if (!airm::DeserializeProfile(again).ok()) std::abort();
  (void)airm::ProfileJsonText(*profile);
  (void)airm::MergeProfiles(*profile, *profile);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Exercise(input);
  Exercise(WithValidFraming(input));
  return 0;
}
