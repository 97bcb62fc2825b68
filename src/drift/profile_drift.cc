#include "airm/profile_drift.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "airm/drift.h"
#include "findings.h"
#include "method_choice.h"
#include "sketch_comparison.h"
#include "verdict.h"

namespace airm {
namespace {

Result<std::vector<const ColumnProfile*>> SelectColumns(const Profile& reference,
                                                        const DriftConfig& config) {
  for (const std::string& name : config.exclude) {
    if (!reference.FindColumn(name)) {
      return Status::InvalidArgument(OptionRef("exclude") + " names column '" + name +
                                     "', which the reference profile does not have");
    }
  }
  const std::set<std::string> excluded(config.exclude.begin(), config.exclude.end());
  std::vector<const ColumnProfile*> out;
  if (!config.columns.empty()) {
    for (const std::string& name : config.columns) {
      const ColumnProfile* c = reference.FindColumn(name);
      if (!c) {
        return Status::InvalidArgument(OptionRef("columns") + " names column '" + name +
                                       "', which the reference profile does not have");
      }
      if (!excluded.count(name)) out.push_back(c);
    }
    return out;
  }
  for (const ColumnProfile& c : reference.columns) {
    if (c.role == ColumnRole::kId || c.role == ColumnRole::kTimestamp) continue;
    if (!excluded.count(c.name)) out.push_back(&c);
  }
  return out;
}

ColumnDrift Compare(const ColumnProfile& ref, const Profile& current, const DriftConfig& config) {
  const ColumnProfile* cur = current.FindColumn(ref.name);
  if (cur != nullptr && cur->kind == ref.kind) {
    return drift::CompareColumnSketches(ref, *cur, config);
  }
  ColumnDrift c;
  c.name = ref.name;
  c.type = DataTypeName(ref.type);
  c.current_type = cur ? DataTypeName(cur->type) : "";
  c.role = ref.role;
  c.method = "none";
  if (cur == nullptr) {
    c.status = ColumnDriftStatus::kMissingInCurrent;
    c.reason = "the current batch has no column '" + ref.name + "'";
  } else {
    c.status = ColumnDriftStatus::kRetyped;
    c.reason = std::string("the column was ") + DataTypeName(ref.type) +
               " in the reference and is " + DataTypeName(cur->type) +
               " in the current batch; its values cannot be compared";
  }
  return c;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string Interval(const ValueBounds& b) {
  return "[" + (b.lower ? Num(*b.lower) : std::string("?")) + ", " +
         (b.upper ? Num(*b.upper) : std::string("?")) + "]";
}

// The columns with every bounded number moved to the end of its bounds that
// favours drift (or the other end); unknown ends are the extremes.
std::vector<ColumnDrift> AtBoundEnd(const std::vector<ColumnDrift>& columns, bool favour_drift) {
  std::vector<ColumnDrift> out = columns;
  for (ColumnDrift& c : out) {
    if (!c.bounds) continue;
    const SketchBounds& b = *c.bounds;
    if (c.p_value)
      c.p_value = favour_drift ? b.p_value.lower.value_or(0) : b.p_value.upper.value_or(1);
    if (c.effect_size) {
      c.effect_size =
          favour_drift ? b.effect_size.upper.value_or(INFINITY) : b.effect_size.lower.value_or(0);
    }
    if (c.statistic) {
      c.statistic =
          favour_drift ? b.statistic.upper.value_or(INFINITY) : b.statistic.lower.value_or(0);
    }
  }
  return out;
}

// DecideColumns at the point estimates (for the reasons and adjusted
// p-values), at the end least favourable to drift (the verdict) and at the
// end most favourable (to tell whether the bounds could change it).
DriftVerdict DecideWithBounds(const DriftConfig& config, std::vector<ColumnDrift>* columns) {
  std::vector<ColumnDrift> strict = AtBoundEnd(*columns, false);
  std::vector<ColumnDrift> lenient = AtBoundEnd(*columns, true);
  drift::DecideColumns(config, columns);
  DriftVerdict verdict = drift::DecideColumns(config, &strict);
  drift::DecideColumns(config, &lenient);
  uint64_t undecided = 0;
  for (size_t i = 0; i < columns->size(); ++i) {
    ColumnDrift& c = (*columns)[i];
    if (!c.bounds ||
        (c.status != ColumnDriftStatus::kDrift && c.status != ColumnDriftStatus::kNoDrift)) {
      continue;
    }
    SketchBounds& b = *c.bounds;
    b.p_value_adjusted = {lenient[i].p_value_adjusted, strict[i].p_value_adjusted};
    b.decided = strict[i].drifted == lenient[i].drifted;
    const bool point_drifted = c.drifted;
    c.drifted = strict[i].drifted;
    c.status = c.drifted ? ColumnDriftStatus::kDrift : ColumnDriftStatus::kNoDrift;
    if (b.decided) continue;
    ++undecided;
    c.reason += "; from sketches: " + c.method + " in " + Interval(b.statistic) +
                (c.p_value ? ", adjusted p in " + Interval(b.p_value_adjusted) : std::string()) +
                ", " + c.effect_size_name + " in " + Interval(b.effect_size) +
                ": undecided within the sketch error bounds, so the conservative verdict is no "
                "drift" +
                (point_drifted ? " (the point estimates say drift)" : "");
  }
  verdict.rule +=
      " From sketches: each number has an interval holding the exact value; a column "
      "drifts only when the end of its intervals least favourable to drift still "
      "drifts.";
  if (undecided > 0) {
    verdict.summary += " " + std::to_string(undecided) +
                       " undecided within the sketch error bounds (counted as not drifted).";
  }
  return verdict;
}

}  // namespace

Result<DriftResult> CompareProfiles(const Profile& reference, const Profile& current,
                                    const DriftConfig& config) {
  AIRM_RETURN_IF_ERROR(ValidateDriftConfig(config));
  AIRM_ASSIGN_OR_RETURN(std::vector<const ColumnProfile*> selected,
                        SelectColumns(reference, config));
  DriftResult result;
  result.comparison = "sketches";
  result.config = config;
  for (const ColumnProfile* ref : selected) {
    ColumnDrift c = Compare(*ref, current, config);
    (drift::IsOutputRole(ref->role) ? result.output_columns : result.input_columns)
        .push_back(std::move(c));
  }
  for (const ColumnProfile& c : current.columns) {
    if (reference.FindColumn(c.name)) continue;
    ColumnDrift fresh;
    fresh.name = c.name;
    fresh.current_type = DataTypeName(c.type);
    fresh.status = ColumnDriftStatus::kNewInCurrent;
    fresh.method = "none";
    fresh.reason = "only the current batch has this column";
    result.input_columns.push_back(std::move(fresh));
  }
  result.input_verdict = DecideWithBounds(config, &result.input_columns);
  result.output_verdict = DecideWithBounds(config, &result.output_columns);
  result.quality_status = std::nullopt;
  result.quality_note =
      "not checked: the data-quality checks need the rows, and drift from profiles "
      "compares sketches";
  result.domain_classifier.note = "not run: drift from profiles has no rows to train on";
  result.findings = drift::CollectFindings(result);
  return result;
}

}  // namespace airm
