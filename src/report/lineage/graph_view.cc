#include "graph_view.h"

#include <map>
#include <set>

#include "airm/report/format.h"

namespace airm::lineage::internal {

using report::Cat;

namespace {

bool FileProblem(const std::vector<FileCheck>& files) {
  for (const FileCheck& f : files) {
    if (f.state == FileState::kChanged || f.state == FileState::kMissing) return true;
  }
  return false;
}

std::string FileMark(const std::vector<FileCheck>& files) {
  std::string mark;
  for (const FileCheck& f : files) {
    if (f.state == FileState::kChanged) mark = "CHANGED";
    if (f.state == FileState::kMissing && mark.empty()) mark = "MISSING";
  }
  return mark.empty() ? "" : "\n" + mark;
}

std::string DataLabel(const DataNode& node) {
  std::string label = node.Label();
  for (size_t i = 1; i < node.registrations.size(); ++i) {
    label += "\naka " + node.registrations[i].Reference();
  }
  label += Cat({"\n", ShortDigest(node.digest)});
  if (!node.registrations.empty() && node.registrations.front().row_count) {
    label += "\n" +
             report::FormatCount(static_cast<uint64_t>(*node.registrations.front().row_count)) +
             " rows";
  }
  return label + FileMark(node.files);
}

std::string RunLabel(const RunNode& run) {
  return run.job_name + "\n" + run.status + " " + run.started_at + "\nrun " + ShortUuid(run.uuid);
}

bool RunProblem(const RunNode& run) { return run.status == "failed" || run.status == "aborted"; }

// Adds data and run nodes and the edges between them that stay inside `digests`.
class ViewBuilder {
 public:
  explicit ViewBuilder(GraphView* view) : view_(view) {}

  std::string DataId(const std::string& digest) {
    auto [it, fresh] = data_ids_.emplace(digest, Cat({"d", std::to_string(data_ids_.size() + 1)}));
    return it->second;
  }
  bool HasData(const std::string& digest) const { return data_ids_.count(digest) > 0; }

  void AddData(const DataNode& node) {
    view_->nodes.push_back(
        {DataId(node.digest), NodeKind::kData, DataLabel(node), FileProblem(node.files)});
  }
  void AddRun(const RunNode& run) {
    const std::string id = Cat({"r", std::to_string(run.id)});
    if (!run_ids_.insert(id).second) return;
    view_->nodes.push_back({id, NodeKind::kRun, RunLabel(run), RunProblem(run)});
    runs_.push_back(&run);
  }
  // Input and output edges of every added run, to data in the view.
  void AddRunEdges() {
    for (const RunNode* run : runs_) {
      const std::string id = Cat({"r", std::to_string(run->id)});
      std::set<std::string> drawn;
      for (const RunDataRef& in : run->inputs) {
        if (!HasData(in.digest) || !drawn.insert("i" + in.digest + in.role).second) continue;
        view_->edges.push_back({DataId(in.digest), id, in.role});
      }
      for (const RunDataRef& out : run->outputs) {
        if (!HasData(out.digest) || !drawn.insert("o" + out.digest).second) continue;
        view_->edges.push_back({id, DataId(out.digest), "output"});
      }
    }
  }

 private:
  GraphView* view_;
  std::map<std::string, std::string> data_ids_;
  std::set<std::string> run_ids_;
  std::vector<const RunNode*> runs_;
};

}  // namespace

std::string ShortDigest(std::string_view digest) {
  const size_t colon = digest.find(':');
  const size_t keep = (colon == std::string_view::npos ? 0 : colon + 1) + 12;
  if (digest.size() <= keep + 1) return std::string(digest);
  return std::string(digest.substr(0, keep)) + "...";
}

std::string ShortUuid(std::string_view uuid) { return std::string(uuid.substr(0, 8)); }

GraphView TraceView(const TraceResult& trace) {
  GraphView view;
  view.title = "airm trace of prediction " + trace.prediction.id;
  ViewBuilder builder(&view);
  for (const TracedData& data : trace.data) builder.AddData(data.node);
  for (const TracedRun& run : trace.runs) builder.AddRun(run.run);
  builder.AddRunEdges();

  const ModelVersionInfo& model = trace.model;
  const bool model_problem = model.file && (model.file->state == FileState::kChanged ||
                                            model.file->state == FileState::kMissing);
  view.nodes.push_back({"model", NodeKind::kModel,
                        "model " + model.Reference() + "\n" + ShortDigest(model.artifact_digest) +
                            (model.file ? FileMark({*model.file}) : ""),
                        model_problem});
  for (const TracedRun& run : trace.runs) {
    if (run.role == "training")
      view.edges.push_back({Cat({"r", std::to_string(run.run.id)}), "model", "trained"});
  }
  for (const ModelData& d : model.data) {
    if (builder.HasData(d.digest))
      view.edges.push_back({builder.DataId(d.digest), "model", d.role});
  }
  const PredictionInfo& p = trace.prediction;
  view.nodes.push_back(
      {"prediction", NodeKind::kPrediction,
       "prediction " + p.id + "\n" + p.predicted_at + (p.output ? "\noutput " + *p.output : ""),
       false});
  if (trace.deployment) {
    const bool mismatch = trace.deployment->model_version_id != model.id;
    view.nodes.push_back({"deployment", NodeKind::kDeployment,
                          "deployment " + trace.deployment->environment + "\nsince " +
                              trace.deployment->valid_from + "\nserves " + trace.deployment->model,
                          mismatch});
    view.edges.push_back({"model", "deployment", "deployed"});
    view.edges.push_back({"deployment", "prediction", "served"});
  } else {
    view.edges.push_back({"model", "prediction", "predicted"});
  }
  if (p.batch.input_digest && builder.HasData(*p.batch.input_digest)) {
    view.edges.push_back({builder.DataId(*p.batch.input_digest), "prediction", "input"});
  } else if (p.batch.preprocessing_run_uuid) {
    for (const TracedRun& run : trace.runs) {
      if (run.run.uuid == *p.batch.preprocessing_run_uuid) {
        view.edges.push_back(
            {Cat({"r", std::to_string(run.run.id)}), "prediction", "preprocessed"});
      }
    }
  }
  return view;
}

GraphView ImpactView(const ImpactResult& impact) {
  GraphView view;
  view.title = "airm impact of " + impact.start.Label();
  ViewBuilder builder(&view);
  builder.AddData(impact.start);
  for (const DataNode& node : impact.downstream) builder.AddData(node);
  for (const RunNode& run : impact.runs) builder.AddRun(run);
  builder.AddRunEdges();
  std::map<std::string, std::string> run_ids;
  for (const RunNode& run : impact.runs) run_ids[run.uuid] = Cat({"r", std::to_string(run.id)});
  for (const ImpactModel& m : impact.models) {
    const std::string id = Cat({"m", std::to_string(m.id)});
    view.nodes.push_back({id, NodeKind::kModel,
                          "model " + m.Reference() + "\n" + ShortDigest(m.artifact_digest), false});
    for (const ImpactLink& link : m.via) {
      if (!link.run_uuid.empty()) {
        auto it = run_ids.find(link.run_uuid);
        if (it != run_ids.end()) view.edges.push_back({it->second, id, "trained"});
      } else if (builder.HasData(link.digest)) {
        view.edges.push_back({builder.DataId(link.digest), id, link.role});
      }
    }
    for (const ImpactDeployment& d : m.deployments) {
      const std::string dep_id = "dep" + std::to_string(d.id);
      view.nodes.push_back({dep_id, NodeKind::kDeployment,
                            "deployment " + d.environment + "\n" + d.valid_from + " to " +
                                d.valid_to.value_or("now"),
                            d.current()});
      view.edges.push_back({id, dep_id, "deployed"});
    }
    if (m.predictions > 0) {
      const std::string pred_id = Cat({"p", std::to_string(m.id)});
      view.nodes.push_back(
          {pred_id, NodeKind::kPredictions,
           report::FormatCount(static_cast<uint64_t>(m.predictions)) + " predictions\nin " +
               report::FormatCount(static_cast<uint64_t>(m.prediction_batches)) + " batches",
           false});
      view.edges.push_back({id, pred_id, "predicted"});
    }
  }
  return view;
}

}  // namespace airm::lineage::internal
