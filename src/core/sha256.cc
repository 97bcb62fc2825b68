#include "airm/sha256.h"

#include <openssl/evp.h>

#include <memory>
#include <vector>

#include "airm/input_file.h"

namespace airm {
namespace {

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

void WriteHex(const unsigned char* digest, unsigned int len, char* out) {
  static const char* kHex = "0123456789abcdef";
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 15];
  }
}

std::string ToHex(const unsigned char* digest, unsigned int len) {
  std::string out(len * 2, '0');
  WriteHex(digest, len, out.data());
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  return ToHex(digest, len);
}

struct Sha256Hasher::State {
  struct MdDeleter {
    void operator()(EVP_MD* md) const { EVP_MD_free(md); }
  };
  std::unique_ptr<EVP_MD, MdDeleter> md{EVP_MD_fetch(nullptr, "SHA256", nullptr)};
  MdCtx ctx{EVP_MD_CTX_new()};
};

Sha256Hasher::Sha256Hasher() : state_(std::make_unique<State>()) {}
Sha256Hasher::~Sha256Hasher() = default;

void Sha256Hasher::Hex(std::string_view bytes, char* hex) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // Fetch or allocation failure (out of memory) falls back to the one-shot
  // call, which has the same result.
  if (!state_->md || !state_->ctx ||
      EVP_DigestInit_ex(state_->ctx.get(), state_->md.get(), nullptr) != 1 ||
      EVP_DigestUpdate(state_->ctx.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(state_->ctx.get(), digest, &len) != 1) {
    EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  }
  WriteHex(digest, len, hex);
}

Result<std::string> Sha256File(const std::string& path, uint64_t* bytes) {
  AIRM_ASSIGN_OR_RETURN(InputFile input, InputFile::Open(path));
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    return Status::Internal("OpenSSL SHA-256 initialisation failed");
  }
  std::vector<char> buf(1 << 20);
  uint64_t total = 0;
  while (true) {
    AIRM_ASSIGN_OR_RETURN(std::size_t n, input.Read(buf.data(), buf.size()));
    if (n == 0) break;
    EVP_DigestUpdate(ctx.get(), buf.data(), n);
    total += n;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  if (bytes) *bytes = total;
  return ToHex(digest, len);
}

}  // namespace airm
