// --pdf FILE: the commands whose HTML is a document for people who are not
// engineers (the executive summary, the quarterly pack) also print it as a
// PDF with headless Chromium (airm/report/pdf_print.h).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "airm/status.h"

namespace airm::cli {

// Adds --pdf FILE; `what` names the document in the help text.
void AddPdfOption(CLI::App* sub, std::string* path, const std::string& what);

// Before the command's work: a browser to print with is there, and "-"
// (standard output) is not a terminal, where PDF bytes would be garbage.
// "" (no --pdf) is fine.
Status CheckPdfOutput(const std::string& path);

// The PDF of `html`; errors name --pdf and the path.
Result<std::string> PrintPdf(const std::string& path, const std::string& html);

}  // namespace airm::cli
