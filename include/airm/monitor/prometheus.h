// Metric families and samples as Prometheus models them: what the monitors
// and the server export (rendered as text by airm/report/prometheus_text.h).
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

}  // namespace airm::monitor
