// The trace as a readable ASCII tree: the prediction and what served it,
// then the training side and the inference side, each walked from the data
// down to its sources. A node reached a second time says "(see above)".
#include <map>
#include <set>

#include "airm/lineage/trace.h"
#include "airm/report/format.h"
#include "graph_view.h"
#include "renderers.h"
#include "tree_text.h"

namespace airm::lineage::internal {

using report::Cat;
using report::RelativeText;

namespace {

class TraceTree {
 public:
  explicit TraceTree(const TraceResult& trace) : trace_(trace) {
    for (const TracedData& d : trace.data) data_[d.node.digest] = &d.node;
    for (const TracedRun& r : trace.runs) runs_[r.run.uuid] = &r.run;
  }

  std::string Render() {
    Header();
    Training();
    Inference();
    tree_.Blank();
    WriteFindings(trace_.findings, &tree_);
    return tree_.text();
  }

 private:
  void Header() {
    const PredictionInfo& p = trace_.prediction;
    tree_.Line("Trace of prediction " + p.id);
    tree_.Line("  as of " + trace_.as_of +
               (trace_.as_of_given ? " (--as-of)" : " (the prediction's time)"));
    tree_.Line("  store " + trace_.store);
    tree_.Line("  files " + VerificationLine());
    tree_.Blank();
    tree_.Line("Prediction " + p.id + " at " + p.predicted_at +
               (p.output ? ", output " + *p.output : ""));
    std::string batch = "  batch " + std::to_string(p.batch.id) + ": " +
                        report::FormatCount(static_cast<uint64_t>(p.batch.row_count)) +
                        " rows logged " + p.batch.logged_at + " by " + p.batch.logged_by;
    if (p.batch.input_dataset) batch += " from " + *p.batch.input_dataset;
    tree_.Line(batch);
    tree_.Line("  row input " + p.input_digest);
    if (trace_.deployment) {
      const DeploymentInfo& d = *trace_.deployment;
      tree_.Line("Deployment " + d.environment + " #" + std::to_string(d.id) + ": serves " +
                 d.model + " since " + d.valid_from +
                 (d.valid_to ? " until " + *d.valid_to : ", still serving") + " (found by " +
                 trace_.deployment_basis + ")");
    } else {
      tree_.Line("Deployment: none in force at " + p.predicted_at);
    }
    const ModelVersionInfo& m = trace_.model;
    std::string model = "Model " + m.Reference() + " " + m.artifact_digest;
    if (m.file) model += Cat({" ", FileMarks({*m.file})});
    tree_.Line(model);
    tree_.Line("  registered " + m.registered_at +
               (m.artifact_path ? ", artifact " + *m.artifact_path : ""));
  }

  std::string VerificationLine() const {
    if (!trace_.files_verified) return "not verified (--no-verify)";
    std::map<FileState, int> counts;
    for (const TracedData& d : trace_.data) {
      for (const FileCheck& f : d.node.files) ++counts[f.state];
    }
    if (trace_.model.file) ++counts[trace_.model.file->state];
    return "re-hashed: " + std::to_string(counts[FileState::kOk]) + " ok, " +
           std::to_string(counts[FileState::kChanged]) + " changed, " +
           std::to_string(counts[FileState::kMissing]) + " missing, " +
           std::to_string(counts[FileState::kNotLocal]) + " not local";
  }

  void Training() {
    tree_.Blank();
    tree_.Line("Training (checks placed relative to the " + trace_.reference_kind + ", " +
               trace_.reference_time + ")");
    const ModelVersionInfo& m = trace_.model;
    std::vector<std::pair<std::string, std::string>> roots;  // (label, digest)
    std::set<std::string> under_run;
    const RunNode* training = m.training_run_uuid ? Run(*m.training_run_uuid) : nullptr;
    if (training) {
      for (const RunDataRef& in : training->inputs) under_run.insert(in.digest);
    }
    for (const ModelData& d : m.data) {
      if (!under_run.count(d.digest)) roots.push_back({d.role, d.digest});
    }
    if (!training && roots.empty()) {
      tree_.Line("  nothing recorded: no training run, no training data");
      return;
    }
    const bool training_last = roots.empty();
    if (training) RunBranch(*training, "", training_last, "trained by ");
    for (size_t i = 0; i < roots.size(); ++i) {
      DataBranch(roots[i].second, "", i + 1 == roots.size(), roots[i].first + ": ");
    }
  }

  void Inference() {
    const PredictionInfo& p = trace_.prediction;
    tree_.Blank();
    tree_.Line("Inference inputs");
    const bool has_input = p.batch.input_digest && data_.count(*p.batch.input_digest);
    const RunNode* pre =
        p.batch.preprocessing_run_uuid ? Run(*p.batch.preprocessing_run_uuid) : nullptr;
    if (!has_input && !pre) {
      tree_.Line("  nothing recorded: no logged input file, no preprocessing run");
      return;
    }
    if (has_input) DataBranch(*p.batch.input_digest, "", pre == nullptr, "logged input: ");
    if (pre) RunBranch(*pre, "", true, "preprocessed by ");
  }

  void DataBranch(const std::string& digest, const std::string& prefix, bool last,
                  const std::string& lead) {
    auto it = data_.find(digest);
    if (it == data_.end()) {
      tree_.Branch(prefix, last, lead + digest + " (not registered)");
      return;
    }
    const DataNode& node = *it->second;
    if (!seen_data_.insert(digest).second) {
      tree_.Branch(prefix, last, lead + node.Label() + " (see above)");
      return;
    }
    std::string text = lead + DataSummary(node);
    if (node.IsSource()) text += " [source]";
    const std::string child = tree_.Branch(prefix, last, text);
    for (const QualityCheckRef& check : node.quality_checks) {
      std::string when = check.executed_at;
      if (check.seconds_from_reference) {
        when +=
            ", " + RelativeText(*check.seconds_from_reference,
                                trace_.reference_kind == "model registration" ? "model registration"
                                                                              : "training");
      }
      tree_.Detail(child, "check " + check.check_name + " on " + check.dataset + ": " +
                              check.status + " (" + when + ")");
    }
    for (const ColumnDerivation& c : node.columns) {
      std::string from = c.input_dataset ? *c.input_dataset + "." + c.input_column : c.input_column;
      tree_.Detail(child, "column " + c.output_column + " <- " + from + " (" + c.transformation +
                              (c.description ? ": " + *c.description : "") + ")");
    }
    std::vector<const RunNode*> producers;
    for (const std::string& uuid : node.produced_by) {
      if (const RunNode* run = Run(uuid)) producers.push_back(run);
    }
    for (size_t i = 0; i < producers.size(); ++i) {
      RunBranch(*producers[i], child, i + 1 == producers.size(), "produced by ");
    }
  }

  void RunBranch(const RunNode& run, const std::string& prefix, bool last,
                 const std::string& lead) {
    if (!seen_runs_.insert(run.uuid).second) {
      tree_.Branch(prefix, last, lead + "run " + ShortUuid(run.uuid) + " (see above)");
      return;
    }
    const std::string child = tree_.Branch(prefix, last, lead + RunSummary(run));
    if (run.error) tree_.Detail(child, "error: " + *run.error);
    for (size_t i = 0; i < run.inputs.size(); ++i) {
      DataBranch(run.inputs[i].digest, child, i + 1 == run.inputs.size(),
                 run.inputs[i].role + ": ");
    }
  }

  const RunNode* Run(const std::string& uuid) const {
    auto it = runs_.find(uuid);
    return it == runs_.end() ? nullptr : it->second;
  }

  const TraceResult& trace_;
  std::map<std::string, const DataNode*> data_;
  std::map<std::string, const RunNode*> runs_;
  std::set<std::string> seen_data_;
  std::set<std::string> seen_runs_;
  TreeText tree_;
};

}  // namespace

std::string RenderTraceText(const TraceResult& trace) { return TraceTree(trace).Render(); }

}  // namespace airm::lineage::internal
