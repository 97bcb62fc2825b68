// The store and lineage commands print names, paths, tags and messages that
// came from files and other systems (a dataset registered from a CSV whose
// column is "\x1b]0;owned\x07", an imported OpenLineage job name). While a
// TerminalSafeStdout lives, everything written to std::cout passes through
// TerminalSafe (airm/report.h), a line at a time, so no such text reaches the
// terminal raw. Structured outputs (--json -) are written to the file
// descriptor directly and are not affected.
#pragma once

#include <iostream>
#include <streambuf>
#include <string>

namespace airm::cli {

class TerminalSafeStdout {
 public:
  TerminalSafeStdout();
  ~TerminalSafeStdout();
  TerminalSafeStdout(const TerminalSafeStdout&) = delete;
  TerminalSafeStdout& operator=(const TerminalSafeStdout&) = delete;

 private:
  // Holds text until a newline (an escape's bytes and a C1 control's two
  // bytes never span one), then writes it escaped to the original buffer.
  class LineFilter : public std::streambuf {
   public:
    explicit LineFilter(std::streambuf* target) : target_(target) {}
    void Drain(bool all);

   protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

   private:
    std::streambuf* target_;
    std::string pending_;
  };

  std::streambuf* original_;
  LineFilter filter_;
};

}  // namespace airm::cli
