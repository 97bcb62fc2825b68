#include "monitor_learning.h"

#include <nlohmann/json.hpp>

#include "airm/store/monitor_windows.h"
#include "airm/usecases/run_drift.h"

namespace airm::usecases::internal {

using nlohmann::json;
using nlohmann::ordered_json;

std::optional<double> GateNumber(const std::string& path, const std::string& result_json) {
  auto gates = EvaluateGates(path + "==null", result_json, {});
  if (!gates.ok() || gates->empty()) return std::nullopt;
  const json v = json::parse(gates->at(0).observed, nullptr, false);
  if (v.is_number()) return v.get<double>();
  if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
  return std::nullopt;
}

const GateAliases& MonitorRuleAliases(const monitor::MonitorSpec& m, const monitor::Schedule& s) {
  static const GateAliases kNone;
  static const auto* const kFdr = new GateAliases{
      {"drift", {"fdr.input_drift", "fdr.output_drift"}},
      {"quality", {"verdict.quality==fail"}},
      {"any", {"fdr.input_drift", "fdr.output_drift", "verdict.quality==fail"}},
  };
  if (s.analysis != monitor::Analysis::kDrift) return kNone;
  return m.fdr ? *kFdr : DriftGateAliases();
}

namespace {

// The column tests of a drift result: every input and output column with a
// p-value (distances have none and keep their own verdict).
monitor::WindowTests TestsOf(const json& doc, const std::string& label) {
  monitor::WindowTests out{.label = label};
  for (const char* key : {"columns", "outputs"}) {
    if (!doc.contains(key) || !doc[key].is_array()) continue;
    for (const json& c : doc[key]) {
      if (!c.is_object() || !c.contains("p_value") || !c["p_value"].is_number()) continue;
      monitor::ColumnTest t{.column = c.value("name", std::string()),
                            .output = std::string(key) == "outputs",
                            .p_value = c["p_value"].get<double>()};
      if (c.contains("effect_size") && c["effect_size"].is_number()) {
        t.effect_size = c["effect_size"].get<double>();
      }
      if (c.contains("effect_size_threshold") && c["effect_size_threshold"].is_number()) {
        t.effect_size_threshold = c["effect_size_threshold"].get<double>();
      }
      out.tests.push_back(std::move(t));
    }
  }
  return out;
}

json OrNull(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

ordered_json ThresholdJson(const monitor::AlertRule& rule, const RuleThreshold& r) {
  const monitor::LearnedThreshold& t = r.threshold;
  const monitor::LearnSpec& spec = *rule.learn;
  ordered_json out = {{"name", rule.name},     {"metric", rule.learned_path},
                      {"op", rule.learned_op}, {"side", monitor::ThresholdSideName(t.side)},
                      {"from", spec.from},     {"method", monitor::LearnMethodName(t.method)}};
  if (t.method == monitor::LearnMethod::kMeanSigma) {
    out["k"] = spec.k;
  } else {
    out["q"] = spec.q;
  }
  out["until"] = spec.until.empty() ? json(nullptr) : json(spec.until);
  if (spec.from == "reference") {
    out["reference"] = {
        {"sha256", r.reference_sha256},
        {"rows", r.reference_rows},
        {"chunk_rows", r.chunk_rows},
        {"chunk_rows_configured", spec.rows > 0},
        {"chunks", r.chunks},
        {"comparison",
         "each chunk of consecutive reference rows computed as a window against the reference "
         "without that chunk"},
        {"cached", r.cached},
        {"note", r.size_note}};
  }
  out["min_windows"] = spec.min_windows;
  out["status"] = t.status;
  out["windows"] = t.windows;
  out["first_window"] = r.first_window.empty() ? json(nullptr) : json(r.first_window);
  out["last_window"] = r.last_window.empty() ? json(nullptr) : json(r.last_window);
  out["mean"] = OrNull(t.mean);
  out["sd"] = OrNull(t.sd);
  out["lower"] = OrNull(t.lower);
  out["upper"] = OrNull(t.upper);
  // The value the rule compares with (both ends for `!=`).
  out["threshold"] = t.status != "ok"                           ? json(nullptr)
                     : t.side == monitor::ThresholdSide::kLower ? OrNull(t.lower)
                     : t.side == monitor::ThresholdSide::kUpper ? OrNull(t.upper)
                                                                : json(nullptr);
  out["expected_false_alarm_rate"] =
      t.status == "ok" ? OrNull(t.expected_false_alarm_rate) : json();
  out["false_alarm_rate_with_n"] = t.status == "ok" ? OrNull(t.false_alarm_rate_with_n) : json();
  out["assumes"] = t.assumes;
  out["expression"] = r.expression.empty() ? json(nullptr) : json(r.expression);
  out["note"] = t.note;
  return out;
}

ordered_json FdrJson(const monitor::FdrDecision& d, const std::string& schedule) {
  ordered_json columns = ordered_json::array();
  for (const monitor::FdrColumn& c : d.columns) {
    columns.push_back({{"name", c.test.column},
                       {"output", c.test.output},
                       {"p_value", c.test.p_value},
                       {"q_value", c.q_value},
                       {"discovery", c.discovery},
                       {"effect_size", OrNull(c.test.effect_size)},
                       {"effect_size_threshold", c.test.effect_size_threshold},
                       {"drifted", c.drifted}});
  }
  return {{"level", d.level},
          {"method", "Benjamini-Hochberg"},
          {"family", "every column test (p-value) of the " + std::to_string(d.windows) + " " +
                         schedule + " window(s) from " + d.first_window + " to " + d.last_window +
                         ", adjusted together"},
          {"windows", d.windows},
          {"tests", d.tests},
          {"first_window", d.first_window},
          {"last_window", d.last_window},
          {"discoveries", d.discoveries},
          {"input_drift", d.input_drift},
          {"output_drift", d.output_drift},
          {"drifted", d.input_drift || d.output_drift},
          {"rule",
           "A column drifts when its q-value (Benjamini-Hochberg across the family) is at most " +
               json(d.level).dump() +
               " AND its effect size reaches its threshold; the window drifts when a column does."},
          {"columns", std::move(columns)}};
}

}  // namespace

Result<ScheduleHistory> ScheduleHistory::Load(store::Database& db, const monitor::MonitorSpec& m,
                                              const monitor::Schedule& s) {
  ScheduleHistory h;
  h.m_ = &m;
  h.schedule_ = s.Key();
  h.fdr_ = m.fdr.has_value() && s.analysis == monitor::Analysis::kDrift;
  bool from_windows = h.fdr_;
  for (const monitor::AlertRule& rule : m.alerts) {
    if (!rule.learn) continue;
    h.learns_ = true;
    (rule.learn->from == "reference" ? h.from_reference_ : from_windows) = true;
  }
  if (!h.active()) return h;
  // Learning only from the reference needs the windows' sizes, not their results.
  AIRM_ASSIGN_OR_RETURN(std::vector<store::MonitorWindowRecord> stored,
                        from_windows ? store::ListMonitorWindows(db, m.name, s.Key())
                                     : store::ListMonitorWindowHeads(db, m.name, s.Key()));
  for (const store::MonitorWindowRecord& r : stored) {
    if (r.row_count > 0) h.window_rows_.push_back(r.row_count);
    if (!r.result_json) continue;
    AIRM_RETURN_IF_ERROR(h.Add(r.window_start, r.window_end, r.label, *r.result_json));
  }
  return h;
}

Status ScheduleHistory::Add(const std::string& start, const std::string& end,
                            const std::string& label, const std::string& result_json) {
  Entry entry{.label = label, .window_end = end, .values = {}, .tests = std::nullopt};
  for (const monitor::AlertRule& rule : m_->alerts) {
    if (!rule.learn) continue;
    if (std::optional<double> v = GateNumber(rule.learned_path, result_json)) {
      entry.values[rule.name] = *v;
    }
  }
  if (fdr_) {
    const json doc = json::parse(result_json, nullptr, false);
    if (doc.is_discarded()) {
      return Status::Corrupt("monitor '" + m_->name + "' window " + label +
                             ": the stored result is not JSON");
    }
    entry.tests = TestsOf(doc, label);
  }
  entries_[start] = std::move(entry);
  return Status::Ok();
}

Result<WindowLearning> ScheduleHistory::Annotate(const monitor::Window& w,
                                                 std::optional<std::string>* result_json) {
  WindowLearning out;
  if (!active() || !*result_json) return out;
  const std::string start = monitor::SecondsToCanonical(w.start);
  const std::string end = monitor::SecondsToCanonical(w.end);
  const auto before = entries_.lower_bound(start);  // the windows that start before w
  ordered_json doc = ordered_json::parse(**result_json, nullptr, false);
  if (doc.is_discarded()) {
    return Status::Internal("monitor '" + m_->name + "' window " + w.label +
                            ": the result is not JSON");
  }

  ordered_json thresholds = ordered_json::array();
  for (const monitor::AlertRule& rule : m_->alerts) {
    if (!rule.learn) continue;
    const monitor::LearnSpec& spec = *rule.learn;
    if (spec.from == "reference") {
      // The same threshold for every window: learned once per run.
      auto found = reference_thresholds_.find(rule.name);
      if (found == reference_thresholds_.end()) {
        return Status::Internal("monitor '" + m_->name + "' alert '" + rule.name +
                                "': the threshold learned from the reference is missing");
      }
      thresholds.push_back(ThresholdJson(rule, found->second));
      out.rules[rule.name] = found->second;
      continue;
    }
    std::vector<double> values;
    std::vector<const Entry*> from;
    for (auto it = entries_.begin(); it != before; ++it) {
      if (!spec.until.empty() && it->second.window_end > spec.until) continue;
      auto v = it->second.values.find(rule.name);
      if (v == it->second.values.end()) continue;
      values.push_back(v->second);
      from.push_back(&it->second);
    }
    if (spec.windows > 0 && values.size() > static_cast<size_t>(spec.windows)) {
      const size_t drop = values.size() - static_cast<size_t>(spec.windows);
      values.erase(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(drop));
      from.erase(from.begin(), from.begin() + static_cast<std::ptrdiff_t>(drop));
    }
    RuleThreshold r{.threshold = monitor::LearnThreshold(values, spec, rule.learned_side)};
    if (!from.empty()) {
      r.first_window = from.front()->label;
      r.last_window = from.back()->label;
    }
    if (r.threshold.status == "ok") {
      r.expression = monitor::LearnedExpression(rule.learned_path, rule.learned_op, r.threshold);
    }
    thresholds.push_back(ThresholdJson(rule, r));
    out.rules[rule.name] = std::move(r);
  }
  if (!out.rules.empty()) doc["alert_thresholds"] = std::move(thresholds);

  if (fdr_) {
    std::vector<monitor::WindowTests> family;
    for (auto it = entries_.begin(); it != before; ++it) {
      if (it->second.tests) family.push_back(*it->second.tests);
    }
    family.push_back(TestsOf(json::parse(**result_json), w.label));
    const size_t span = static_cast<size_t>(m_->fdr->windows);
    if (span > 0 && family.size() > span) {
      family.erase(family.begin(),
                   family.begin() + static_cast<std::ptrdiff_t>(family.size() - span));
    }
    out.fdr = monitor::DecideFdrFamily(family, m_->fdr->level);
    doc["fdr"] = FdrJson(*out.fdr, schedule_);
  }
  *result_json = doc.dump(2);
  AIRM_RETURN_IF_ERROR(Add(start, end, w.label, **result_json));
  return out;
}

}  // namespace airm::usecases::internal
