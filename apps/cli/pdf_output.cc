#include "pdf_output.h"

#include <unistd.h>

#include "airm/report/pdf_print.h"

namespace airm::cli {
namespace {

Status Named(const std::string& path, const Status& status) {
  return Status(status.code(), "--pdf " + path + ": " + status.raw_message());
}

}  // namespace

void AddPdfOption(CLI::App* sub, std::string* path, const std::string& what) {
  sub->add_option("--pdf", *path,
                  "Write " + what +
                      " as PDF, printed by headless Chromium "
                      "('-' = stdout when it is not a terminal; AIRM_CHROMIUM names the browser)")
      ->type_name("FILE");
}

Status CheckPdfOutput(const std::string& path) {
  if (path.empty()) return Status::Ok();
  if (path == "-" && ::isatty(STDOUT_FILENO) == 1) {
    return Status::InvalidArgument(
        "--pdf -: standard output is a terminal; write the PDF to a file or pipe it");
  }
  auto browser = report::FindChromium();
  if (!browser.ok()) return Named(path, browser.status());
  return Status::Ok();
}

Result<std::string> PrintPdf(const std::string& path, const std::string& html) {
  auto pdf = report::PrintHtmlToPdf(html);
  if (!pdf.ok()) return Named(path, pdf.status());
  return pdf;
}

}  // namespace airm::cli
