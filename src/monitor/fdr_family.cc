#include "airm/monitor/fdr_family.h"

#include "airm/stats/multiple_testing.h"

namespace airm::monitor {

FdrDecision DecideFdrFamily(std::span<const WindowTests> family, double level) {
  FdrDecision d{.level = level,
                .windows = family.size(),
                .first_window = family.front().label,
                .last_window = family.back().label};
  std::vector<double> p;
  for (const WindowTests& w : family) {
    for (const ColumnTest& t : w.tests) p.push_back(t.p_value);
  }
  d.tests = p.size();
  const std::vector<double> q = stats::BenjaminiHochberg(p);
  // The evaluated window's tests are the last ones of the family.
  const size_t first = p.size() - family.back().tests.size();
  for (size_t i = 0; i < family.back().tests.size(); ++i) {
    const ColumnTest& t = family.back().tests[i];
    FdrColumn c{.test = t, .q_value = q[first + i]};
    c.discovery = c.q_value <= level;
    c.drifted = c.discovery && (!t.effect_size || *t.effect_size >= t.effect_size_threshold);
    d.discoveries += c.discovery;
    if (c.drifted) (t.output ? d.output_drift : d.input_drift) = true;
    d.columns.push_back(std::move(c));
  }
  return d;
}

}  // namespace airm::monitor
