// Categories: text values the model never saw, or saw spelled differently,
// in the same seeded sample of rows as the type cases.
#include <cctype>
#include <string>

#include "catalogue.h"

namespace airm::chaos::internal {
namespace {

using Transform = std::optional<std::string> (*)(const Cell& cell);

std::optional<std::string> Unseen(const Cell&) { return std::string("airm-unseen-category"); }

std::optional<std::string> SwapCase(const Cell& cell) {
  const std::string* text = std::get_if<std::string>(&cell);
  if (text == nullptr) return std::nullopt;
  std::string out = *text;
  for (char& c : out) {
    const unsigned char u = static_cast<unsigned char>(c);
    c = static_cast<char>(std::isupper(u) ? std::tolower(u) : std::toupper(u));
  }
  return out;
}

std::optional<std::string> Padded(const Cell& cell) {
  const std::string* text = std::get_if<std::string>(&cell);
  if (text == nullptr) return std::nullopt;
  return " " + *text + " ";
}

std::optional<std::string> Empty(const Cell&) { return std::string(); }

struct CategoryMode {
  const char* mode;
  Transform transform;
  const char* description;
};

constexpr CategoryMode kModes[] = {
    {"unseen", Unseen, "the unseen value \"airm-unseen-category\""},
    {"case", SwapCase, "its value with upper and lower case swapped"},
    {"whitespace", Padded, "its value with a space before and after"},
    {"empty_string", Empty, "the empty string"},
};

}  // namespace

std::vector<CasePlan> CategoryCases(const ModelInput& input, const ChaosOptions& options) {
  std::vector<CasePlan> plans;
  const std::vector<size_t> sample = PerturbedSample(input, options);
  const std::string rows_text = std::to_string(sample.size()) + " sampled rows";
  for (size_t f = 0; f < input.features.size(); ++f) {
    const FeatureInfo& info = input.features[f];
    if (info.kind != FeatureKind::kText) continue;
    for (const CategoryMode& m : kModes) {
      plans.push_back(
          MakePlan(Family::kCategories, std::string(m.mode) + ":" + info.name, m.mode, info.name,
                   "'" + info.name + "' set to " + m.description + " in " + rows_text,
                   Invariance::kMayChange, [&input, sample, f, transform = m.transform] {
                     CaseInput in = CopyOfBase(input);
                     for (size_t r : sample) {
                       Cell& cell = in.batch.rows[r][f];
                       std::optional<std::string> next = transform(cell);
                       if (!next) continue;
                       const std::string* old = std::get_if<std::string>(&cell);
                       if (old != nullptr && *old == *next) continue;
                       cell = std::move(*next);
                       in.affected[r] = 1;
                       ++in.rows_affected;
                     }
                     return in;
                   }));
    }
  }
  return plans;
}

}  // namespace airm::chaos::internal
