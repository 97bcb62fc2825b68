// `airm evaluate`: risk-relevant evaluation of a scored data set.
#pragma once

#include <CLI/CLI.hpp>

namespace airm::cli {

struct EvaluateCommand;
EvaluateCommand* AddEvaluateCommand(CLI::App* app);
int RunEvaluateCommand(const EvaluateCommand& command, int argc, char** argv);

}  // namespace airm::cli
