// Upstream unavailable: the endpoint refuses, hangs, errs, or talks nonsense.
#include <charconv>

#include "upstream_probes.h"

namespace airm::chaos::internal {
namespace {

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

Result<std::string> RedirectSpec(const std::string& spec, int port, std::string* host,
                                 int* original_port) {
  const size_t scheme_end = spec.find("://");
  if (scheme_end == std::string::npos) {
    return Status::InvalidArgument("model spec '" + spec + "' has no scheme://");
  }
  const size_t start = scheme_end + 3;
  const size_t slash = spec.find('/', start);
  const std::string authority =
      spec.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
  const std::string rest = slash == std::string::npos ? "" : spec.substr(slash);
  std::string port_text;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string::npos) {
      return Status::InvalidArgument("model spec '" + spec + "': unclosed '['");
    }
    *host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      port_text = authority.substr(close + 2);
    }
  } else {
    const size_t colon = authority.rfind(':');
    *host = authority.substr(0, colon);
    if (colon != std::string::npos) port_text = authority.substr(colon + 1);
  }
  if (host->empty()) return Status::InvalidArgument("model spec '" + spec + "' has no host");
  *original_port = 80;
  if (!port_text.empty()) {
    auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), *original_port);
    if (ec != std::errc() || end != port_text.data() + port_text.size()) {
      return Status::InvalidArgument("model spec '" + spec + "': bad port '" + port_text + "'");
    }
  }
  return spec.substr(0, start) + "127.0.0.1:" + std::to_string(port) + rest;
}

Result<std::unique_ptr<UpstreamProbes>> UpstreamProbes::Make(const std::string& spec,
                                                             const AdapterOptions& options,
                                                             std::string* not_applicable) {
  if (!StartsWith(spec, "http://") && !StartsWith(spec, "kserve://")) {
    *not_applicable =
        "upstream probes apply to network models (http and kserve specs); this model is " +
        std::string(StartsWith(spec, "cmd:") ? "a local process" : "in-process");
    return std::unique_ptr<UpstreamProbes>();
  }
  auto probes = std::make_unique<UpstreamProbes>();
  std::string host;
  int upstream_port = 0;
  AIRM_RETURN_IF_ERROR(RedirectSpec(spec, 1, &host, &upstream_port).status());
  AIRM_ASSIGN_OR_RETURN(probes->proxy_,
                        FaultProxy::Start(host, upstream_port, options.timeout_seconds));
  AdapterOptions probe_options = options;
  probe_options.retries = 0;

  struct Plan {
    const char* name;
    const char* perturbation;
    FailureKind expected;
    Fault fault;
  };
  const Plan plans[] = {
      {"refused", "the endpoint refuses connections (a closed loopback port)",
       FailureKind::kConnectionRefused, Fault::kPass},
      {"timeout", "the endpoint accepts the request and never answers", FailureKind::kTimeout,
       Fault::kHang},
      {"http_5xx", "the endpoint answers HTTP 503", FailureKind::kHttpStatus, Fault::kServerError},
      {"malformed_json", "the endpoint answers 200 with truncated JSON", FailureKind::kMalformed,
       Fault::kMalformed},
      {"wrong_count", "the endpoint's answer lacks its last prediction", FailureKind::kWrongCount,
       Fault::kWrongCount},
  };
  for (const Plan& plan : plans) {
    const bool refused = plan.expected == FailureKind::kConnectionRefused;
    const int port = refused ? ClosedLoopbackPort() : probes->proxy_->port();
    if (port == 0) continue;
    std::string ignored_host;
    int ignored_port = 0;
    AIRM_ASSIGN_OR_RETURN(std::string redirected,
                          RedirectSpec(spec, port, &ignored_host, &ignored_port));
    AIRM_ASSIGN_OR_RETURN(std::unique_ptr<ModelAdapter> adapter,
                          MakeModelAdapter(redirected, probe_options));
    probes->probes_.push_back({.name = plan.name,
                               .perturbation = plan.perturbation,
                               .expected = plan.expected,
                               .fault = plan.fault,
                               .adapter = std::move(adapter)});
  }
  return probes;
}

}  // namespace airm::chaos::internal
