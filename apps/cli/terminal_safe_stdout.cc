#include "terminal_safe_stdout.h"

#include "airm/report.h"

namespace airm::cli {

TerminalSafeStdout::TerminalSafeStdout() : original_(std::cout.rdbuf()), filter_(original_) {
  std::cout.rdbuf(&filter_);
}

TerminalSafeStdout::~TerminalSafeStdout() {
  filter_.Drain(/*all=*/true);
  std::cout.rdbuf(original_);
  std::cout.flush();
}

void TerminalSafeStdout::LineFilter::Drain(bool all) {
  const size_t end = all ? pending_.size() : pending_.rfind('\n') + 1;  // npos + 1 == 0
  if (end == 0) return;
  const std::string safe = TerminalSafe(std::string_view(pending_).substr(0, end));
  target_->sputn(safe.data(), static_cast<std::streamsize>(safe.size()));
  pending_.erase(0, end);
}

TerminalSafeStdout::LineFilter::int_type TerminalSafeStdout::LineFilter::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  pending_.push_back(traits_type::to_char_type(ch));
  if (ch == '\n') Drain(/*all=*/false);
  return ch;
}

std::streamsize TerminalSafeStdout::LineFilter::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<size_t>(n));
  if (pending_.find('\n') != std::string::npos) Drain(/*all=*/false);
  return n;
}

int TerminalSafeStdout::LineFilter::sync() {
  Drain(/*all=*/false);
  return target_->pubsync();
}

}  // namespace airm::cli
