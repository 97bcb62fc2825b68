#include "airm/accounts/secrets.h"

#include <sodium.h>

#include "airm/sha256.h"

namespace airm::accounts {
namespace {

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost) {
  if (!SodiumReady()) return Status::Internal("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops_limit,
                            static_cast<size_t>(cost.mem_limit),
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("Argon2id hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  if (!SodiumReady()) return false;
  if (hash.rfind("$argon2id$", 0) != 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Status CheckPasswordPolicy(std::string_view password, std::string_view flag) {
  // NIST SP 800-63B: length over composition rules; 12 is OWASP's floor
  // for accounts without a second factor.
  if (password.size() < 12) {
    return Status::InvalidArgument(std::string(flag) + ": at least 12 characters");
  }
  if (password.size() > 1024) {
    return Status::InvalidArgument(std::string(flag) + ": at most 1024 characters");
  }
  return Status::Ok();
}

std::string RandomHex(size_t bytes) {
  SodiumReady();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

std::string GeneratePassword() {
  SodiumReady();
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  constexpr uint32_t kSize = sizeof(kAlphabet) - 1;
  std::string out;
  for (int i = 0; i < 20; ++i) out += kAlphabet[randombytes_uniform(kSize)];
  return out;
}

std::string NewApiToken() { return kApiTokenPrefix + RandomHex(32); }

std::string HashSecret(std::string_view secret) { return Sha256Hex(secret); }

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace airm::accounts
