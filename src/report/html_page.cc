#include "airm/report/html_page.h"

#include <cstdint>

namespace airm::report {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid
// (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t len = 0;
  uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return len;
}

// The style sheet of every report. System fonts only: nothing to download.
// The print rules serve browsers' "Print" and the --pdf copies
// (report/pdf_print.h): A4, no navigation bar or filter, headings kept with
// what follows, no table row or verdict card split across pages.
constexpr const char* kStyleSheet = R"css(
:root{--fg:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f5f7fa;--card:#fff;
--good:#1e7b4d;--good-bg:#e3f6ec;--warn:#9a5b00;--warn-bg:#fff4db;--bad:#b42318;--bad-bg:#fde8e7;
--neutral:#52606d;--neutral-bg:#e9edf2;--info:#1f5fa8;--info-bg:#e3eefb}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:24px 24px 48px}
header.page{margin-bottom:16px}
header.page h1{margin:0 0 4px;font-size:26px}
header.page p{margin:0;color:var(--muted)}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
section h2{margin:0 0 12px;font-size:19px}
h3{font-size:16px;margin:20px 0 6px}
p.small,.small{font-size:12px;color:var(--muted)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap;vertical-align:middle}
.badge.good{color:var(--good);background:var(--good-bg)}.badge.warn{color:var(--warn);background:var(--warn-bg)}
.badge.bad{color:var(--bad);background:var(--bad-bg)}.badge.neutral{color:var(--neutral);background:var(--neutral-bg)}
.badge.info{color:var(--info);background:var(--info-bg)}
.badge.big{font-size:15px;padding:3px 12px;border-radius:12px}
table{border-collapse:collapse;width:100%;font-size:13px}
th{text-align:left;font-weight:600;color:var(--muted);border-bottom:2px solid var(--line);padding:6px 8px;white-space:nowrap}
td{border-bottom:1px solid var(--line);padding:6px 8px;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.drifted td:first-child{box-shadow:inset 3px 0 0 var(--bad)}
table.kv th{width:200px;border-bottom:1px solid var(--line)}
.verdicts{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px;background:none;border:none;padding:0}
.verdict{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--neutral);border-radius:8px;padding:14px 16px}
.verdict.good{border-left-color:var(--good)}.verdict.warn{border-left-color:var(--warn)}.verdict.bad{border-left-color:var(--bad)}
.verdict h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:0 0 6px}
.verdict p.headline{font-size:16px;font-weight:600;margin:8px 0 4px}
ul.findings{list-style:none;margin:0;padding:0}
ul.findings li{padding:8px 0;border-bottom:1px solid var(--line)}
ul.findings li:last-child{border-bottom:none}
ul.findings ul.messages{margin:4px 0 0;padding-left:20px;list-style:disc}
ul.findings ul.messages li{padding:1px 0;border:none}
.column-detail{border-top:1px solid var(--line);padding-top:4px;margin-top:12px}
.column-detail p{margin:4px 0}
svg{max-width:100%;height:auto;display:block}
.table-wrap,.chart-wrap{overflow-x:auto;max-width:100%}
nav.toc{position:sticky;top:0;z-index:10;background:var(--bg);border-bottom:1px solid var(--line);margin:-24px -24px 0;padding:8px 24px;display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center;font-size:13px}
nav.toc a{text-decoration:none;white-space:nowrap}
nav.toc label{margin-left:auto;white-space:nowrap;color:var(--muted)}
[id]{scroll-margin-top:56px}
body.only-problems [data-status="good"]{display:none}
table.sortable th.sort{cursor:pointer}
table.sortable th.sort:after{content:" \2195";color:var(--line)}
table.sortable th[aria-sort="ascending"]:after{content:" \2191";color:var(--muted)}
table.sortable th[aria-sort="descending"]:after{content:" \2193";color:var(--muted)}
details.fold{margin-top:10px}details.fold>summary{cursor:pointer;color:var(--info)}
@media (max-width:600px){main{padding:12px 12px 32px}nav.toc{margin:-12px -12px 0;padding:6px 12px;flex-wrap:nowrap;overflow-x:auto}
section{padding:12px}}
svg.inline{display:inline-block;vertical-align:middle}
footer{color:var(--muted);font-size:12px;margin-top:24px}
a{color:var(--info)}
@page{size:A4;margin:14mm 12mm}
@media print{body{background:#fff;font-size:12px}main{max-width:none;padding:0}
nav.toc,[data-js-only]{display:none!important}
section{border:none;border-radius:0;padding:0;margin:14px 0}
h1,h2,h3,header.page{break-after:avoid}tr,li,.verdict,svg,table.kv{break-inside:avoid}
table.sortable th.sort:after{content:none}a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)css";

// Conveniences only: everything they act on is readable without them.
// Sorting: a header click sorts the body rows by that column, numbers as
// numbers ("1,234", "12.5%", "<0.001"), text as text, undefined ("—") last.
// Filter: the checkbox hides elements with data-status="good".
constexpr const char* kScript = R"js(
(function(){
document.querySelectorAll('[data-js-only]').forEach(function(e){e.hidden=false;});
function reveal(){
  var t=location.hash?document.getElementById(decodeURIComponent(location.hash.slice(1))):null;
  for(var p=t;p;p=p.parentElement)if(p.tagName==='DETAILS')p.open=true;
  if(t)t.scrollIntoView();
}
window.addEventListener('hashchange',reveal);reveal();
var filter=document.getElementById('status-filter');
if(filter)filter.addEventListener('change',function(){document.body.classList.toggle('only-problems',filter.checked);});
function key(cell){
  var s=cell?(cell.getAttribute('data-sort')||cell.textContent.trim()):'';
  var t=s.replace(/[,  %+−]/g,function(c){return c==='−'?'-':'';}).replace(/^[<>≤≥]\s*/,'');
  if(s===''||s==='—')return {u:1};
  return /^-?(\d|\.\d)/.test(t)?{n:parseFloat(t)}:{t:s.toLowerCase()};
}
document.querySelectorAll('table.sortable').forEach(function(table){
  if(!table.tHead||!table.tBodies.length)return;
  var ths=table.tHead.rows[0].cells;
  Array.prototype.forEach.call(ths,function(th,col){
    if(!th.textContent.trim())return;
    th.classList.add('sort');th.tabIndex=0;th.setAttribute('aria-sort','none');
    function sort(){
      var up=th.getAttribute('aria-sort')!=='ascending';
      Array.prototype.forEach.call(ths,function(o){if(o.hasAttribute('aria-sort'))o.setAttribute('aria-sort','none');});
      th.setAttribute('aria-sort',up?'ascending':'descending');
      var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=key(a.cells[col]),y=key(b.cells[col]);
        if(x.u||y.u)return (x.u?1:0)-(y.u?1:0);
        var d=(x.n!==undefined&&y.n!==undefined)?x.n-y.n:String(x.n!==undefined?x.n:x.t).localeCompare(String(y.n!==undefined?y.n:y.t));
        return up?d:-d;
      });
      rows.forEach(function(r){body.appendChild(r);});
    }
    th.addEventListener('click',sort);
    th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort();}});
  });
});
})();
)js";

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    switch (c) {
      case '&':
        out += "&amp;";
        ++i;
        continue;
      case '<':
        out += "&lt;";
        ++i;
        continue;
      case '>':
        out += "&gt;";
        ++i;
        continue;
      case '"':
        out += "&quot;";
        ++i;
        continue;
      case '\'':
        out += "&#39;";
        ++i;
        continue;
      default:
        break;
    }
    const size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {
      out += "\uFFFD";
      ++i;
    } else if (len == 1 && static_cast<uint8_t>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
      out += "\uFFFD";  // control characters are not allowed in HTML text
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

const char* ToneClass(Tone tone) {
  switch (tone) {
    case Tone::kGood:
      return "good";
    case Tone::kWarn:
      return "warn";
    case Tone::kBad:
      return "bad";
    case Tone::kNeutral:
      return "neutral";
    case Tone::kInfo:
      return "info";
  }
  return "neutral";
}

std::string Badge(std::string_view text, Tone tone, std::string_view size_class) {
  std::string out = "<span class=\"badge ";
  if (!size_class.empty()) out += HtmlEscape(size_class) + " ";
  out += ToneClass(tone);
  out += "\">";
  out += HtmlEscape(text);
  out += "</span>";
  return out;
}

std::string RenderTable(const HtmlTable& table) {
  const auto column_class = [&](size_t i) -> std::string {
    if (i < table.column_classes.size() && !table.column_classes[i].empty()) {
      return " class=\"" + HtmlEscape(table.column_classes[i]) + "\"";
    }
    return "";
  };
  // Wide tables scroll sideways inside their wrapper, never the whole page.
  std::string out = "<div class=\"table-wrap\"><table";
  std::string classes = table.css_class;
  if (table.sortable && !table.headers.empty())
    classes += classes.empty() ? "sortable" : " sortable";
  if (!classes.empty()) out += " class=\"" + HtmlEscape(classes) + "\"";
  out += ">\n";
  if (!table.headers.empty()) {
    out += "<thead><tr>";
    for (size_t i = 0; i < table.headers.size(); ++i) {
      out += "<th" + column_class(i) + ">" + HtmlEscape(table.headers[i]) + "</th>";
    }
    out += "</tr></thead>\n";
  }
  out += "<tbody>\n";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    out += "<tr";
    if (r < table.row_classes.size() && !table.row_classes[r].empty()) {
      out += " class=\"" + HtmlEscape(table.row_classes[r]) + "\"";
    }
    if (r < table.row_status.size() && !table.row_status[r].empty()) {
      out += " data-status=\"" + HtmlEscape(table.row_status[r]) + "\"";
    }
    out += ">";
    for (size_t i = 0; i < table.rows[r].size(); ++i) {
      out += "<td" + column_class(i) + ">" + table.rows[r][i] + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
  return out;
}

HtmlPage::HtmlPage(std::string_view title) : title_(title) {}

void HtmlPage::AddTocEntry(std::string_view heading, std::string_view id) {
  toc_.emplace_back(std::string(heading), std::string(id));
}

void HtmlPage::BeginSection(std::string_view heading, std::string_view id) {
  if (!id.empty()) AddTocEntry(heading, id);
  body_ += "<section";
  if (!id.empty()) body_ += " id=\"" + HtmlEscape(id) + "\"";
  body_ += "><h2>" + HtmlEscape(heading) + "</h2>\n";
}

std::string HtmlPage::Finish() const {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"airm\">\n<title>";
  out += HtmlEscape(title_);
  out += "</title>\n<style>";
  out += kStyleSheet;
  out += extra_style_;
  out += "</style>\n</head>\n<body>\n<main>\n";
  if (!toc_.empty()) {
    out += "<nav class=\"toc\" aria-label=\"Contents\">";
    for (const auto& [heading, id] : toc_) {
      out += "<a href=\"#" + HtmlEscape(id) + "\">" + HtmlEscape(heading) + "</a>";
    }
    out +=
        "<label data-js-only hidden><input type=\"checkbox\" id=\"status-filter\"> only what "
        "needs attention</label></nav>\n";
  }
  out += body_;
  out += "</main>\n<script>";
  out += kScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

std::string FoldedHtml(std::string_view summary, std::string_view body_html) {
  std::string out = "<details class=\"fold\"><summary>" + HtmlEscape(summary) + "</summary>\n";
  out.append(body_html);
  return out + "</details>\n";
}

std::string StatusAttribute(Tone tone) {
  return std::string(" data-status=\"") + ToneClass(tone) + "\"";
}

std::string ReportFooterHtml(const ReportMeta& meta) {
  std::string out = "<footer>Generated by airm " + HtmlEscape(meta.airm_version) + " at " +
                    HtmlEscape(meta.generated_at) + ".";
  if (!meta.command_line.empty()) {
    out += " Command: <code>" + HtmlEscape(meta.command_line) + "</code>";
  }
  return out + "</footer>\n";
}

}  // namespace airm::report
