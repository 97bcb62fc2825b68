#include "airm/governance/signing.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "airm/small_file.h"

namespace airm::governance {
namespace {

namespace fs = std::filesystem;

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string ToHex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

// Decodes exactly `n` bytes of hex (surrounding whitespace allowed).
bool FromHex(std::string_view hex, size_t n, std::string* out) {
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.back()))) {
    hex.remove_suffix(1);
  }
  out->assign(n, '\0');
  size_t written = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out->data()), n, hex.data(), hex.size(),
                     nullptr, &written, &end) != 0) {
    return false;
  }
  return written == n && end == hex.data() + hex.size();
}

// Writes `text` to a new file with `mode`; fails if it exists.
Status WriteNewFile(const fs::path& path, const std::string& text, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    return Status::IoError(path.string() + ": cannot create: " + std::strerror(errno));
  }
  const ssize_t n = ::write(fd, text.data(), text.size());
  const bool ok = n == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::IoError(path.string() + ": cannot write the key");
  return Status::Ok();
}

}  // namespace

Result<SigningKey> SigningKey::LoadOrCreate(const std::string& dir) {
  if (!SodiumReady()) return Status::Internal("libsodium failed to initialise");
  const fs::path secret_path = fs::path(dir) / kSecretKeyFile;
  const fs::path public_path = fs::path(dir) / kPublicKeyFile;
  std::error_code ec;
  SigningKey key;
  if (!fs::exists(secret_path, ec)) {
    if (fs::exists(public_path, ec)) {
      return Status::Corrupt(public_path.string() + " exists but its secret key " +
                             secret_path.string() +
                             " is missing; restore it (a new key would break verification)");
    }
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    const std::string sk_hex = ToHex(sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    AIRM_RETURN_IF_ERROR(WriteNewFile(secret_path, sk_hex + "\n", 0600));
    AIRM_RETURN_IF_ERROR(WriteNewFile(public_path, ToHex(pk, sizeof pk) + "\n", 0644));
  }
  struct stat st;
  if (::stat(secret_path.c_str(), &st) != 0) {
    return Status::IoError(secret_path.string() + ": " + std::strerror(errno));
  }
  if ((st.st_mode & 077) != 0) {
    return Status::InvalidArgument(secret_path.string() +
                                   " is readable by group or others; run chmod 600 on it");
  }
  AIRM_ASSIGN_OR_RETURN(std::string sk_text,
                        ReadSmallFile(secret_path.string(), "audit key", 1024));
  if (!FromHex(sk_text, crypto_sign_SECRETKEYBYTES, &key.secret_)) {
    return Status::Corrupt(secret_path.string() + ": expected " +
                           std::to_string(crypto_sign_SECRETKEYBYTES * 2) + " hex digits");
  }
  key.public_hex_ = ToHex(reinterpret_cast<const unsigned char*>(key.secret_.data()) +
                              crypto_sign_SECRETKEYBYTES - crypto_sign_PUBLICKEYBYTES,
                          crypto_sign_PUBLICKEYBYTES);
  return key;
}

std::string SigningKey::Sign(std::string_view message) const {
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), reinterpret_cast<const unsigned char*>(secret_.data()));
  return ToHex(sig, sizeof sig);
}

Result<std::string> LoadPublicKey(const std::string& dir) {
  const fs::path path = fs::path(dir) / kPublicKeyFile;
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound(path.string() + ": no audit public key");
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path.string(), "audit public key", 1024));
  std::string raw;
  if (!FromHex(text, crypto_sign_PUBLICKEYBYTES, &raw)) {
    return Status::Corrupt(path.string() + ": expected " +
                           std::to_string(crypto_sign_PUBLICKEYBYTES * 2) + " hex digits");
  }
  return ToHex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

bool VerifySignature(std::string_view public_key_hex, std::string_view message,
                     std::string_view signature_hex) {
  if (!SodiumReady()) return false;
  std::string pk, sig;
  if (!FromHex(public_key_hex, crypto_sign_PUBLICKEYBYTES, &pk)) return false;
  if (!FromHex(signature_hex, crypto_sign_BYTES, &sig)) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(),
                                     reinterpret_cast<const unsigned char*>(pk.data())) == 0;
}

}  // namespace airm::governance
