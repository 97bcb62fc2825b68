// The --fail-on expression grammar, parsed before anything is evaluated so a
// condition that cannot be read is a usage error naming its position, never
// a condition that silently never holds.
//
//   list      := condition (',' condition)*
//   condition := ALIAS | path ['?'] [op value]
//   path      := segment ('.' segment | '[' quoted ']')*
//   segment   := bare text (no . [ ] , ? ` quotes or < > = !) | '`' text '`'
//   op        := < <= > >= == !=
//   value     := number | 'text' | "text" | true | false | null | bare word
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"

namespace airm::gate {

enum class Op { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual };

struct Value {
  enum class Kind { kNumber, kString, kBool, kNull } kind = Kind::kNull;
  double number = 0;
  std::string text;  // kString
  bool boolean = false;
};

struct Condition {
  std::string text;                   // as written, trimmed
  std::vector<std::string> segments;  // the path, unquoted
  bool undefined_passes = false;      // PATH? : an undefined value does not hold
  std::optional<Op> op;               // absent: PATH alone, a boolean
  Value value;
};

// Splits `expressions` at top-level commas (not inside quotes or brackets);
// each item is returned trimmed with its 1-based start position.
Result<std::vector<std::pair<std::string, size_t>>> SplitConditions(std::string_view expressions);

// Parses one condition; `position` (1-based) is where it starts in the whole
// expression, so errors point into what the user typed.
Result<Condition> ParseCondition(std::string_view text, size_t position);

const char* OpText(Op op);

}  // namespace airm::gate
