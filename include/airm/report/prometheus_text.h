// Metric families (airm/monitor/prometheus.h) in the Prometheus text
// exposition format (version 0.0.4), as read by node_exporter's textfile
// collector, `promtool check metrics` and the server's /metrics.
#pragma once

#include <string>
#include <vector>

#include "airm/monitor/prometheus.h"

namespace airm::report {

// "# HELP", "# TYPE" and one line per sample; label values escaped (\\, \",
// \n), NaN / ±Inf written as Prometheus spells them. Families without samples
// are left out.
std::string RenderPrometheusText(const std::vector<monitor::MetricFamily>& families);

}  // namespace airm::report
