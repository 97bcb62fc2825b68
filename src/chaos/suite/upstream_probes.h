// Internal: the upstream-unavailable family. For a network model (http://,
// kserve://) it rebuilds the same adapter against
//   * a closed loopback port                      -> the connection is refused;
//   * a FaultProxy in front of the real endpoint  -> it hangs (a timeout),
//     answers 503, answers malformed JSON, or drops one prediction;
// so every run shows how the serving path (and the --fallback) copes with
// each, whatever the model server does by itself. Probe adapters do not
// retry: one fault, one attempt (the hang probe costs one --timeout).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "airm/chaos/model_adapter.h"
#include "airm/status.h"
#include "fault_proxy.h"

namespace airm::chaos::internal {

struct UpstreamProbe {
  std::string name;  // "refused", "timeout", "http_5xx", "malformed_json", "wrong_count"
  std::string perturbation;
  FailureKind expected = FailureKind::kNone;
  Fault fault = Fault::kPass;  // armed on the proxy before the probe's requests
  std::unique_ptr<ModelAdapter> adapter;
};

class UpstreamProbes {
 public:
  // *not_applicable is set (and nothing else done) for a spec that is not
  // http:// or kserve://. Errors: the rewritten spec does not parse
  // (InvalidArgument) or the proxy cannot listen (Unavailable).
  static Result<std::unique_ptr<UpstreamProbes>> Make(const std::string& spec,
                                                      const AdapterOptions& options,
                                                      std::string* not_applicable);

  std::vector<UpstreamProbe>& probes() { return probes_; }
  void Arm(Fault fault) { proxy_->Arm(fault); }

 private:
  std::unique_ptr<FaultProxy> proxy_;
  std::vector<UpstreamProbe> probes_;
};

// "http://HOST:PORT/PATH" with HOST:PORT replaced by "127.0.0.1:port";
// *host / *port receive the original authority (port 80 when absent).
// InvalidArgument when the spec has no scheme or host.
Result<std::string> RedirectSpec(const std::string& spec, int port, std::string* host,
                                 int* original_port);

}  // namespace airm::chaos::internal
