// Status and Result<T>: how every airm library function reports failure.
//
// Library code never throws across its API, never prints and never exits. A
// failure is a Status with one of a small fixed set of codes; faces (CLI,
// server, Python) map each code to their own convention in one table
// (ExitCodeFor below for the CLI).
//
// Messages name the option a problem is about through OptionRef, so each face
// words it as its users write it: message() gives the CLI's "--target",
// MessageNaming lets Python say "target=" instead.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
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

// A marker for the option `id` (the CLI flag without its dashes, e.g.
// "target", "segment-bins") inside a Status message.
std::string OptionRef(std::string_view id);

class [[nodiscard]] Status {
 public:
  Status() = default;
  // `message` may hold OptionRef markers.
  Status(StatusCode code, std::string message);

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
  // The message, options worded as CLI flags ("--target").
  const std::string& message() const { return message_; }
  // The message with each OptionRef worded by `name(id)` (another face's
  // spelling of its parameters).
  std::string MessageNaming(std::string (*name)(std::string_view id)) const;
  // The message with its OptionRef markers, for a message that wraps this
  // one and so keeps its options nameable.
  const std::string& raw_message() const { return raw_.empty() ? message_ : raw_; }
  // "parse error: data.csv:3:2: expected ..." — for humans.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string raw_;  // the message with markers; empty when it has none
};

// Exit code of the `airm` command for a failed Status: 2 for every input or
// usage problem (the documented contract) and for something the user named
// being unavailable (a locked store, a model server that did not answer); 3
// only for internal errors, airm's own bugs.
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
