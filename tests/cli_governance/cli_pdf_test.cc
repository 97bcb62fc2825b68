// `airm system report --pdf`: the executive summary printed by Debian's
// Chromium, read back as a reader would (its text, its page size, its first
// page rendered to an image that is neither blank nor black); and every way
// the printing can fail exits 2 with a message and writes nothing.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "credit_workspace_test.h"
#include "support/pdf_inspect.h"

namespace airm::cli_store_test {
namespace {

class PdfCliTest : public CreditWorkspaceTest {
 protected:
  void SetUp() override {
    CreditWorkspaceTest::SetUp();
    if (HasFatalFailure()) return;
    AddCreditScoringSystem("Dana Risk", "Scores consumer credit applications");
    if (HasFatalFailure()) return;
    ASSERT_EQ(Run("risk add --system credit-scoring --title 'Disparate approval rates by age' "
                  "--category bias --likelihood 4 --impact 4 --treatment mitigate "
                  "--owner 'Dana Risk' --due 2027-03-31 --actor alice")
                  .exit_code,
              0);
  }

  // `airm ARGS` with ENV (NAME=VALUE ...) set, in the workspace.
  RunResult RunWith(const std::string& env, const std::string& args) const {
    return airm::testing::RunShell("cd " + Quote(Workspace()) + " && env -u AIRM_STORE " + env +
                                       " " + AIRM_BINARY + " " + args,
                                   dir_, "env" + std::to_string(counter_++));
  }

  std::string Script(const std::string& name, const std::string& body) const {
    const std::string path = Write(name, "#!/bin/sh\n" + body + "\n");
    ::chmod(path.c_str(), 0755);
    return path;
  }
};

TEST_F(PdfCliTest, ExecutiveSummaryPrintsAsAnA4PdfThatReadsLikeThePage) {
  RunResult r = Run("system report --today 2026-12-07 --pdf " + Path("summary.pdf") + " --html " +
                    Path("summary.html"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string pdf = Slurp(Path("summary.pdf"));
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u) << pdf.substr(0, 20);

  const std::string info = airm::testing::PdfInfo(Path("summary.pdf"), dir_);
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
  EXPECT_NE(info.find("AI governance summary"), std::string::npos) << info;  // the page title

  // The words of the summary, in reading order: verdict, why, then detail.
  const std::string text = airm::testing::PdfText(Path("summary.pdf"), dir_);
  const size_t verdict = text.find("At risk");
  const size_t why = text.find("Failure-mode testing is missing");
  const size_t risk = text.find("Disparate approval rates by age");
  EXPECT_NE(verdict, std::string::npos) << text;
  EXPECT_NE(why, std::string::npos) << text;
  EXPECT_NE(risk, std::string::npos) << text;
  EXPECT_LT(verdict, why);
  EXPECT_LT(why, risk);
  EXPECT_NE(text.find("Scores consumer credit applications"), std::string::npos);
  // Print rules: the filter checkbox and the sort arrows stay off paper.
  EXPECT_EQ(text.find("only what needs attention"), std::string::npos) << text;
  EXPECT_EQ(text.find("\u2195"), std::string::npos);

  // Rendered: an A4 page (210 x 297 mm) with text on it, not blank or black.
  const airm::testing::RenderedPage page =
      airm::testing::RenderFirstPage(Path("summary.pdf"), dir_);
  ASSERT_GT(page.width, 0);
  EXPECT_NEAR(static_cast<double>(page.height) / page.width, 297.0 / 210.0, 0.02);
  EXPECT_GT(page.ink, 0.01);
  EXPECT_LT(page.ink, 0.5);
}

TEST_F(PdfCliTest, WithoutABrowserItExitsTwoAndWritesNothing) {
  RunResult r = RunWith("AIRM_CHROMIUM=/nonexistent/chromium",
                        "system report --pdf " + Path("s.pdf") + " --json " + Path("s.json"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--pdf " + Path("s.pdf") + ": AIRM_CHROMIUM names /nonexistent/chromium"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(Path("s.pdf")));
  EXPECT_FALSE(fs::exists(Path("s.json")));

  // No browser on PATH: how to get one.
  RunResult none = RunWith("PATH=/nonexistent", "system report --pdf " + Path("s.pdf"));
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_NE(none.err.find("apt install chromium"), std::string::npos) << none.err;
  EXPECT_FALSE(fs::exists(Path("s.pdf")));
}

TEST_F(PdfCliTest, ABrowserThatFailsIsNamedAndNothingIsWritten) {
  const std::string crashing = Script("crashing", "echo 'cannot open display' >&2; exit 5");
  RunResult r = RunWith("AIRM_CHROMIUM=" + crashing,
                        "system report --pdf " + Path("s.pdf") + " --html " + Path("s.html"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("exited with status 5 (it said: cannot open display)"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(Path("s.pdf")));
  EXPECT_FALSE(fs::exists(Path("s.html")));

  // An existing file at the path is left as it was.
  Write("kept.pdf", "old");
  RunResult kept = RunWith("AIRM_CHROMIUM=" + crashing, "system report --pdf " + Path("kept.pdf"));
  EXPECT_EQ(kept.exit_code, 2);
  EXPECT_EQ(Slurp(Path("kept.pdf")), "old");
}

TEST_F(PdfCliTest, BadOutputPathsAreRefusedBeforeThePrint) {
  // A browser that would leave a mark if it ran.
  const std::string marking = Script("marking", "touch " + Path("browser-ran"));
  RunResult dir = RunWith("AIRM_CHROMIUM=" + marking, "system report --pdf " + Path(""));
  EXPECT_EQ(dir.exit_code, 2);
  EXPECT_NE(dir.err.find("--pdf"), std::string::npos) << dir.err;
  RunResult missing =
      RunWith("AIRM_CHROMIUM=" + marking, "system report --pdf " + Path("no/such/dir/s.pdf"));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--pdf"), std::string::npos) << missing.err;
  EXPECT_FALSE(fs::exists(Path("browser-ran")));
}

}  // namespace
}  // namespace airm::cli_store_test
