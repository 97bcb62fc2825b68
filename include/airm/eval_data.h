// EvalData: a scored table reduced to what evaluation needs.
//
// BuildEvalData turns a Table plus the user's column choices into aligned
// vectors: labels as class indices, predictions, scores or class
// probabilities, or regression values. Rows whose target (or score) is
// missing, or whose label is outside the declared classes, are excluded and
// counted, never silently turned into a class. Every analysis of `airm
// evaluate` (metrics, segments, fairness, calibration, slices, tail) reads
// EvalData and addresses rows by their index in it (0 .. size()-1);
// source_rows maps back to the Table for segment / attribute lookup.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "airm/status.h"
#include "airm/table.h"

namespace airm {

namespace eval_internal {
struct ScoreIndex;  // src/metrics/score_index.h
}  // namespace eval_internal

enum class TaskType { kBinary, kMulticlass, kRegression };
const char* TaskTypeName(TaskType t);  // "binary", "multiclass", "regression"

struct EvalSpec {
  std::string target;          // required
  std::string score;           // binary: P(positive)
  std::string prediction;      // predicted label (or value, for regression)
  std::string proba_prefix;    // multiclass: columns PREFIX<class>
  std::string positive_label;  // binary; default: see BuildEvalData
  std::optional<double>
      threshold;  // binary with a score: positive when score >= threshold (default 0.5)
  std::optional<TaskType> task;  // default: inferred (see BuildEvalData)
  // Binary: the {negative, positive} classes decided over all the data this
  // table is one part of (BinaryClasses of every part's TargetLabels), so
  // every part indexes labels alike. The target may then hold one of them or
  // neither, and a part with no rows left is empty rather than an error; a
  // label outside them is InvalidArgument. Empty: from this table's target.
  std::vector<std::string> classes = {};
};

struct EvalData {
  TaskType task = TaskType::kBinary;
  std::vector<std::string> classes;  // binary: {negative, positive}; multiclass: sorted labels
  double threshold = 0.5;            // binary with a score
  // Classification (one entry per kept row):
  std::vector<int32_t> y_true;  // class index
  std::vector<int32_t>
      y_pred;  // class index (from the prediction column, or score >= threshold, or argmax proba)
  std::vector<double> score;               // binary: P(positive); empty when only labels were given
  std::vector<std::vector<double>> proba;  // multiclass: proba[class][row]; empty when only labels
  // Regression:
  std::vector<double> y_value;
  std::vector<double> y_hat;
  // Bookkeeping:
  std::vector<uint32_t> source_rows;  // Table row of each kept row
  uint64_t rows_total = 0;
  uint64_t rows_excluded = 0;
  std::vector<std::string> exclusion_notes;  // e.g. "12 rows with a missing target"
  // Binary with a score: the rows sorted once by score, with what a metric
  // view of any subset of them copies, so that metrics on many subsets
  // (segments, slices, the tail) need no sort of their own. Filled by
  // BuildEvalData; it describes the vectors above as they were then, so code
  // that changes them must reset it. Null: the metric functions sort by score
  // themselves, with the same result. Immutable, hence shared by copies.
  std::shared_ptr<const eval_internal::ScoreIndex> score_index;

  size_t size() const { return source_rows.size(); }
  bool has_scores() const { return !score.empty() || !proba.empty(); }
};

// Task inference when spec.task is unset: --proba-prefix -> multiclass;
// --score -> binary; a numeric target with more than 10 distinct values and a
// numeric prediction -> regression; otherwise binary if the target has at most
// two labels, else multiclass. Binary positive label: spec.positive_label, else
// "1", "true", "yes", "positive" if present, else the minority label
// (stated in exclusion_notes-like `notes` of the result). Errors
// (InvalidArgument naming the option): unknown columns, a non-numeric score,
// a positive label that never occurs, fewer than two classes for a
// classification task, no rows left.
Result<EvalData> BuildEvalData(const Table& table, const EvalSpec& spec);

// The positive label of a binary target when the user named none
// (`labels`: each distinct label with its count). A conventional positive
// name ("1", "true", "yes", "positive"; any case) wins, else the minority
// label (ties: the label sorting last, so {"0","1"} picks "1"). Domain words
// such as "bad" or "default" are not guessed: say --positive-label. Returns
// the index into `labels` and sets `note` to the reason. REQUIRES: labels is
// not empty.
size_t GuessPositiveLabel(const std::vector<std::pair<std::string, uint64_t>>& labels,
                          std::string* note);

// Each distinct label of the target's rows with a value and its count, in
// first-seen order: the labels BuildEvalData sees. InvalidArgument for an
// unknown column.
Result<std::vector<std::pair<std::string, uint64_t>>> TargetLabels(const Table& table,
                                                                   const std::string& target);

// The binary classes {negative, positive} of a target with these labels
// (each distinct label with its count), chosen as BuildEvalData chooses them,
// with its errors (not exactly two labels; a positive label that never
// occurs). *note says how the positive label was chosen ("" when given).
Result<std::vector<std::string>> BinaryClasses(
    const std::vector<std::pair<std::string, uint64_t>>& labels, const EvalSpec& spec,
    std::string* note);

}  // namespace airm
