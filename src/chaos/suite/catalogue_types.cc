// Types and ranges: values a numeric feature should never carry, in a seeded
// share of the rows (the rest of the batch shows whether one bad row poisons
// the whole request).
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "catalogue.h"

namespace airm::chaos::internal {
namespace {

constexpr uint64_t kSampleSalt = 0x74797065;  // "type"; categories share the sample

struct TypeMode {
  const char* mode;
  Cell value;
  std::string description;
};

std::string Number(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

std::vector<TypeMode> ModesFor(const FeatureInfo& f) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<TypeMode> modes = {
      {"string", Cell{std::string("not-a-number")}, "the string \"not-a-number\""},
      {"huge", Cell{1e308}, "1e308"},
      {"huge_negative", Cell{-1e308}, "-1e308"},
      {"zero", Cell{0.0}, "0"},
  };
  if (f.min && f.max && *f.min >= 0) {
    const double negative = *f.max > 0 ? -*f.max : -1.0;
    modes.push_back(
        {"negative", Cell{negative}, Number(negative) + " (the data has no negative value)"});
  }
  modes.push_back({"nan", Cell{std::numeric_limits<double>::quiet_NaN()}, "NaN"});
  modes.push_back({"inf", Cell{inf}, "+Infinity"});
  modes.push_back({"neg_inf", Cell{-inf}, "-Infinity"});
  if (f.min && f.max) {
    const double span = *f.max - *f.min;
    const double far = *f.max + 10.0 * (span > 0 ? span : std::max(1.0, std::abs(*f.max)));
    modes.push_back(
        {"out_of_range", Cell{far},
         Number(far) + " (ten ranges above the data's maximum " + Number(*f.max) + ")"});
  }
  return modes;
}

}  // namespace

std::vector<size_t> PerturbedSample(const ModelInput& input, const ChaosOptions& options) {
  return SampleRows(input.rows(), options.perturb_share, options.seed ^ kSampleSalt);
}

std::vector<CasePlan> TypeCases(const ModelInput& input, const ChaosOptions& options) {
  std::vector<CasePlan> plans;
  const std::vector<size_t> sample = PerturbedSample(input, options);
  const std::string rows_text = std::to_string(sample.size()) + " sampled rows";
  for (size_t f = 0; f < input.features.size(); ++f) {
    const FeatureInfo& info = input.features[f];
    if (info.kind != FeatureKind::kNumeric) continue;
    for (TypeMode& m : ModesFor(info)) {
      plans.push_back(MakePlan(Family::kTypes, std::string(m.mode) + ":" + info.name, m.mode,
                               info.name,
                               "'" + info.name + "' set to " + m.description + " in " + rows_text,
                               Invariance::kMayChange, [&input, sample, f, value = m.value] {
                                 CaseInput in = CopyOfBase(input);
                                 for (size_t r : sample) {
                                   in.batch.rows[r][f] = value;
                                   in.affected[r] = 1;
                                 }
                                 in.rows_affected = sample.size();
                                 return in;
                               }));
    }
  }
  return plans;
}

}  // namespace airm::chaos::internal
