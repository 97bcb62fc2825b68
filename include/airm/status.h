// Status and Result<T>: how every airm library function reports failure.
//
// Library code never throws across its API, never prints and never exits. A
// failure is a Status with one of a small fixed set of codes; faces (CLI,
// server, Python) map each code to their own convention in one table
// (ExitCodeFor below for the CLI).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace airm {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // a usage error: bad option, unknown column, bad expression
  kParseError,       // malformed input data: names file, line, column
  kIoError,          // a file could not be opened, read or written
  kNotFound,         // a requested thing does not exist
  kCorrupt,          // a serialized artefact fails its checksum or preamble
  kUnavailable,      // a remote or external component could not be used
  kInternal,         // a bug in airm: should never happen
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status ParseError(std::string m) { return {StatusCode::kParseError, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "parse error: data.csv:3:2: expected ..." — for humans.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Exit code of the `airm` command for a failed Status: 2 for every input or
// usage problem (the documented contract), 3 for internal and unavailable.
int ExitCodeFor(const Status& status);

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(data_).ok() && "Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace airm

// Propagate a failed Status from an expression returning Status.
#define AIRM_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::airm::Status airm_status_ = (expr);        \
    if (!airm_status_.ok()) return airm_status_; \
  } while (0)

#define AIRM_CONCAT_INNER(a, b) a##b
#define AIRM_CONCAT(a, b) AIRM_CONCAT_INNER(a, b)
#define AIRM_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                               \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
// Assign the value of a Result expression or propagate its Status.
#define AIRM_ASSIGN_OR_RETURN(lhs, rexpr) \
  AIRM_ASSIGN_OR_RETURN_IMPL(AIRM_CONCAT(airm_result_, __LINE__), lhs, rexpr)
