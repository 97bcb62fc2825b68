// Prometheus text exposition format (version 0.0.4), as read by
// node_exporter's textfile collector and `promtool check metrics`.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace airm::monitor {

struct MetricSample {
  std::map<std::string, std::string> labels;
  double value = 0;
  // Appended to the family's name: "_bucket", "_sum", "_count" of a histogram.
  std::string suffix = "";
};

struct MetricFamily {
  std::string name;  // [a-zA-Z_:][a-zA-Z0-9_:]*
  std::string help;
  std::string type = "gauge";
  std::vector<MetricSample> samples;
};

// "# HELP", "# TYPE" and one line per sample; label values escaped (\\, \",
// \n), NaN / ±Inf written as Prometheus spells them. Families without samples
// are left out.
std::string RenderPrometheusText(const std::vector<MetricFamily>& families);

}  // namespace airm::monitor
