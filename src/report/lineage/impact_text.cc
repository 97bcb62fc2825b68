// The impact as a readable ASCII tree: from the dataset version through the
// runs that read it to what they wrote, then the models, their deployments
// and predictions, and the prediction batches fed from downstream data.
#include <map>
#include <set>

#include "airm/lineage/impact.h"
#include "airm/report/format.h"
#include "graph_view.h"
#include "renderers.h"
#include "tree_text.h"

namespace airm::lineage::internal {
namespace {

std::string Count(int64_t n) { return report::FormatCount(static_cast<uint64_t>(n)); }

class ImpactTree {
 public:
  explicit ImpactTree(const ImpactResult& impact) : impact_(impact) {
    data_[impact.start.digest] = &impact.start;
    for (const DataNode& d : impact.downstream) data_[d.digest] = &d;
    for (const RunNode& r : impact.runs) {
      for (const RunDataRef& in : r.inputs) readers_[in.digest].push_back(&r);
    }
  }

  std::string Render() {
    const ImpactTotals& t = impact_.totals;
    tree_.Line("Impact of " + DataSummary(impact_.start));
    tree_.Line("  store " + impact_.store);
    tree_.Line("  downstream: " + Count(t.runs) + " runs, " + Count(t.datasets) + " datasets, " +
               Count(t.model_versions) + " model versions, " + Count(t.deployments) +
               " deployments (" + Count(t.current_deployments) + " serving now), " +
               Count(t.predictions) + " predictions logged");
    tree_.Blank();
    tree_.Line("Runs and data");
    if (impact_.runs.empty()) tree_.Line("  no run read this data");
    Readers(impact_.start.digest, "");
    tree_.Blank();
    Models();
    tree_.Blank();
    Batches();
    tree_.Blank();
    WriteFindings(impact_.findings, &tree_);
    return tree_.text();
  }

 private:
  void Readers(const std::string& digest, const std::string& prefix) {
    auto it = readers_.find(digest);
    if (it == readers_.end()) return;
    const std::vector<const RunNode*>& runs = it->second;
    for (size_t i = 0; i < runs.size(); ++i) {
      const RunNode& run = *runs[i];
      const bool last = i + 1 == runs.size();
      if (!seen_runs_.insert(run.uuid).second) {
        tree_.Branch(prefix, last, "read by run " + ShortUuid(run.uuid) + " (see above)");
        continue;
      }
      const std::string child = tree_.Branch(prefix, last, "read by " + RunSummary(run));
      for (size_t k = 0; k < run.outputs.size(); ++k) {
        const std::string& out = run.outputs[k].digest;
        const bool out_last = k + 1 == run.outputs.size();
        auto node = data_.find(out);
        if (node == data_.end()) continue;
        if (!seen_data_.insert(out).second) {
          tree_.Branch(child, out_last, "wrote " + node->second->Label() + " (see above)");
          continue;
        }
        const std::string grandchild =
            tree_.Branch(child, out_last, "wrote " + DataSummary(*node->second));
        Readers(out, grandchild);
      }
    }
  }

  void Models() {
    tree_.Line("Models");
    if (impact_.models.empty()) tree_.Line("  no model version learned from this data");
    for (const ImpactModel& m : impact_.models) {
      tree_.Line("  " + m.Reference() + " " + m.artifact_digest);
      std::string via;
      for (const ImpactLink& link : m.via) via += (via.empty() ? "" : "; ") + link.Text();
      tree_.Line("    via " + via);
      if (m.deployments.empty()) tree_.Line("    never deployed");
      for (const ImpactDeployment& d : m.deployments) {
        tree_.Line("    deployed in " + d.environment + " from " + d.valid_from +
                   (d.valid_to ? " to " + *d.valid_to : ", serving now"));
      }
      tree_.Line("    " + Count(m.predictions) + " predictions logged in " +
                 Count(m.prediction_batches) + " batches");
    }
  }

  void Batches() {
    tree_.Line("Prediction batches whose inputs come from downstream");
    if (impact_.batches.empty()) tree_.Line("  none");
    for (const ImpactBatch& b : impact_.batches) {
      tree_.Line("  batch " + std::to_string(b.id) + " of " + b.model + ": " + Count(b.row_count) +
                 " rows logged " + b.logged_at +
                 (b.input_dataset ? ", input " + *b.input_dataset : "") + " (via " + b.via + ")");
    }
  }

  const ImpactResult& impact_;
  std::map<std::string, const DataNode*> data_;
  std::map<std::string, std::vector<const RunNode*>> readers_;
  std::set<std::string> seen_runs_;
  std::set<std::string> seen_data_;
  TreeText tree_;
};

}  // namespace

std::string RenderImpactText(const ImpactResult& impact) { return ImpactTree(impact).Render(); }

}  // namespace airm::lineage::internal
