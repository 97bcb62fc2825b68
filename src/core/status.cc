#include "airm/status.h"

namespace airm {
namespace {

// Marker bytes: ASCII record / unit separators, which no message text holds.
constexpr char kOptionStart = '\x1e';
constexpr char kOptionEnd = '\x1f';

std::string CliFlag(std::string_view id) { return "--" + std::string(id); }

std::string WordOptions(const std::string& raw, std::string (*name)(std::string_view id)) {
  std::string out;
  out.reserve(raw.size() + 8);
  size_t pos = 0;
  while (pos < raw.size()) {
    const size_t start = raw.find(kOptionStart, pos);
    const size_t end = start == std::string::npos ? start : raw.find(kOptionEnd, start);
    if (end == std::string::npos) break;
    out.append(raw, pos, start - pos);
    out += name(std::string_view(raw).substr(start + 1, end - start - 1));
    pos = end + 1;
  }
  out.append(raw, pos, std::string::npos);
  return out;
}

}  // namespace

std::string OptionRef(std::string_view id) {
  std::string out(1, kOptionStart);
  out += id;
  out += kOptionEnd;
  return out;
}

Status::Status(StatusCode code, std::string message) : code_(code) {
  if (message.find(kOptionStart) == std::string::npos) {
    message_ = std::move(message);
    return;
  }
  message_ = WordOptions(message, &CliFlag);
  raw_ = std::move(message);
}

std::string Status::MessageNaming(std::string (*name)(std::string_view id)) const {
  return raw_.empty() ? message_ : WordOptions(raw_, name);
}

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid argument";
    case StatusCode::kParseError:
      return "parse error";
    case StatusCode::kIoError:
      return "I/O error";
    case StatusCode::kNotFound:
      return "not found";
    case StatusCode::kCorrupt:
      return "corrupt data";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kInternal:
      return "internal error";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return 0;
    case StatusCode::kInvalidArgument:
    case StatusCode::kParseError:
    case StatusCode::kIoError:
    case StatusCode::kNotFound:
    case StatusCode::kCorrupt:
    // Something the user named could not be used right now: a store that stayed locked or
    // unreachable, a run lock another process holds, a model server that did not answer. The
    // user can act on it, so it is not exit 3, which is kept for airm's own bugs.
    case StatusCode::kUnavailable:
      return 2;
    case StatusCode::kInternal:
      return 3;
  }
  return 3;
}

}  // namespace airm
