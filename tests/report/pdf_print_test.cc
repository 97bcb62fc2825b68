// PrintHtmlToPdf with stand-in browsers (shell scripts): how Chromium is
// found, what it is given, how each way it can fail is reported, and that
// nothing is left in the temporary directory. The real Chromium prints in
// tests/cli_governance/cli_pdf_test.cc.
#include "airm/report/pdf_print.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/scratch_dir.h"

namespace airm::report {
namespace {

namespace fs = std::filesystem;

class PdfPrintTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = airm::testing::FreshTestDir("airm_pdf_print"); }

  // An executable script standing in for Chromium.
  std::string Browser(const std::string& body) const {
    const std::string path = (dir_ / "browser").string();
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    ::chmod(path.c_str(), 0755);
    return path;
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(dir_ / name, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
};

// The script's arguments, one per line, then the page it was given; then it
// writes a minimal PDF where --print-to-pdf says.
constexpr const char* kRecordingBrowser = R"sh(
out=""; page=""
for a in "$@"; do
  printf '%s\n' "$a" >> "$RECORD/args"
  case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; file://*) page="${a#file://}";; esac
done
cp "$page" "$RECORD/page"
dirname "$page" > "$RECORD/dir"
printf '%%PDF-1.4\nfake\n%%%%EOF\n' > "$out"
)sh";

TEST_F(PdfPrintTest, GivesChromiumThePageHeadlessOfflineAndCleansUp) {
  ::setenv("RECORD", dir_.c_str(), 1);
  auto pdf = PrintHtmlToPdf("<p>caf\xC3\xA9 & co</p>", {.chromium = Browser(kRecordingBrowser)});
  ::unsetenv("RECORD");
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(*pdf, "%PDF-1.4\nfake\n%%EOF\n");
  EXPECT_EQ(Read("page"), "<p>caf\xC3\xA9 & co</p>");
  const std::string args = Read("args");
  for (const char* expected : {"--headless\n", "--host-resolver-rules=MAP * ~NOTFOUND\n",
                               "--no-pdf-header-footer\n", "--disable-extensions\n"}) {
    EXPECT_NE(args.find(expected), std::string::npos) << expected << " in\n" << args;
  }
  EXPECT_NE(args.find("--user-data-dir="), std::string::npos) << args;
  // The private directory (page, profile, PDF) is gone.
  std::string used = Read("dir");
  used.erase(used.find_last_not_of('\n') + 1);
  ASSERT_NE(used.find("airm-pdf-"), std::string::npos) << used;
  EXPECT_FALSE(fs::exists(used)) << used;
}

TEST_F(PdfPrintTest, AFailingBrowserIsReportedWithWhatItSaid) {
  auto pdf = PrintHtmlToPdf(
      "<p>x</p>",
      {.chromium = Browser("echo '[1:2:ERROR:dbus/bus.cc:405] Failed to connect to the bus' >&2\n"
                           "echo 'Missing X server or $DISPLAY' >&2\n"
                           "echo '[3:4:ERROR:dbus/object_proxy.cc] noise' >&2\nexit 3")});
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(pdf.status().message().find("exited with status 3"), std::string::npos)
      << pdf.status().message();
  EXPECT_NE(pdf.status().message().find("it said: Missing X server"), std::string::npos)
      << pdf.status().message();
}

TEST_F(PdfPrintTest, NoPdfOrNotAPdfIsAnError) {
  auto none = PrintHtmlToPdf("<p>x</p>", {.chromium = Browser("exit 0")});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("wrote no PDF"), std::string::npos)
      << none.status().message();
  auto html = PrintHtmlToPdf(
      "<p>x</p>", {.chromium = Browser("for a; do case \"$a\" in --print-to-pdf=*) "
                                       "echo '<html>' > \"${a#--print-to-pdf=}\";; esac; done")});
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.status().message().find("is not a PDF"), std::string::npos)
      << html.status().message();
}

TEST_F(PdfPrintTest, ABrowserPastTheTimeoutIsKilled) {
  auto pdf = PrintHtmlToPdf("<p>x</p>", {.chromium = Browser("sleep 60"), .timeout_seconds = 0.5});
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(pdf.status().message().find("did not print the page within"), std::string::npos)
      << pdf.status().message();
}

TEST_F(PdfPrintTest, FindsTheBrowserFromTheEnvironmentOrPathOrSaysHowToGetOne) {
  const std::string browser = Browser("exit 0");
  ::setenv("AIRM_CHROMIUM", browser.c_str(), 1);
  auto from_env = FindChromium();
  ASSERT_TRUE(from_env.ok()) << from_env.status().ToString();
  EXPECT_EQ(*from_env, browser);
  ::setenv("AIRM_CHROMIUM", "/nonexistent/chromium", 1);
  auto wrong = FindChromium();
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("AIRM_CHROMIUM names /nonexistent/chromium"),
            std::string::npos)
      << wrong.status().message();
  ::unsetenv("AIRM_CHROMIUM");

  const std::string old_path = ::getenv("PATH") != nullptr ? ::getenv("PATH") : "";
  fs::create_directories(dir_ / "bin");
  fs::copy_file(browser, dir_ / "bin" / "chromium-browser");
  ::setenv("PATH", (dir_ / "bin").c_str(), 1);
  auto on_path = FindChromium();
  fs::remove(dir_ / "bin" / "chromium-browser");
  auto none = FindChromium();
  ::setenv("PATH", old_path.c_str(), 1);
  ASSERT_TRUE(on_path.ok()) << on_path.status().ToString();
  EXPECT_EQ(*on_path, (dir_ / "bin" / "chromium-browser").string());
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(none.status().message().find("apt install chromium"), std::string::npos)
      << none.status().message();
}

}  // namespace
}  // namespace airm::report
