// RenderChaosJUnit: the de-facto JUnit XML format CI systems read (the
// structure of Ant's JUnit report: testsuites > testsuite > testcase, with
// failure / skipped / system-out children). Counts on every testsuite and on
// the root agree with its children; times are seconds.
#include <fmt/format.h>

#include <map>

#include "airm/report/chaos_report.h"
#include "airm/report/html_page.h"

namespace airm::chaos {
namespace {

// Text for XML 1.0 content and attribute values: the characters XML forbids
// (controls other than tab, newline and carriage return) become '?', then
// markup characters are escaped and invalid UTF-8 replaced.
std::string XmlText(std::string_view text) {
  std::string clean(text);
  for (char& c : clean) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') c = '?';
  }
  return report::HtmlEscape(clean);
}

std::string Seconds(double s) { return fmt::format("{:.6f}", s >= 0 ? s : 0.0); }

std::string MetricLines(const std::vector<MetricChange>& metrics, const char* prefix) {
  std::string out;
  for (const MetricChange& m : metrics) {
    out += fmt::format("{}{}: baseline {} perturbed {} delta {}", prefix, m.metric,
                       m.baseline ? fmt::format("{:.6g}", *m.baseline) : "undefined",
                       m.perturbed ? fmt::format("{:.6g}", *m.perturbed) : "undefined",
                       m.delta ? fmt::format("{:+.6g}", *m.delta) : "undefined");
    if (m.ci_low && m.ci_high)
      out += fmt::format(" (95% CI {:+.6g} to {:+.6g})", *m.ci_low, *m.ci_high);
    if (!m.note.empty()) out += " [" + m.note + "]";
    out += "\n";
  }
  return out;
}

std::string CaseXml(const ChaosCase& c) {
  const std::string classname = std::string("chaos.") + FamilyName(c.family);
  std::string out =
      fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{}\">\n", XmlText(c.name),
                  XmlText(classname), Seconds(c.primary.seconds + c.fallback.seconds));
  if (c.status == CaseStatus::kFailed) {
    out += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                       XmlText(c.reason), Served(c.primary) ? "metric" : "no_answer",
                       XmlText(c.perturbation + "\n" + c.reason));
  }
  std::string log =
      fmt::format("[{}] {}\n{}\n", CaseStatusName(c.status), c.reason, c.perturbation);
  log += fmt::format("rows sent {}, rows affected {}\n", c.rows_sent, c.rows_affected);
  if (!Served(c.primary)) log += "model: " + DescribeFailure(c.primary) + "\n";
  log += MetricLines(c.metrics, "");
  if (c.changed_share) log += fmt::format("decisions changed: {:.4f}\n", *c.changed_share);
  if (c.fallback_used) {
    log += Served(c.fallback) ? "fallback: served\n"
                              : "fallback: " + DescribeFailure(c.fallback) + "\n";
    log += MetricLines(c.fallback_metrics, "fallback ");
  }
  out += "      <system-out>" + XmlText(log) + "</system-out>\n";
  out += "    </testcase>\n";
  return out;
}

struct Suite {
  std::string body;
  size_t tests = 0;
  size_t failures = 0;
  size_t skipped = 0;
  double seconds = 0;
};

}  // namespace

std::string RenderChaosJUnit(const ChaosResult& r, const ReportMeta& meta) {
  std::map<Family, Suite> suites;
  for (const ChaosCase& c : r.cases) {
    Suite& s = suites[c.family];
    s.body += CaseXml(c);
    ++s.tests;
    s.failures += c.status == CaseStatus::kFailed;
    s.seconds += c.primary.seconds + c.fallback.seconds;
  }
  for (const SkippedFamily& f : r.skipped) {
    Suite& s = suites[f.family];
    s.body += fmt::format(
        "    <testcase name=\"{}\" classname=\"chaos.{}\" time=\"0\">\n"
        "      <skipped message=\"{}\"/>\n    </testcase>\n",
        FamilyName(f.family), FamilyName(f.family), XmlText(f.reason));
    ++s.tests;
    ++s.skipped;
  }
  Suite total;
  std::string body;
  for (const auto& [family, s] : suites) {
    body += fmt::format(
        "  <testsuite name=\"chaos.{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
        "skipped=\"{}\" time=\"{}\" timestamp=\"{}\">\n{}  </testsuite>\n",
        FamilyName(family), s.tests, s.failures, s.skipped, Seconds(s.seconds),
        XmlText(meta.generated_at), s.body);
    total.tests += s.tests;
    total.failures += s.failures;
    total.skipped += s.skipped;
    total.seconds += s.seconds;
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" "
      "time=\"{}\">\n{}</testsuites>\n",
      XmlText("airm chaos: " + r.model), total.tests, total.failures, total.skipped,
      Seconds(total.seconds), body);
}

}  // namespace airm::chaos
