// Renderers of a chaos run (ChaosResult): a versioned JSON document, one
// self-contained HTML page and a JUnit XML file for CI systems.
//
// Like every airm renderer they never fail on odd data: undefined numbers
// are JSON null / "—", user text is escaped for the output format and
// invalid UTF-8 becomes U+FFFD. docs/chaos.md explains how to read them.
// Thread-safety: reentrant, no state.
//
// Part of report (src/report/chaos/); the functions keep the chaos namespace
// their callers name them by, as lineage's renderers keep lineage's.
#pragma once

#include <string>

#include "airm/chaos/chaos_result.h"
#include "airm/report.h"

namespace airm::chaos {

// Version of the chaos JSON document ("kind": "chaos"), with the
// compatibility promise of docs/reports.md: additive changes bump the minor
// number, removals and renames the major number.
inline constexpr const char* kChaosSchemaVersion = "1.0";

// The result as JSON (schema docs/schemas/chaos.v1.json), 2-space indent and
// a trailing newline. Cases are an array of objects with a unique "name", so
// gates address them as cases.<name>.<field> (e.g. cases.null:Income.status).
std::string RenderChaosJson(const ChaosResult& result, const ReportMeta& meta);

// The result as one HTML page (inline CSS and SVG, no JavaScript, no
// external references): the verdict, findings, failure modes by severity,
// the metric impact of nulling each feature, the fallback, load and
// manipulation sections, the baseline and the settings.
std::string RenderChaosHtml(const ChaosResult& result, const ReportMeta& meta);

// The result as JUnit XML: one <testsuite> per family ("chaos.<family>"),
// one <testcase> per failure mode. A failed case carries <failure>; a
// degraded one passes with "[degraded] ..." in <system-out> (CI systems show
// it without failing the build; gate on it with --fail-on degraded); a
// family that was asked for but does not apply is one <skipped/> case.
std::string RenderChaosJUnit(const ChaosResult& result, const ReportMeta& meta);

}  // namespace airm::chaos
