// Looking inside a PDF the way a reader would, with Debian's poppler-utils
// (installed by scripts/bootstrap.sh): its text (pdftotext), its page count
// and size (pdfinfo), and its first page rendered to a grey image (pdftoppm)
// measured for ink, so a blank or black page fails.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/run_command.h"

namespace airm::testing {

inline std::string PdfText(const std::string& pdf, const std::filesystem::path& scratch) {
  CommandResult r = RunShell("pdftotext -layout " + ShellQuote(pdf) + " -", scratch, "_pdftotext");
  EXPECT_EQ(r.exit_code, 0) << "pdftotext (poppler-utils) failed: " << r.err;
  return r.out;
}

inline std::string PdfInfo(const std::string& pdf, const std::filesystem::path& scratch) {
  CommandResult r = RunShell("pdfinfo " + ShellQuote(pdf), scratch, "_pdfinfo");
  EXPECT_EQ(r.exit_code, 0) << "pdfinfo (poppler-utils) failed: " << r.err;
  return r.out;
}

struct RenderedPage {
  int width = 0, height = 0;
  double ink = 0;  // the fraction of pixels darker than light grey
};

// Page 1 at 30 dpi as a binary PGM (P5), read back and measured.
inline RenderedPage RenderFirstPage(const std::string& pdf, const std::filesystem::path& scratch) {
  RenderedPage page;
  const std::string stem = (scratch / "rendered").string();
  CommandResult r = RunShell(
      "pdftoppm -r 30 -gray -f 1 -l 1 -singlefile " + ShellQuote(pdf) + " " + ShellQuote(stem),
      scratch, "_pdftoppm");
  EXPECT_EQ(r.exit_code, 0) << "pdftoppm (poppler-utils) failed: " << r.err;
  std::ifstream in(stem + ".pgm", std::ios::binary);
  std::string magic;
  int maxval = 0;
  in >> magic >> page.width >> page.height >> maxval;
  in.get();  // the one whitespace byte before the pixels
  EXPECT_EQ(magic, "P5");
  EXPECT_EQ(maxval, 255);
  if (magic != "P5" || page.width <= 0 || page.height <= 0 || maxval != 255) return page;
  std::string pixels(static_cast<size_t>(page.width) * page.height, '\0');
  in.read(pixels.data(), static_cast<std::streamsize>(pixels.size()));
  EXPECT_EQ(in.gcount(), static_cast<std::streamsize>(pixels.size()));
  size_t dark = 0;
  for (unsigned char p : pixels) dark += p < 200 ? 1 : 0;
  page.ink = static_cast<double>(dark) / static_cast<double>(pixels.size());
  return page;
}

}  // namespace airm::testing
