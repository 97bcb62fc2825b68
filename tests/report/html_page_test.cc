#include "airm/report/html_page.h"

#include <gtest/gtest.h>

#include "html_checks.h"

namespace airm::report {
namespace {

TEST(HtmlPageTest, EscapesMarkupCharacters) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape(""), "");
  EXPECT_EQ(HtmlEscape("plain"), "plain");
}

TEST(HtmlPageTest, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(HtmlEscape("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
            "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  EXPECT_EQ(HtmlEscape("caf\xe9"), "caf\xef\xbf\xbd");                            // Latin-1
  EXPECT_EQ(HtmlEscape("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");                  // overlong '/'
  EXPECT_EQ(HtmlEscape("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
  EXPECT_EQ(HtmlEscape("\xe2\x82"), "\xef\xbf\xbd\xef\xbf\xbd");                  // truncated
  EXPECT_EQ(HtmlEscape(std::string("a\0b", 3)),
            "a\xef\xbf\xbd"
            "b");  // control char
  EXPECT_EQ(HtmlEscape("a\tb\n"), "a\tb\n");
}

TEST(HtmlPageTest, TableEscapesHeadersAndAppliesClasses) {
  HtmlTable t;
  t.headers = {"Name", "<n>"};
  t.column_classes = {"", "num"};
  t.rows = {{"x", "1"}, {"y", "2"}};
  t.row_classes = {"drifted"};
  const std::string html = RenderTable(t);
  // Wide tables scroll inside their wrapper, not the page (issue 16 §5).
  EXPECT_EQ(html.rfind("<div class=\"table-wrap\"><table class=\"sortable\">", 0), 0u);
  EXPECT_NE(html.find("</table></div>"), std::string::npos);
  EXPECT_NE(html.find("<th class=\"num\">&lt;n&gt;</th>"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"drifted\"><td>x</td><td class=\"num\">1</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><td>y</td>"), std::string::npos);
  t.headers.clear();
  EXPECT_EQ(RenderTable(t).find("<thead>"), std::string::npos);
}

TEST(HtmlPageTest, TableRowStatusAndKeyValueTablesStayUnsorted) {
  HtmlTable t;
  t.headers = {"Setting", "Value"};
  t.css_class = "kv";
  t.sortable = false;
  t.rows = {{"a", "1"}, {"b", "2"}};
  t.row_status = {"bad"};
  const std::string html = RenderTable(t);
  EXPECT_NE(html.find("<table class=\"kv\">"), std::string::npos);
  EXPECT_EQ(html.find("sortable"), std::string::npos);
  EXPECT_NE(html.find("<tr data-status=\"bad\"><td>a</td>"), std::string::npos);
  EXPECT_NE(html.find("<tr><td>b</td>"), std::string::npos);
  EXPECT_EQ(StatusAttribute(Tone::kGood), " data-status=\"good\"");
}

TEST(HtmlPageTest, FoldedHtmlIsDetailsWithEscapedSummary) {
  EXPECT_EQ(FoldedHtml("3 passing <checks>", "<p>x</p>"),
            "<details class=\"fold\"><summary>3 passing &lt;checks&gt;</summary>\n<p>x</p>"
            "</details>\n");
}

// Issue 16 §5: a sticky contents bar lists every section in order, and the
// status filter is present only for the script to reveal.
TEST(HtmlPageTest, ContentsListSectionsAndFilterWaitsForScript) {
  HtmlPage page("t");
  page.AddTocEntry("Verdict", "verdict");
  page.BeginSection("One & two", "one");
  page.EndSection();
  page.BeginSection("Untitled anchor", "");
  page.EndSection();
  page.BeginSection("Three", "three");
  page.EndSection();
  const std::string html = page.Finish();
  const size_t nav = html.find("<nav class=\"toc\" aria-label=\"Contents\">");
  ASSERT_NE(nav, std::string::npos);
  EXPECT_LT(nav, html.find("<section"));
  EXPECT_NE(html.find("<a href=\"#verdict\">Verdict</a><a href=\"#one\">One &amp; two</a>"
                      "<a href=\"#three\">Three</a>"),
            std::string::npos);
  EXPECT_EQ(html.find("Untitled anchor</a>"), std::string::npos);
  EXPECT_NE(html.find("<label data-js-only hidden><input type=\"checkbox\" id=\"status-filter\">"),
            std::string::npos);
  EXPECT_NE(html.find("position:sticky"), std::string::npos);
  EXPECT_TRUE(testing::OnlyThePagesOwnScript(html));
}

TEST(HtmlPageTest, PageFrameIsCompleteAndSelfContained) {
  HtmlPage page("A <title>");
  page.BeginSection("Section & more", "sec");
  page.Append("<p>body</p>");
  page.EndSection();
  const std::string html = page.Finish();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(html.find("<title>A &lt;title&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<section id=\"sec\"><h2>Section &amp; more</h2>\n<p>body</p></section>"),
            std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(Badge("<x>", Tone::kBad), "<span class=\"badge bad\">&lt;x&gt;</span>");
  EXPECT_EQ(Badge("ok", Tone::kGood, "big"), "<span class=\"badge big good\">ok</span>");
}

}  // namespace
}  // namespace airm::report
