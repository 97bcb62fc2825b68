// RunChild / RunShellCommand: arguments reach the program verbatim (no shell
// in between), stdin is fed, a program that cannot start is named, and a
// child past its deadline is killed and reaped.
#include "airm/child_process.h"

#include <gtest/gtest.h>

#include <string>

namespace airm {
namespace {

TEST(RunChildTest, PassesArgumentsVerbatimWithoutAShell) {
  const ChildRun run = RunChild({"printf", "%s|", "a b", "c'd", "$HOME", "*"}, "", 30);
  ASSERT_TRUE(run.spawned) << run.spawn_error;
  ASSERT_TRUE(run.exited);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.stdout_text, "a b|c'd|$HOME|*|");
}

TEST(RunChildTest, FeedsStdinAndKeepsTheExitCodeAndStderr) {
  const ChildRun run = RunShellCommand("cat; echo oops >&2; exit 7", "line 1\nline 2\n", 30);
  ASSERT_TRUE(run.exited);
  EXPECT_EQ(run.exit_code, 7);
  EXPECT_EQ(run.stdout_text, "line 1\nline 2\n");
  EXPECT_EQ(run.stderr_tail, "oops\n");
}

TEST(RunChildTest, AProgramThatCannotStartIsNamed) {
  const ChildRun run = RunChild({"/nonexistent/airm-no-such-program", "x"}, "", 30);
  EXPECT_FALSE(run.spawned);
  EXPECT_NE(run.spawn_error.find("/nonexistent/airm-no-such-program"), std::string::npos)
      << run.spawn_error;
}

TEST(RunChildTest, PastTheDeadlineTheChildIsKilled) {
  // The grandchild (sleep) holds stdout open: the whole group must be killed.
  const ChildRun run = RunShellCommand("sleep 30 & sleep 30", "", 0.3);
  EXPECT_TRUE(run.timed_out);
  EXPECT_FALSE(run.exited);
}

}  // namespace
}  // namespace airm
