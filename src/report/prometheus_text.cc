#include "airm/report/prometheus_text.h"

#include <cmath>
#include <cstdio>

namespace airm::report {
namespace {

std::string Escaped(const std::string& text, bool help) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && !help) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

std::string RenderPrometheusText(const std::vector<monitor::MetricFamily>& families) {
  std::string out;
  for (const monitor::MetricFamily& f : families) {
    if (f.samples.empty()) continue;
    out += "# HELP " + f.name + " " + Escaped(f.help, true) + "\n";
    out += "# TYPE " + f.name + " " + f.type + "\n";
    for (const monitor::MetricSample& s : f.samples) {
      out += f.name + s.suffix;
      if (!s.labels.empty()) {
        out += "{";
        bool first = true;
        for (const auto& [k, v] : s.labels) {
          out += (first ? "" : ",") + k + "=\"" + Escaped(v, false) + "\"";
          first = false;
        }
        out += "}";
      }
      out += " " + Number(s.value) + "\n";
    }
  }
  return out;
}

}  // namespace airm::report
