// RunChaos: break a model's inputs and serving path on purpose, in controlled
// ways, and record for each failure mode whether the model handled it,
// degraded or failed, and what it cost in accuracy.
//
// Steps:
//   1. reduce the table to the features sent and the labels kept (rows with
//      a missing target are excluded and counted);
//   2. score the unperturbed rows in requests of batch_rows rows: the
//      baseline every case is compared with;
//   3. for each requested family, build its cases (catalogue_*.cc), send each
//      perturbed batch, judge the answer (status_rules.h) and, when the
//      primary failed and a fallback is given, send the batch to the fallback
//      and measure the degraded service;
//   4. summarise and turn failed / degraded cases into findings.
// Every perturbation and resample is seeded: the same inputs, options and
// model give the same result. Talking to the model is the only side effect;
// nothing is printed and no file is written.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "airm/chaos/chaos_options.h"
#include "airm/chaos/chaos_result.h"
#include "airm/chaos/model_adapter.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm::chaos {

struct ChaosTargets {
  ModelAdapter* model = nullptr;     // required
  ModelAdapter* fallback = nullptr;  // optional: serves requests the model fails
  // The spec `model` was made from. The upstream family rebuilds the same
  // adapter pointed at a closed loopback port (refused) and at a loopback
  // fault-injecting proxy in front of the real endpoint (hang, 5xx,
  // malformed JSON, wrong count); it only applies to http:// and kserve://.
  std::string model_spec;
  AdapterOptions adapter_options;
};

// Called after each case with (cases done, cases planned so far); may be
// empty. For progress display only.
using ChaosProgress = std::function<void(size_t done, size_t planned, std::string_view name)>;

// Errors (InvalidArgument naming the option or column): invalid options, an
// unknown target or feature column, a target with fewer than two classes and
// no numeric values, a positive label that never occurs, no rows with a
// target. A model that fails is not an error: it is what the result records.
Result<ChaosResult> RunChaos(const Table& data, const ChaosTargets& targets,
                             const ChaosOptions& options, const ChaosProgress& progress = {});

// A fallback policy:
//   const:VALUE                 every row scores VALUE (a number)
//   rule:FEATURE<=X?A:B         A when FEATURE <= X, else B (operators <=, <, >=, >);
//                               a missing or non-numeric FEATURE takes B
//   anything else               a model spec for MakeModelAdapter
// InvalidArgument names what is malformed.
Result<std::unique_ptr<ModelAdapter>> MakeFallbackAdapter(std::string_view spec,
                                                          const AdapterOptions& options);

}  // namespace airm::chaos
