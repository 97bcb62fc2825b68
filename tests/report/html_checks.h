// Checks shared by the tests of every HTML report: a page may carry exactly
// one script, the inline one HtmlPage writes after the content (sortable
// tables, the status filter); user data must never add another.
#pragma once

#include <string>

namespace airm::testing {

// True when the only "<script" in `html` is HtmlPage's own inline script:
// a bare <script> (no src=) placed after </main>, so no user data (which is
// all inside <main>) can be or open a script.
inline bool OnlyThePagesOwnScript(const std::string& html) {
  const size_t first = html.find("<script");
  if (first == std::string::npos) return false;
  if (html.find("<script", first + 1) != std::string::npos) return false;
  if (html.compare(first, 9, "<script>\n") != 0) return false;
  const size_t main_end = html.find("</main>");
  return main_end != std::string::npos && main_end < first &&
         html.find("</main>", main_end + 1) == std::string::npos;
}

}  // namespace airm::testing
