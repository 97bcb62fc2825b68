// The workspace's audit signing key: Ed25519 through libsodium.
//
// One key pair per workspace, made on first use and kept beside the store:
//   <store dir>/audit-ed25519.key   secret key, hex, mode 0600 (written whole to
//                                   a temporary file, then linked into place, so
//                                   two processes making it at once agree on one
//                                   and never read half a key)
//   <store dir>/audit-ed25519.pub   public key, hex, mode 0644
// For the default layout that is DIR/.airm/. Whoever holds the secret key can
// re-sign a rewritten log, so auditors should keep a copy of the public key
// (and of a recent checkpoint) away from the workspace.
#pragma once

#include <string>
#include <string_view>

#include "airm/status.h"

namespace airm::governance {

class SigningKey {
 public:
  // Loads the key pair in `dir`, creating it when neither file exists.
  // IoError naming the file when it cannot be read or written; Corrupt when a
  // file does not hold a key of the right length; InvalidArgument when the
  // secret key file is readable by group or others.
  static Result<SigningKey> LoadOrCreate(const std::string& dir);

  const std::string& public_key_hex() const { return public_hex_; }
  // Hex Ed25519 signature of `message`.
  std::string Sign(std::string_view message) const;

 private:
  std::string secret_;  // 64 raw bytes (libsodium's seed || public key)
  std::string public_hex_;
};

// The public key in `dir` (hex), NotFound when there is none.
Result<std::string> LoadPublicKey(const std::string& dir);

// True when `signature_hex` is a valid Ed25519 signature of `message` by
// `public_key_hex`; false for any malformed input.
bool VerifySignature(std::string_view public_key_hex, std::string_view message,
                     std::string_view signature_hex);

inline constexpr const char* kSecretKeyFile = "audit-ed25519.key";
inline constexpr const char* kPublicKeyFile = "audit-ed25519.pub";

}  // namespace airm::governance
