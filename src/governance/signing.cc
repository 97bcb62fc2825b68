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

// Publishes `text` at `path` whole or not at all: written and synced to a
// unique temporary file beside it, then hard-linked into place. link() fails
// with EEXIST when another process published first, so two processes making
// the key at once never see a half-written file; *lost says this one lost.
Status PublishNewFile(const fs::path& path, const std::string& text, mode_t mode, bool* lost) {
  *lost = false;
  std::string temp = path.string() + ".XXXXXX";
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) {
    return Status::IoError(path.string() + ": cannot create: " + std::strerror(errno));
  }
  const ssize_t n = ::write(fd, text.data(), text.size());
  const bool ok =
      n == static_cast<ssize_t>(text.size()) && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
  ::close(fd);
  int link_errno = 0;
  if (ok && ::link(temp.c_str(), path.c_str()) != 0) link_errno = errno;
  ::unlink(temp.c_str());
  if (!ok) return Status::IoError(path.string() + ": cannot write the key");
  if (link_errno == EEXIST) {
    *lost = true;
    return Status::Ok();
  }
  if (link_errno != 0) {
    return Status::IoError(path.string() + ": cannot create: " + std::strerror(link_errno));
  }
  return Status::Ok();
}

}  // namespace

Result<SigningKey> SigningKey::LoadOrCreate(const std::string& dir) {
  if (!SodiumReady()) return Status::Internal("libsodium failed to initialise");
  const fs::path secret_path = fs::path(dir) / kSecretKeyFile;
  const fs::path public_path = fs::path(dir) / kPublicKeyFile;
  std::error_code ec;
  SigningKey key;
  // The secret is published before the public key, so a public key without
  // its secret is a removed secret, unless another process published both
  // between the two looks: the secret is looked at again before saying so.
  if (!fs::exists(secret_path, ec) && fs::exists(public_path, ec) && !fs::exists(secret_path, ec)) {
    return Status::Corrupt(public_path.string() + " exists but its secret key " +
                           secret_path.string() +
                           " is missing; restore it (a new key would break verification)");
  }
  if (!fs::exists(secret_path, ec)) {
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    std::string sk_hex = ToHex(sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    // The secret key first: a process that loses the race reads the
    // winner's, whole; the public key follows from whichever secret won.
    bool lost = false;
    const Status published = PublishNewFile(secret_path, sk_hex + "\n", 0600, &lost);
    sodium_memzero(sk_hex.data(), sk_hex.size());
    AIRM_RETURN_IF_ERROR(published);
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
  if (!fs::exists(public_path, ec)) {
    bool lost = false;  // another process wrote the same public key first
    AIRM_RETURN_IF_ERROR(PublishNewFile(public_path, key.public_hex_ + "\n", 0644, &lost));
  }
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
