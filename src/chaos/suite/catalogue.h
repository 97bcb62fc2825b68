// Internal: the failure-mode catalogue. Each family is one function that
// plans its cases; a plan builds its perturbed batch only when the runner
// gets to it, so a catalogue of hundreds of cases never holds more than one
// perturbed copy of the data.
//
// Every perturbation is seeded from ChaosOptions::seed; the rows a type or
// category case touches are the same seeded sample for every such case, so
// the cases compare with each other as well as with the baseline.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "airm/chaos/chaos_options.h"
#include "airm/chaos/chaos_result.h"
#include "airm/chaos/model_adapter.h"
#include "model_input.h"

namespace airm::chaos::internal {

struct CaseInput {
  Batch batch;
  // Per batch row: the input row it carries (perturbed or not), or -1 for a
  // row with no counterpart. Rows may repeat (duplicates, the big batch).
  std::vector<int64_t> source_rows;
  // Per input row: 1 when the case changed something in it.
  std::vector<uint8_t> affected;
  uint64_t rows_affected = 0;
  // Send as one request instead of requests of batch_rows rows (the
  // oversized batch).
  bool single_request = false;
};

enum class Invariance {
  kMayChange,  // the perturbation may change scores
  kMustMatch,  // the input means exactly what the baseline meant
};

struct CasePlan {
  std::string name;  // stable id, unique in a run, no '.' (gates split paths on dots)
  Family family = Family::kMissing;
  std::string mode;
  std::string feature;
  std::string perturbation;
  // kMustMatch: every score must come back unchanged (within
  // StatusThresholds::invariance_tolerance).
  Invariance invariance = Invariance::kMayChange;
  std::function<CaseInput()> build;

  bool invariant() const { return invariance == Invariance::kMustMatch; }
};

CasePlan MakePlan(Family family, std::string name, std::string mode, std::string feature,
                  std::string perturbation, Invariance invariance,
                  std::function<CaseInput()> build);

// A copy of the unperturbed rows, each carrying itself.
CaseInput CopyOfBase(const ModelInput& input);

// `share` of n rows (at least one when n > 0), a seeded sample, ascending.
std::vector<size_t> SampleRows(size_t n, double share, uint64_t seed);

// Missing data, part 1: each feature null in every row; each feature absent
// from the payload; cells missing completely at random at each mcar_rate.
std::vector<CasePlan> NullOneCases(const ModelInput& input);
std::vector<CasePlan> AbsentCases(const ModelInput& input);
std::vector<CasePlan> McarCases(const ModelInput& input, const ChaosOptions& options);
// Missing data, part 2: everything but the k most important features null,
// for each k of options.keep_top_k below the number of features.
// `ranked`: feature positions, most important first.
std::vector<CasePlan> KeepTopKCases(const ModelInput& input, const std::vector<size_t>& ranked,
                                    const ChaosOptions& options);
// One feature's values permuted across rows (permutation importance).
CaseInput PermutedFeature(const ModelInput& input, size_t feature, uint64_t seed);

// The seeded sample of rows every type and category case perturbs
// (options.perturb_share of the rows, at least one).
std::vector<size_t> PerturbedSample(const ModelInput& input, const ChaosOptions& options);

// Types and ranges, for every numeric feature.
std::vector<CasePlan> TypeCases(const ModelInput& input, const ChaosOptions& options);

// Categories, for every text feature.
std::vector<CasePlan> CategoryCases(const ModelInput& input, const ChaosOptions& options);

// Structure: shuffled column order, extra columns, duplicated rows, an empty
// batch, a batch big_batch_factor times the usual size.
std::vector<CasePlan> StructureCases(const ModelInput& input, const ChaosOptions& options);

// Determinism: the unperturbed batch again.
std::vector<CasePlan> DeterminismCases(const ModelInput& input);

}  // namespace airm::chaos::internal
