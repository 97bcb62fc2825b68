// `airm monitor pack`'s summary when no document goes to stdout, rendered
// from usecases::QuarterlyPack. User text is not escaped here (the face
// writes it through TerminalSafe).
#pragma once

#include <string>

#include "airm/usecases/quarterly_pack.h"

namespace airm::report {

// One line per monitor (its windows, alert episodes and those that fired in
// the quarter), then one for the incidents of the systems ("" for an empty pack).
std::string QuarterlyPackText(const usecases::QuarterlyPack& pack);

}  // namespace airm::report
