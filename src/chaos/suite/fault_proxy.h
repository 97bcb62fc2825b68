// Internal: a loopback HTTP proxy that breaks a model endpoint on demand.
//
// The upstream family needs a real endpoint that hangs, answers 5xx, answers
// malformed JSON or answers the wrong number of predictions — whatever the
// model server does on its own. The proxy sits in front of the real endpoint
// and, per the armed fault, forwards the request and alters the answer or
// answers by itself. Faults are armed between requests, from one thread.
#pragma once

#include <memory>
#include <string>

#include "airm/status.h"

namespace airm::chaos::internal {

enum class Fault {
  kPass,         // forward unchanged
  kHang,         // accept the request and never answer (until the proxy stops)
  kServerError,  // answer 503 with a text body
  kMalformed,    // answer 200 with truncated JSON
  kWrongCount,   // forward, then drop the last prediction of the answer
};

class FaultProxy {
 public:
  // Listens on 127.0.0.1 on a free port and forwards to upstream_host:upstream_port
  // (plain HTTP). Unavailable when no port can be bound.
  static Result<std::unique_ptr<FaultProxy>> Start(const std::string& upstream_host,
                                                   int upstream_port, double timeout_seconds);
  virtual ~FaultProxy() = default;
  virtual int port() const = 0;
  virtual void Arm(Fault fault) = 0;
};

// A loopback port nothing listens on (bound, then closed), for the refused
// probe. 0 when none could be found.
int ClosedLoopbackPort();

// Drops the last prediction of an MLflow ({"predictions": [...]}) or Open
// Inference Protocol v2 ({"outputs": [{"shape": [n, ...], "data": [...]}]})
// answer. Returns the body unchanged when it is neither.
std::string DropLastPrediction(const std::string& body);

}  // namespace airm::chaos::internal
