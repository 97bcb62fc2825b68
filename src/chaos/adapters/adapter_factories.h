// Constructors of the concrete adapters, called by MakeModelAdapter once the
// spec is parsed and the options validated. Internal to airm_chaos_adapters.
#pragma once

#include <memory>
#include <string>

#include "airm/chaos/model_adapter.h"

namespace airm::chaos {

// POST http://host:port/path, MLflow scoring protocol.
std::unique_ptr<ModelAdapter> MakeHttpMlflowAdapter(const std::string& host, int port,
                                                    const std::string& path,
                                                    const AdapterOptions& options);

// POST http://host:port/v2/models/model/infer, Open Inference Protocol v2.
std::unique_ptr<ModelAdapter> MakeKserveAdapter(const std::string& host, int port,
                                                const std::string& model,
                                                const AdapterOptions& options);

// sh -c command, CSV on stdin, one score per line on stdout.
std::unique_ptr<ModelAdapter> MakeCmdAdapter(const std::string& command,
                                             const AdapterOptions& options);

// In-process XGBoost. `meta_path` empty: derive it from `model_path` when
// that file exists, else read every feature as numeric by the booster's
// feature names. IoError / ParseError when the files cannot be loaded.
Result<std::unique_ptr<ModelAdapter>> MakeXgboostAdapter(const std::string& model_path,
                                                         const std::string& meta_path,
                                                         const AdapterOptions& options);

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackHost(const std::string& host);

}  // namespace airm::chaos
