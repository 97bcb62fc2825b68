// PDF copies of airm's HTML documents, printed by headless Chromium.
//
// The executive summary and the quarterly pack go to boards and auditors who
// file PDFs. Chromium lays out exactly the page people see in a browser (the
// shared style sheet has print rules: A4, no navigation bar or filter, no
// table row split across pages), so the PDF needs no second renderer to
// keep in step; no C++ library in Debian lays out HTML and CSS.
//
// How: the page is written to a private temporary directory (0700), Chromium
// runs there with its own throw-away profile, no GPU, no extensions, and a
// host resolver that resolves nothing (the page is self-contained; nothing
// may be fetched), then the PDF is read back and the directory removed.
// Chromium runs with --no-sandbox: it refuses to start as root otherwise, and
// its sandbox needs user namespaces that containers and CI runners often
// lack; what it opens is airm's own page (user data escaped, airm's static
// script, no URL), never a document from elsewhere.
#pragma once

#include <string>
#include <string_view>

#include "airm/status.h"

namespace airm::report {

struct PdfPrintOptions {
  // The browser: "" = $AIRM_CHROMIUM when set, else the first of chromium,
  // chromium-browser, google-chrome-stable, google-chrome on PATH.
  std::string chromium = "";
  double timeout_seconds = 120;  // the whole print, start to exit
};

// The PDF bytes of `html`. Errors: kUnavailable when no browser is found, it
// fails, or it passes the timeout (the message says which, with the last
// line Chromium wrote on stderr); kIoError when the temporary directory
// cannot be made or read.
Result<std::string> PrintHtmlToPdf(std::string_view html, const PdfPrintOptions& options = {});

// The browser PrintHtmlToPdf would run, or kUnavailable saying how to get one.
// Commands call it before their long work so a missing browser costs nothing.
Result<std::string> FindChromium(const PdfPrintOptions& options = {});

}  // namespace airm::report
