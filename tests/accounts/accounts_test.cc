// Roles and secrets of accounts: Argon2id round trips, the password policy,
// random secrets and their stored form.
#include <gtest/gtest.h>

#include <set>

#include "airm/accounts/roles.h"
#include "airm/accounts/secrets.h"

namespace airm::accounts {
namespace {

constexpr PasswordCost kCheap = {.ops_limit = 1, .mem_limit = 8 << 20};

TEST(Passwords, Argon2idHashVerifiesOnlyTheSamePassword) {
  auto hash = HashPassword("correct horse battery", kCheap);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
  // Salted: the same password hashes differently.
  EXPECT_NE(*hash, *HashPassword("correct horse battery", kCheap));
  // Not an Argon2id string (e.g. a hand-edited row).
  EXPECT_FALSE(VerifyPassword("x", "plain-text"));
  EXPECT_FALSE(VerifyPassword("x", ""));
}

TEST(Passwords, PolicyNamesTheFlag) {
  Status short_one = CheckPasswordPolicy("short", "--password-file");
  EXPECT_EQ(short_one.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(short_one.message().find("--password-file: at least 12"), std::string::npos);
  EXPECT_TRUE(CheckPasswordPolicy("twelve chars", "--password-file").ok());
  EXPECT_FALSE(CheckPasswordPolicy(std::string(1025, 'x'), "p").ok());
}

TEST(Secrets, RandomValuesAreFreshAndWellFormed) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    EXPECT_TRUE(seen.insert(RandomHex()).second);
    EXPECT_TRUE(seen.insert(NewApiToken()).second);
  }
  EXPECT_EQ(RandomHex().size(), 64u);
  const std::string token = NewApiToken();
  EXPECT_EQ(token.rfind("airm_", 0), 0u);
  EXPECT_EQ(token.size(), 5u + 64u);
  const std::string password = GeneratePassword();
  EXPECT_EQ(password.size(), 20u);
  EXPECT_EQ(password.find_first_of("0O1lI"), std::string::npos);
  EXPECT_EQ(HashSecret("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
}

TEST(Roles, ParseNameAndOrder) {
  for (const char* name : kRoleNames) EXPECT_STREQ(RoleName(*ParseRole(name)), name);
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_FALSE(ParseRole("Admin").has_value());
  EXPECT_TRUE(AtLeast(Role::kAdmin, Role::kReviewer));
  EXPECT_TRUE(AtLeast(Role::kContributor, Role::kContributor));
  EXPECT_FALSE(AtLeast(Role::kViewer, Role::kContributor));
}

}  // namespace
}  // namespace airm::accounts
