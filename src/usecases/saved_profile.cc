#include "airm/usecases/saved_profile.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstring>

#include "airm/sha256.h"
#include "airm/small_file.h"

namespace airm::usecases {
namespace {

constexpr char kProfileMagic[] = "AIRMPROF";
constexpr size_t kProfileMagicSize = sizeof kProfileMagic - 1;

}  // namespace

bool IsSavedProfile(const std::string& path) {
  struct stat st {};
  if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char head[kProfileMagicSize] = {};
  const size_t got = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return got == kProfileMagicSize && std::memcmp(head, kProfileMagic, kProfileMagicSize) == 0;
}

Result<Profile> ReadSavedProfile(const std::string& path, InputInfo* info) {
  AIRM_ASSIGN_OR_RETURN(std::string bytes,
                        ReadSmallFile(path, "saved profile", kMaxSavedProfileBytes));
  auto profile = DeserializeProfile(bytes);
  if (!profile.ok()) {
    return Status(profile.status().code(), path + ": " + profile.status().message());
  }
  info->path = path;
  info->sha256 = Sha256Hex(bytes);
  info->bytes = bytes.size();
  info->rows = profile->num_rows;
  info->columns = profile->columns.size();
  return profile;
}

}  // namespace airm::usecases
