// Fallback policies that need no model: a constant, or a one-feature rule.
#include <charconv>
#include <cmath>
#include <string>

#include "airm/chaos/chaos.h"

namespace airm::chaos {
namespace {

Result<double> ParseNumber(std::string_view text, std::string_view spec, const char* what) {
  const std::string s(text);
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) {
    return Status::InvalidArgument("--fallback '" + std::string(spec) + "': " + what + " '" + s +
                                   "' is not a finite number");
  }
  return value;
}

class ConstantFallback : public ModelAdapter {
 public:
  explicit ConstantFallback(double value) : value_(value) {}
  PredictOutcome Predict(const Batch& batch) override {
    PredictOutcome out;
    out.scores.assign(batch.rows.size(), value_);
    return out;
  }
  std::string Describe() const override {
    char buf[64];
    std::snprintf(buf, sizeof buf, "constant %g", value_);
    return buf;
  }
  bool IsLocal() const override { return true; }

 private:
  double value_;
};

enum class Op { kLe, kLt, kGe, kGt };

class RuleFallback : public ModelAdapter {
 public:
  RuleFallback(std::string feature, Op op, double x, double a, double b, std::string text)
      : feature_(std::move(feature)), op_(op), x_(x), a_(a), b_(b), text_(std::move(text)) {}

  PredictOutcome Predict(const Batch& batch) override {
    PredictOutcome out;
    size_t column = batch.columns.size();
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      if (batch.columns[c] == feature_) {
        column = c;
        break;
      }
    }
    out.scores.reserve(batch.rows.size());
    for (const std::vector<Cell>& row : batch.rows) {
      const double* v = column < row.size() ? std::get_if<double>(&row[column]) : nullptr;
      out.scores.push_back(v != nullptr && !std::isnan(*v) && Holds(*v) ? a_ : b_);
    }
    return out;
  }
  std::string Describe() const override { return "rule " + text_; }
  bool IsLocal() const override { return true; }

 private:
  bool Holds(double v) const {
    switch (op_) {
      case Op::kLe:
        return v <= x_;
      case Op::kLt:
        return v < x_;
      case Op::kGe:
        return v >= x_;
      case Op::kGt:
        return v > x_;
    }
    return false;
  }

  std::string feature_;
  Op op_;
  double x_, a_, b_;
  std::string text_;
};

// rule:FEATURE<=X?A:B
Result<std::unique_ptr<ModelAdapter>> ParseRule(std::string_view spec) {
  const std::string_view body = spec.substr(5);
  const std::string expected = "--fallback '" + std::string(spec) +
                               "': expected rule:FEATURE<=X?A:B (operators <=, <, >=, >)";
  const size_t op_pos = body.find_first_of("<>");
  const size_t question = body.find('?');
  const size_t colon = body.rfind(':');
  if (op_pos == std::string_view::npos || op_pos == 0 || question == std::string_view::npos ||
      colon == std::string_view::npos || colon < question || question < op_pos) {
    return Status::InvalidArgument(expected);
  }
  Op op = body[op_pos] == '<' ? Op::kLt : Op::kGt;
  size_t value_start = op_pos + 1;
  if (value_start < body.size() && body[value_start] == '=') {
    op = op == Op::kLt ? Op::kLe : Op::kGe;
    ++value_start;
  }
  const std::string feature(body.substr(0, op_pos));
  AIRM_ASSIGN_OR_RETURN(
      double x, ParseNumber(body.substr(value_start, question - value_start), spec, "threshold"));
  AIRM_ASSIGN_OR_RETURN(
      double a, ParseNumber(body.substr(question + 1, colon - question - 1), spec, "value"));
  AIRM_ASSIGN_OR_RETURN(double b, ParseNumber(body.substr(colon + 1), spec, "value"));
  return std::unique_ptr<ModelAdapter>(
      std::make_unique<RuleFallback>(feature, op, x, a, b, std::string(body)));
}

}  // namespace

Result<std::unique_ptr<ModelAdapter>> MakeFallbackAdapter(std::string_view spec,
                                                          const AdapterOptions& options) {
  if (spec.rfind("const:", 0) == 0) {
    AIRM_ASSIGN_OR_RETURN(double value, ParseNumber(spec.substr(6), spec, "value"));
    return std::unique_ptr<ModelAdapter>(std::make_unique<ConstantFallback>(value));
  }
  if (spec.rfind("rule:", 0) == 0) return ParseRule(spec);
  return MakeModelAdapter(spec, options);
}

}  // namespace airm::chaos
