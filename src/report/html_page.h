// Building blocks of airm's self-contained HTML reports: escaping, the page
// frame with its inline style sheet, badges and tables.
//
// Every report (drift now; evaluation, chaos and governance later) is one
// file a reviewer can open offline or attach to a ticket, so pages carry
// their CSS inline, draw charts as inline SVG (svg_chart.h), need no
// JavaScript and reference no URL. Functions taking `std::string_view text`
// escape it; functions taking `html` expect markup that is already safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace airm::report {

// Escapes & < > " ' for use in element content and quoted attribute values,
// and replaces invalid UTF-8 sequences by U+FFFD so a stray Latin-1 byte in a
// column name cannot break the page's encoding.
std::string HtmlEscape(std::string_view text);

// Colour family of a badge or a status cell.
enum class Tone { kGood, kWarn, kBad, kNeutral, kInfo };
const char* ToneClass(Tone tone);  // CSS class: "good", "warn", ...

// <span class="badge good">text</span>; `size_class` "big" for the verdicts.
std::string Badge(std::string_view text, Tone tone, std::string_view size_class = "");

// An HTML table. Cells hold markup (escape user data with HtmlEscape first).
struct HtmlTable {
  std::vector<std::string> headers;  // plain text, escaped when rendered; empty: no <thead>
  // Per column, "num" right-aligns numbers; "" for default. May be shorter
  // than `headers`.
  std::vector<std::string> column_classes;
  std::vector<std::vector<std::string>> rows;
  // Optional per-row CSS class (e.g. "drifted"); may be shorter than rows.
  std::vector<std::string> row_classes;
  std::string css_class;  // extra class on <table>
};
std::string RenderTable(const HtmlTable& table);

// Accumulates one page: the frame (doctype, <head> with the inline style
// sheet, <body>) around the sections appended in between.
class HtmlPage {
 public:
  explicit HtmlPage(std::string_view title);

  // Appends markup as is.
  void Append(std::string_view html) { body_.append(html); }
  // Opens a <section> with an <h2> heading; `id` becomes an in-page anchor.
  void BeginSection(std::string_view heading, std::string_view id);
  void EndSection() { body_.append("</section>\n"); }
  // Adds rules to the page's style sheet (in <head>, after the shared one),
  // for report-specific layouts. `css` is trusted: never pass user data.
  void AddStyle(std::string_view css) { extra_style_.append(css); }

  // The complete document.
  std::string Finish() const;

 private:
  std::string title_;
  std::string body_;
  std::string extra_style_;
};

}  // namespace airm::report
