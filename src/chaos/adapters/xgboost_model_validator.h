// Checks an XGBoost model file before libxgboost sees it. libxgboost trusts
// its model files: a child or split index out of range is read out of bounds
// (SIGSEGV), a tree whose child points back to an ancestor makes prediction
// loop forever. So the file is parsed here (nlohmann-json, with a depth and a
// value-count bound), every tree is checked, and what libxgboost loads is the
// compact JSON re-written from the checked document, never the original
// bytes, so the two parsers cannot disagree (duplicate keys and the like).
//
// Accepted: XGBoost's JSON and UBJSON model formats (both start with '{').
// Refused: the legacy binary format, which cannot be checked before loading.
// The checks and limits are listed in docs/chaos-adapters.md ("Model files
// are untrusted").
#pragma once

#include <string>
#include <string_view>

#include "airm/chaos/model_adapter.h"
#include "airm/learn/xgboost_handles.h"

namespace airm::chaos {

// The model in `bytes` (JSON or UBJSON), checked. Returns the model as
// compact JSON text for XGBoosterLoadModelFromBuffer. Errors:
//   ParseError "SOURCE: /json/path: what is wrong" for a malformed or
//     inconsistent model (the path is a JSON pointer to the bad node);
//   InvalidArgument "SOURCE: ..." when the model passes one of `limits`,
//     naming the limit and the flag that raises it.
// Never throws; memory is bounded by limits.max_bytes (see ModelFileLimits).
Result<std::string> CheckXgboostModel(std::string_view bytes, std::string_view source,
                                      const ModelFileLimits& limits);

// Reads `path` (a regular file of at most limits.max_bytes) and checks it.
Result<std::string> LoadCheckedXgboostModel(const std::string& path, const ModelFileLimits& limits);

// A booster loaded from `path` after the checks above: libxgboost only ever
// sees the checked document. ParseError "PATH: not an XGBoost model: ..." when
// libxgboost refuses it.
Result<learn::XgbBooster> LoadCheckedXgboostBooster(const std::string& path,
                                                    const ModelFileLimits& limits);

}  // namespace airm::chaos
