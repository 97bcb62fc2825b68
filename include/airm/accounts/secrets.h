// Passwords and random secrets of accounts, through libsodium.
//
// Passwords are kept as Argon2id strings (crypto_pwhash_str: salt and cost in
// the string, so a later cost change still verifies old hashes). Session ids,
// CSRF tokens and API tokens are 256 random bits; only their SHA-256 is
// stored, so a copy of the store hands out no working credential.
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "airm/status.h"

namespace airm::accounts {

// libsodium's OPSLIMIT / MEMLIMIT_INTERACTIVE (2 passes, 64 MiB): the cost
// libsodium recommends for interactive logins.
struct PasswordCost {
  uint64_t ops_limit = 2;
  uint64_t mem_limit = 64ull << 20;
};

// Internal when libsodium cannot start or runs out of memory.
Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost = {});
// False for a wrong password and for a string that is not an Argon2 hash.
bool VerifyPassword(std::string_view password, const std::string& hash);

// InvalidArgument "--password: at least 12 characters" for a short one.
Status CheckPasswordPolicy(std::string_view password, std::string_view flag);

// `bytes` random bytes as lowercase hex (randombytes_buf).
std::string RandomHex(size_t bytes = 32);
// A password for a new account or a reset: 20 characters from an alphabet
// without look-alikes (about 115 bits).
std::string GeneratePassword();
// An API token: "airm_" + 64 hex characters.
std::string NewApiToken();
inline constexpr const char* kApiTokenPrefix = "airm_";

// The stored form of a session id or token: lowercase hex SHA-256.
std::string HashSecret(std::string_view secret);

// Compares in time independent of where the strings differ (sodium_memcmp).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace airm::accounts
