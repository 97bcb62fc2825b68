// The workspace's audit signing key made by several processes at once: each
// must read the same whole key, never a half-written file (every store write
// is audited, so two `airm` commands on a new workspace race to make it).
#include "airm/governance/signing.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "scratch_dir.h"

namespace airm::governance {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(SigningKeyTest, ProcessesMakingTheKeyAtOnceAllGetTheOneKeyWritten) {
  for (int round = 0; round < 40; ++round) {
    const fs::path dir = airm::testing::FreshTestDir("airm_signing_" + std::to_string(round));
    constexpr int kProcesses = 8;
    // A barrier: the children block reading the pipe until the parent closes
    // it, so they all start making the key at the same moment.
    int barrier[2];
    ASSERT_EQ(::pipe(barrier), 0);
    std::vector<pid_t> children;
    for (int i = 0; i < kProcesses; ++i) {
      const pid_t pid = ::fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        ::close(barrier[1]);
        char byte;
        (void)!::read(barrier[0], &byte, 1);
        auto key = SigningKey::LoadOrCreate(dir.string());
        if (!key.ok()) ::_exit(1);
        std::ofstream(dir / ("seen." + std::to_string(i))) << key->public_key_hex();
        ::_exit(0);
      }
      children.push_back(pid);
    }
    ::close(barrier[0]);
    ::close(barrier[1]);
    for (pid_t pid : children) {
      int status = 0;
      ASSERT_EQ(::waitpid(pid, &status, 0), pid);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << round;
    }
    auto published = LoadPublicKey(dir.string());
    ASSERT_TRUE(published.ok()) << published.status().ToString();
    for (int i = 0; i < kProcesses; ++i) {
      EXPECT_EQ(Slurp(dir / ("seen." + std::to_string(i))), *published) << "round " << round;
    }
    struct stat st {};
    ASSERT_EQ(::stat((dir / kSecretKeyFile).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    // No temporary file is left beside the keys.
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      (void)entry;
      ++files;
    }
    EXPECT_EQ(files, 2u + kProcesses) << "round " << round;
  }
}

}  // namespace
}  // namespace airm::governance
