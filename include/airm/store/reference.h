// References to versioned things in the store: NAME@VERSION.
//
// VERSION is one of
//   - `latest` (also what a bare NAME means): the newest version;
//   - a version: the number of a dataset version (1, 2, …) or the string a
//     model version was registered with (--version);
//   - a digest prefix: at least 4 hex digits of the SHA-256 (optionally
//     written "sha256:…"), matching exactly one version of NAME.
// A VERSION that is both a valid version and a digest prefix ("1234") means
// the version when one exists with that number or string, else the prefix.
// The name is everything before the LAST '@'. New names may not contain '@'
// (ValidateName), so every registered name can be written as a reference.
#pragma once

#include <string>
#include <string_view>

#include "airm/status.h"

namespace airm::store {

struct Reference {
  std::string name;
  std::string version;  // "latest", a version, or a digest prefix; never empty

  bool is_latest() const { return version == "latest"; }
  std::string ToString() const { return name + "@" + version; }
};

// InvalidArgument for an empty name or an empty version ("name@").
Result<Reference> ParseReference(std::string_view text);

// InvalidArgument unless `name` can be registered and later referenced:
// non-empty valid UTF-8 without '@', control characters or surrounding
// spaces. `what` names it in messages ("dataset name").
Status ValidateName(std::string_view name, std::string_view what);

// True when `text` can be a digest prefix: 4 to 64 hex digits, optionally
// after "sha256:". Writes the lower-case hex part to *hex.
bool IsDigestPrefix(std::string_view text, std::string* hex);

}  // namespace airm::store
