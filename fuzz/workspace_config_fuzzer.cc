// libFuzzer target: the YAML a workspace is configured with, other than the
// schema file (schema_yaml_fuzzer): airm.yaml's `monitors:` (src/monitor) and
// `alerting:` (src/alerting) sections, and a chaos `--constraints` file
// (src/chaos/stress/constraints_parse.cc). The input is the file's text, given
// to each parser. Contract checked: no parser crashes, reads out of bounds or
// lets a yaml-cpp exception escape; each returns a value or an error Status.
#include <cstddef>
#include <cstdint>
#include <string>

#include "airm/alerting/channels.h"
#include "airm/chaos/constraints.h"
#include "airm/monitor/monitor_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto monitors = airm::monitor::ParseMonitorsConfig(text, "airm.yaml");
  auto alerting = airm::alerting::ParseAlertingConfig(text, "airm.yaml");
  auto constraints = airm::chaos::ParseConstraints(text, "constraints.yaml");
  (void)monitors;
  (void)alerting;
  (void)constraints;
  return 0;
}
