// MakeModelAdapter: the spec grammar (see model_adapter.h) and the options
// check; each scheme's adapter lives in its own file.
#include "airm/chaos/model_adapter.h"

#include <charconv>
#include <cmath>

#include "adapter_factories.h"

namespace airm::chaos {
namespace {

struct HostPort {
  std::string host;
  int port = 80;
  std::string rest;  // from the first '/' after the authority, or empty
};

// "HOST[:PORT][/REST]" with HOST an IPv4 address, a name or "[IPv6]".
Result<HostPort> ParseAuthority(std::string_view spec, std::string_view text) {
  HostPort parsed;
  const size_t slash = text.find('/');
  std::string_view authority = text.substr(0, slash);
  if (slash != std::string_view::npos) parsed.rest = std::string(text.substr(slash));
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return Status::InvalidArgument("model spec '" + std::string(spec) +
                                     "': unclosed '[' in host");
    }
    parsed.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return Status::InvalidArgument("model spec '" + std::string(spec) +
                                       "': expected ':PORT' after ']'");
      }
      port_text = after.substr(1);
      if (port_text.empty()) port_text = "-";  // "[::1]:" has an empty port
    }
  } else {
    const size_t colon = authority.rfind(':');
    parsed.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) port_text = "-";
    }
  }
  if (parsed.host.empty()) {
    return Status::InvalidArgument("model spec '" + std::string(spec) + "': missing host");
  }
  if (!port_text.empty()) {
    int port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
        port > 65535) {
      return Status::InvalidArgument("model spec '" + std::string(spec) + "': port '" +
                                     std::string(port_text) + "' is not a number in 1-65535");
    }
    parsed.port = port;
  }
  return parsed;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

const char* FailureKindName(FailureKind kind) {
  switch (kind) {
    case FailureKind::kNone:
      return "none";
    case FailureKind::kConnectionRefused:
      return "connection_refused";
    case FailureKind::kTimeout:
      return "timeout";
    case FailureKind::kHttpStatus:
      return "http_status";
    case FailureKind::kMalformed:
      return "malformed";
    case FailureKind::kWrongCount:
      return "wrong_count";
    case FailureKind::kCrash:
      return "crash";
    case FailureKind::kRejectedInput:
      return "rejected_input";
  }
  return "unknown";
}

Status AdapterOptions::Validate() const {
  // Upper bounds keep every derived duration far from clock overflow.
  if (!std::isfinite(timeout_seconds) || timeout_seconds <= 0 || timeout_seconds > 86400) {
    return Status::InvalidArgument(
        "adapter option timeout_seconds must be a number of seconds in (0, 86400]");
  }
  if (max_batch_rows < 1) {
    return Status::InvalidArgument("adapter option max_batch_rows must be at least 1");
  }
  if (retries < 0 || retries > 100) {
    return Status::InvalidArgument("adapter option retries must be in [0, 100]");
  }
  if (!std::isfinite(backoff_seconds) || backoff_seconds < 0 || backoff_seconds > 3600) {
    return Status::InvalidArgument("adapter option backoff_seconds must be in [0, 3600]");
  }
  if (pool_size < 1 || pool_size > 4096) {
    return Status::InvalidArgument("adapter option pool_size must be in [1, 4096]");
  }
  if (model_limits.max_bytes == 0 || model_limits.max_trees == 0 || model_limits.max_nodes == 0 ||
      model_limits.max_depth == 0) {
    return Status::InvalidArgument(
        "every model file limit (bytes, trees, nodes, depth) must be >= 1");
  }
  return Status::Ok();
}

bool IsLoopbackHost(const std::string& host) {
  return host == "localhost" || host == "::1" || StartsWith(host, "127.");
}

Result<std::unique_ptr<ModelAdapter>> MakeModelAdapter(std::string_view spec,
                                                       const AdapterOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  if (StartsWith(spec, "http://")) {
    AIRM_ASSIGN_OR_RETURN(HostPort target, ParseAuthority(spec, spec.substr(7)));
    if (target.rest.empty() || target.rest == "/") target.rest = "/invocations";
    return MakeHttpMlflowAdapter(target.host, target.port, target.rest, options);
  }
  if (StartsWith(spec, "https://")) {
    return Status::InvalidArgument("model spec '" + std::string(spec) +
                                   "': https is not supported; use http:// (loopback or a proxy)");
  }
  if (StartsWith(spec, "kserve://")) {
    AIRM_ASSIGN_OR_RETURN(HostPort target, ParseAuthority(spec, spec.substr(9)));
    std::string model = target.rest.empty() ? "" : target.rest.substr(1);
    if (!model.empty() && model.back() == '/') model.pop_back();
    if (model.empty() || model.find('/') != std::string::npos) {
      return Status::InvalidArgument("model spec '" + std::string(spec) +
                                     "': expected kserve://HOST:PORT/MODEL with one model name");
    }
    return MakeKserveAdapter(target.host, target.port, model, options);
  }
  if (StartsWith(spec, "cmd:")) {
    const std::string command(spec.substr(4));
    if (command.find_first_not_of(" \t") == std::string::npos) {
      return Status::InvalidArgument("model spec '" + std::string(spec) +
                                     "': expected cmd:COMMAND with a command");
    }
    return MakeCmdAdapter(command, options);
  }
  if (StartsWith(spec, "xgboost:")) {
    const std::string_view rest = spec.substr(8);
    const size_t colon = rest.rfind(':');
    const std::string model(rest.substr(0, colon));
    const std::string meta(colon == std::string_view::npos ? "" : rest.substr(colon + 1));
    if (model.empty() || (colon != std::string_view::npos && meta.empty())) {
      return Status::InvalidArgument("model spec '" + std::string(spec) +
                                     "': expected xgboost:MODEL.json[:META.json]");
    }
    return MakeXgboostAdapter(model, meta, options);
  }
  return Status::InvalidArgument(
      "model spec '" + std::string(spec) +
      "': unknown scheme; expected http://HOST:PORT/PATH, kserve://HOST:PORT/MODEL, "
      "cmd:COMMAND or xgboost:MODEL.json[:META.json]");
}

}  // namespace airm::chaos
