#include "airm/report/pdf_print.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "airm/child_process.h"
#include "airm/small_file.h"

namespace airm::report {
namespace {

namespace fs = std::filesystem;

// A PDF of hundreds of pages is a few MiB; this only stops a runaway browser.
constexpr size_t kMaxPdfBytes = size_t{256} << 20;

// The private working directory, removed with everything in it on every path.
class TemporaryDirectory {
 public:
  TemporaryDirectory() = default;
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  ~TemporaryDirectory() {
    if (path_.empty()) return;
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }

  Status Create() {
    const char* tmpdir = ::getenv("TMPDIR");
    std::string pattern =
        std::string(tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp") + "/airm-pdf-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {  // mkdtemp makes it 0700
      return Status::IoError("cannot make a temporary directory for the PDF (" + pattern +
                             "): " + std::strerror(errno));
    }
    path_ = pattern;
    return Status::Ok();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool IsExecutableFile(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
         ::access(path.c_str(), X_OK) == 0;
}

std::string OnPath(const std::string& name) {
  const char* path = ::getenv("PATH");
  std::string_view rest = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (!rest.empty()) {
    const size_t colon = rest.find(':');
    const std::string_view dir = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    if (dir.empty()) continue;
    std::string candidate = std::string(dir) + "/" + name;
    if (IsExecutableFile(candidate)) return candidate;
  }
  return "";
}

// The last line of Chromium's stderr that says something: its D-Bus and GPU
// complaints on a headless machine are noise.
std::string LastUsefulLine(const std::string& stderr_tail) {
  std::string last;
  size_t start = 0;
  while (start < stderr_tail.size()) {
    size_t end = stderr_tail.find('\n', start);
    if (end == std::string::npos) end = stderr_tail.size();
    const std::string line = stderr_tail.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (line.find("dbus") != std::string::npos ||
        line.find("unexpected operator") != std::string::npos) {
      continue;
    }
    last = line;
  }
  return last;
}

Status WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Status::IoError("cannot write " + path + " for the PDF printer");
  return Status::Ok();
}

}  // namespace

Result<std::string> FindChromium(const PdfPrintOptions& options) {
  std::string chosen = options.chromium;
  std::string source = "the chromium option";
  if (chosen.empty()) {
    const char* env = ::getenv("AIRM_CHROMIUM");
    if (env != nullptr && *env != '\0') {
      chosen = env;
      source = "AIRM_CHROMIUM";
    }
  }
  if (!chosen.empty()) {
    const std::string found = chosen.find('/') == std::string::npos ? OnPath(chosen) : chosen;
    if (found.empty() || !IsExecutableFile(found)) {
      return Status::Unavailable(source + " names " + chosen +
                                 ", which is not an executable file; PDF output needs Chromium");
    }
    return found;
  }
  for (const char* name :
       {"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"}) {
    std::string found = OnPath(name);
    if (!found.empty()) return found;
  }
  return Status::Unavailable(
      "PDF output needs Chromium, and none is on PATH: install Debian's chromium "
      "(apt install chromium) or set AIRM_CHROMIUM to a Chromium or Chrome binary");
}

Result<std::string> PrintHtmlToPdf(std::string_view html, const PdfPrintOptions& options) {
  AIRM_ASSIGN_OR_RETURN(const std::string chromium, FindChromium(options));
  TemporaryDirectory dir;
  AIRM_RETURN_IF_ERROR(dir.Create());
  const std::string page = dir.path() + "/page.html";
  const std::string pdf = dir.path() + "/page.pdf";
  AIRM_RETURN_IF_ERROR(WriteFile(page, html));

  const std::vector<std::string> argv = {
      chromium,
      "--headless",
      "--no-sandbox",  // see the header
      "--disable-gpu",
      "--disable-extensions",
      "--disable-background-networking",
      "--disable-sync",
      "--no-first-run",
      "--no-default-browser-check",
      "--mute-audio",
      "--host-resolver-rules=MAP * ~NOTFOUND",
      "--user-data-dir=" + dir.path() + "/profile",
      "--no-pdf-header-footer",  // no date, title or file path in the margins
      "--print-to-pdf=" + pdf,
      "file://" + page,
  };
  const ChildRun run = RunChild(argv, "", options.timeout_seconds);
  const std::string said = LastUsefulLine(run.stderr_tail);
  const std::string because = said.empty() ? "" : " (it said: " + said + ")";
  if (!run.spawned) return Status::Unavailable("PDF output: " + run.spawn_error);
  if (run.timed_out) {
    return Status::Unavailable("PDF output: " + chromium + " did not print the page within " +
                               std::to_string(static_cast<int>(options.timeout_seconds)) + " s" +
                               because);
  }
  if (!run.exited || run.exit_code != 0) {
    const std::string how = run.exited ? "exited with status " + std::to_string(run.exit_code)
                                       : "was killed by signal " + std::to_string(run.term_signal);
    return Status::Unavailable("PDF output: " + chromium + " " + how + because);
  }
  auto bytes = ReadSmallFile(pdf, "the PDF Chromium printed", kMaxPdfBytes);
  if (!bytes.ok()) {
    return Status::Unavailable("PDF output: " + chromium + " wrote no PDF" + because);
  }
  if (bytes->rfind("%PDF-", 0) != 0) {
    return Status::Unavailable("PDF output: what " + chromium + " wrote is not a PDF" + because);
  }
  return std::move(bytes).value();
}

}  // namespace airm::report
