// `airm profile`: summarise every column of one data file.
#pragma once

#include <CLI/CLI.hpp>

namespace airm::cli {

struct ProfileCommand;
ProfileCommand* AddProfileCommand(CLI::App* app);
int RunProfileCommand(const ProfileCommand& command, int argc, char** argv);

}  // namespace airm::cli
