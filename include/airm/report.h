// Renderers: turn analysis results into documents a person or a program reads.
//
// A renderer takes a result struct (plain data) and returns text; it never
// reads files, never prints and never fails on odd data: undefined numbers
// become JSON null / "—", every piece of user data (column names, category
// values, paths) is escaped for the output format, and invalid UTF-8 is
// replaced by U+FFFD. Writing the text somewhere is a separate step,
// WriteFileAtomically, so a crash never leaves a half-written report.
//
// The JSON documents are versioned; docs/reports.md states the compatibility
// promise and docs/schemas/ holds their JSON Schemas.
//
// Thread-safety: every function here is reentrant; none keeps state.
#pragma once

#include <string>
#include <string_view>

#include "airm/drift_result.h"
#include "airm/input_info.h"
#include "airm/status.h"

namespace airm {

struct Profile;     // airm/profile.h; callers of RenderProfileHtml include it
struct EvalResult;  // airm/eval_result.h; callers of RenderEval* include it

// What every report says about the run that produced it.
struct ReportMeta {
  std::string airm_version;  // e.g. AIRM_VERSION
  std::string generated_at;  // ISO 8601 UTC, e.g. "2026-11-27T02:08:47Z"
  std::string command_line;  // the command as typed, for reproduction
};

// Version of the drift JSON document ("kind": "drift_report"). Additive
// changes bump the minor number, removals and renames bump the major number.
inline constexpr const char* kDriftSchemaVersion = "1.4";

// The drift result as a JSON document (schema docs/schemas/drift.v1.json),
// pretty-printed with a 2-space indent and a trailing newline. Non-finite
// numbers and empty optionals are emitted as null, never as NaN/Infinity.
std::string RenderDriftJson(const DriftResult& r, const ReportMeta& meta);

// The drift result as one self-contained HTML page: inline CSS and SVG, no
// JavaScript and no external references, readable by a non-specialist.
std::string RenderDriftHtml(const DriftResult& r, const ReportMeta& meta);

// Version of the evaluation JSON document ("kind": "evaluation_report"), with
// the same compatibility promise as the drift document.
inline constexpr const char* kEvalSchemaVersion = "1.0";

// The evaluation result as a JSON document (schema
// docs/schemas/evaluation.v1.json, explained in docs/evaluation-report.md),
// pretty-printed with a 2-space indent and a trailing newline. Undefined and
// non-finite numbers are null. For --fail-on gates, `worst_case` and each
// `fairness.<attribute>` also carry their metrics / disparities flattened to
// plain numbers (worst_case.accuracy, fairness.<attr>.demographic_parity_ratio).
std::string RenderEvalJson(const EvalResult& r, const ReportMeta& meta);

// The evaluation result as one self-contained HTML page (inline CSS and SVG,
// no JavaScript, no external references): headline metrics beside their
// worst-case values, findings, metrics with intervals, a segment heat map,
// weak slices, fairness per attribute, calibration and tail behaviour.
std::string RenderEvalHtml(const EvalResult& r, const ReportMeta& meta);

// A column profile (airm/profile.h) of `input` as one self-contained HTML
// page: an overview table of all columns, then per column a histogram
// (numbers) or its most frequent values (text), quantiles, counts of missing
// and non-finite values, and the error bounds when the profile is approximate.
std::string RenderProfileHtml(const Profile& p, const InputInfo& input, const ReportMeta& meta);

// The profile's JSON form (docs/schemas/profile.v1.json) with the run's
// airm_version, generated_at, command and inputs.data {path, sha256, rows,
// columns, bytes}.
std::string RenderProfileJson(const Profile& p, const InputInfo& input, const ReportMeta& meta);

// `text` with every control character other than newline and tab (C0,
// DEL and the UTF-8 encoded C1 range) written as \xNN, so names read from
// files cannot send escape sequences to a terminal. For text outputs.
std::string TerminalSafe(std::string_view text);

// Writes `text` to `path` by the rules of airm/output_set.h: a regular file
// (or a new name) is replaced atomically (temporary file in the same
// directory, fsync, rename; an existing file's permission bits are kept, a
// new file gets 0644); a symbolic link is followed to its target; a device or
// FIFO is written directly; "-" is standard output.
// On failure nothing is left behind and the Status is kIoError naming `path`.
Status WriteFileAtomically(const std::string& path, std::string_view text);

}  // namespace airm
