// The checks, in the order libxgboost would trip over them:
//   1. the bytes parse as JSON or UBJSON within the depth and value bounds;
//   2. the header: version, learner_model_param (num_feature, num_class,
//      num_target), objective, feature names and types, booster kind;
//   3. the booster: tree count = num_trees = tree_info size (dart: also
//      weight_drop), tree ids 0..n-1, output groups in range, limits;
//   4. each tree: every node array num_nodes long and of the right element
//      type; from the root every child index in range, never seen before
//      (no cycle, self-loop or second parent), its parents entry pointing
//      back, leaf flags consistent (both children -1 or neither); every node
//      reached (none deleted); depth bounded; split feature < num_feature;
//      categorical splits' category ranges inside their arrays.
#include "xgboost_model_validator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "airm/small_file.h"
#include "call_policy.h"
#include "python_json.h"

namespace airm::chaos {
namespace {

using Json = nlohmann::json;

// Far above any XGBoost model's nesting (about 8 levels), far below the
// stack a recursive destructor or writer could need.
constexpr size_t kMaxJsonDepth = 64;
// Model-level bounds with no flag: a feature vector of num_feature entries is
// allocated per prediction thread, and class scores per row.
constexpr int64_t kMaxFeatures = 10'000'000;
constexpr int64_t kMaxClasses = 100'000;
// XGBoost keeps categories as float-coded integers (exact below 2^24) and
// allocates a bitset of (largest category + 1) bits per categorical split.
constexpr int64_t kMaxCategory = (int64_t{1} << 24) - 1;
constexpr uint64_t kMaxCategoryBits = uint64_t{1} << 31;  // 256 MiB of bitsets in all
// libxgboost writes the root's parent as the invalid id (-1) with its top
// (is-left-child) bit cleared.
constexpr int64_t kRootParent = 0x7fffffff;

// A DOM builder that refuses documents nested deeper than kMaxJsonDepth or
// holding more values than `max_values`, before building them: an
// adversarial UBJSON array may declare 2^62 elements of a type with no
// payload, and deep nesting would exhaust the stack.
class BoundedDomBuilder {
 public:
  BoundedDomBuilder(Json* result, size_t max_values) : dom_(*result, false), left_(max_values) {}

  bool null() { return Take() && dom_.null(); }
  bool boolean(bool value) { return Take() && dom_.boolean(value); }
  bool number_integer(Json::number_integer_t value) { return Take() && dom_.number_integer(value); }
  bool number_unsigned(Json::number_unsigned_t value) {
    return Take() && dom_.number_unsigned(value);
  }
  bool number_float(Json::number_float_t value, const Json::string_t& text) {
    if (std::isfinite(value)) return Take() && dom_.number_float(value, text);
    // UBJSON's NaN and ±Inf become the sentinels JSON text's tokens become.
    std::string sentinel(std::isnan(value) ? kNanSentinel
                                           : (value > 0 ? kInfSentinel : kNegInfSentinel));
    return Take() && dom_.string(sentinel);
  }
  bool string(Json::string_t& value) { return Take() && dom_.string(value); }
  bool binary(Json::binary_t& value) { return Take() && dom_.binary(value); }
  bool key(Json::string_t& value) { return Take() && dom_.key(value); }
  bool start_object(size_t elements) { return Take() && Enter() && dom_.start_object(elements); }
  bool start_array(size_t elements) { return Take() && Enter() && dom_.start_array(elements); }
  bool end_object() {
    --depth_;
    return dom_.end_object();
  }
  bool end_array() {
    --depth_;
    return dom_.end_array();
  }
  bool parse_error(size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) {
    error_ = error.what();
    position_ = position;
    return false;
  }

  // Why parsing stopped early, or empty when it did not.
  std::string Failure() const {
    if (!error_.empty()) {
      // "[json.exception.parse_error.101] parse error at line 1, ..." without the tag.
      const size_t tag_end = error_.find("] ");
      return (tag_end == std::string::npos ? error_ : error_.substr(tag_end + 2));
    }
    if (too_deep_) return "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    if (too_many_) return "more JSON values than the file has bytes (a malformed length)";
    return "";
  }
  size_t position() const { return position_; }

 private:
  bool Take() {
    if (left_ == 0) {
      too_many_ = true;
      return false;
    }
    --left_;
    return true;
  }
  bool Enter() {
    if (++depth_ > kMaxJsonDepth) {
      too_deep_ = true;
      return false;
    }
    return true;
  }

  nlohmann::detail::json_sax_dom_parser<Json> dom_;
  size_t left_;
  size_t depth_ = 0;
  bool too_deep_ = false;
  bool too_many_ = false;
  std::string error_;
  size_t position_ = 0;
};

// `json` (compact, as nlohmann writes it) with every string literal that is
// a number sentinel written back as libxgboost's NaN / Infinity / -Infinity
// token. String literals are found by their quotes and escapes, so a
// sentinel inside a longer string is left alone.
std::string WithNumberTokens(const std::string& json) {
  std::string quoted[3];
  const std::string_view sentinels[3] = {kNanSentinel, kInfSentinel, kNegInfSentinel};
  const char* tokens[3] = {"NaN", "Infinity", "-Infinity"};
  for (int i = 0; i < 3; ++i) quoted[i] = Json(std::string(sentinels[i])).dump();
  std::string out;
  out.reserve(json.size());
  for (size_t pos = 0; pos < json.size();) {
    if (json[pos] != '"') {
      out.push_back(json[pos++]);
      continue;
    }
    size_t end = pos + 1;
    while (end < json.size() && json[end] != '"') end += json[end] == '\\' ? 2 : 1;
    const std::string_view literal(json.data() + pos, std::min(end + 1, json.size()) - pos);
    int match = -1;
    for (int i = 0; i < 3; ++i) {
      if (literal == quoted[i]) match = i;
    }
    if (match >= 0) {
      out += tokens[match];
    } else {
      out.append(literal);
    }
    pos += literal.size();
  }
  return out;
}

// A value from the file for a message: JSON-quoted with non-ASCII and
// control bytes escaped (no terminal escape sequences; invalid UTF-8, which
// UBJSON strings may hold, replaced rather than thrown on), cut to 40 chars.
std::string Shown(const Json& value) {
  return value.dump(-1, ' ', true, Json::error_handler_t::replace).substr(0, 40);
}

// UBJSON objects start with '{' and then a key length's type marker (or an
// optimized-container marker); JSON objects with whitespace, '"' or '}'.
bool LooksLikeUbjson(std::string_view bytes) {
  return bytes.size() >= 2 && bytes[0] == '{' &&
         std::string_view("iUIlL$#").find(bytes[1]) != std::string_view::npos;
}

class ModelChecker {
 public:
  ModelChecker(std::string_view source, const ModelFileLimits& limits)
      : source_(source), limits_(limits) {}

  Status Check(const Json& model) {
    if (!model.is_object() || !model.contains("learner")) {
      return Bad("", "not an XGBoost model: expected an object with the key 'learner'");
    }
    AIRM_RETURN_IF_ERROR(CheckVersion(model));
    AIRM_ASSIGN_OR_RETURN(const Json* learner, Member(model, "", "learner", Json::value_t::object));
    AIRM_RETURN_IF_ERROR(CheckLearnerParams(*learner));
    AIRM_RETURN_IF_ERROR(CheckObjective(*learner));
    AIRM_RETURN_IF_ERROR(CheckFeatureInfo(*learner, "feature_names"));
    AIRM_RETURN_IF_ERROR(CheckFeatureInfo(*learner, "feature_types"));
    if (learner->contains("attributes") && !(*learner)["attributes"].is_object()) {
      return Bad("/learner/attributes", "expected an object");
    }
    AIRM_ASSIGN_OR_RETURN(const Json* booster,
                          Member(*learner, "/learner", "gradient_booster", Json::value_t::object));
    return CheckBooster(*booster, "/learner/gradient_booster");
  }

 private:
  Status Bad(const std::string& path, const std::string& what) const {
    return Status::ParseError(std::string(source_) + ": " + (path.empty() ? "/" : path) + ": " +
                              what);
  }
  Status OverLimit(const std::string& path, const std::string& what, uint64_t limit,
                   const char* flag) const {
    return Status::InvalidArgument(std::string(source_) + ": " + path + ": " + what +
                                   ", more than the limit of " + std::to_string(limit) +
                                   " (raise it with " + flag + ")");
  }

  Result<const Json*> Member(const Json& object, const std::string& path, const char* key,
                             Json::value_t type) const {
    const auto it = object.find(key);
    if (it == object.end()) return Bad(path, std::string("missing the key '") + key + "'");
    if (it->type() != type) {
      return Bad(path + "/" + key, std::string("expected ") +
                                       (type == Json::value_t::object ? "an object" : "an array") +
                                       ", found " + it->type_name());
    }
    return &*it;
  }

  // An integer as XGBoost writes its parameters: a decimal string ("26") or
  // a JSON integer.
  Result<int64_t> IntParam(const Json& object, const std::string& path, const char* key,
                           std::optional<int64_t> fallback, int64_t lo, int64_t hi) const {
    const auto it = object.find(key);
    const std::string where = path + "/" + key;
    if (it == object.end()) {
      if (fallback) return *fallback;
      return Bad(path, std::string("missing the key '") + key + "'");
    }
    int64_t value = 0;
    bool parsed = false;
    if (it->is_number_unsigned()) {
      const uint64_t u = it->get<uint64_t>();
      parsed = u <= static_cast<uint64_t>(hi);
      value = parsed ? static_cast<int64_t>(u) : 0;
    } else if (it->is_number_integer()) {
      value = it->get<int64_t>();
      parsed = true;
    } else if (it->is_string()) {
      const std::string& text = it->get_ref<const std::string&>();
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      parsed = ec == std::errc() && end == text.data() + text.size() && !text.empty();
    }
    if (!parsed || value < lo || value > hi) {
      return Bad(where, "expected an integer in [" + std::to_string(lo) + ", " +
                            std::to_string(hi) + "], found " + Shown(*it));
    }
    return value;
  }

  Status CheckVersion(const Json& model) const {
    const auto it = model.find("version");
    if (it == model.end()) return Bad("", "missing the key 'version'");
    if (!it->is_array() || it->size() != 3 ||
        !std::all_of(it->begin(), it->end(), [](const Json& v) { return v.is_number_integer(); })) {
      return Bad("/version", "expected [major, minor, patch] integers");
    }
    return Status::Ok();
  }

  Status CheckLearnerParams(const Json& learner) {
    const std::string path = "/learner/learner_model_param";
    AIRM_ASSIGN_OR_RETURN(const Json* params, Member(learner, "/learner", "learner_model_param",
                                                     Json::value_t::object));
    AIRM_ASSIGN_OR_RETURN(num_feature_,
                          IntParam(*params, path, "num_feature", std::nullopt, 1, kMaxFeatures));
    AIRM_ASSIGN_OR_RETURN(num_class_, IntParam(*params, path, "num_class", 0, 0, kMaxClasses));
    AIRM_ASSIGN_OR_RETURN(const int64_t num_target,
                          IntParam(*params, path, "num_target", 1, 1, kMaxClasses));
    num_groups_ = std::max<int64_t>({num_class_, num_target, 1});
    return Status::Ok();
  }

  Status CheckObjective(const Json& learner) const {
    AIRM_ASSIGN_OR_RETURN(const Json* objective,
                          Member(learner, "/learner", "objective", Json::value_t::object));
    const auto name = objective->find("name");
    if (name == objective->end() || !name->is_string()) {
      return Bad("/learner/objective", "expected the objective's 'name' string");
    }
    // A softmax whose own class count differs from the learner's would read
    // class scores past the prediction buffer.
    const auto softmax = objective->find("softmax_multiclass_param");
    if (softmax != objective->end()) {
      if (!softmax->is_object()) {
        return Bad("/learner/objective/softmax_multiclass_param", "expected an object");
      }
      AIRM_ASSIGN_OR_RETURN(const int64_t classes,
                            IntParam(*softmax, "/learner/objective/softmax_multiclass_param",
                                     "num_class", num_class_, 0, kMaxClasses));
      if (classes != num_class_) {
        return Bad("/learner/objective/softmax_multiclass_param/num_class",
                   std::to_string(classes) + " classes, but learner_model_param says " +
                       std::to_string(num_class_));
      }
    }
    return Status::Ok();
  }

  Status CheckFeatureInfo(const Json& learner, const char* key) const {
    const auto it = learner.find(key);
    if (it == learner.end()) return Status::Ok();
    const std::string path = std::string("/learner/") + key;
    if (!it->is_array()) return Bad(path, "expected an array of strings");
    if (!it->empty() && static_cast<int64_t>(it->size()) != num_feature_) {
      return Bad(path, std::to_string(it->size()) + " entries, but num_feature is " +
                           std::to_string(num_feature_));
    }
    for (size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) return Bad(path + "/" + std::to_string(i), "expected a string");
    }
    return Status::Ok();
  }

  Status CheckBooster(const Json& booster, const std::string& path) {
    const auto name = booster.find("name");
    if (name == booster.end() || !name->is_string()) {
      return Bad(path, "expected the booster's 'name' (gbtree, dart or gblinear)");
    }
    const std::string& kind = name->get_ref<const std::string&>();
    if (kind == "gbtree") {
      AIRM_ASSIGN_OR_RETURN(const Json* model,
                            Member(booster, path, "model", Json::value_t::object));
      return CheckTrees(*model, path + "/model").status();
    }
    if (kind == "dart") {
      AIRM_ASSIGN_OR_RETURN(const Json* inner,
                            Member(booster, path, "gbtree", Json::value_t::object));
      const auto inner_name = inner->find("name");
      if (inner_name == inner->end() || *inner_name != "gbtree") {
        return Bad(path + "/gbtree", "expected a gbtree booster inside dart");
      }
      AIRM_ASSIGN_OR_RETURN(const Json* model,
                            Member(*inner, path + "/gbtree", "model", Json::value_t::object));
      AIRM_ASSIGN_OR_RETURN(const size_t trees, CheckTrees(*model, path + "/gbtree/model"));
      AIRM_ASSIGN_OR_RETURN(const Json* drops,
                            Member(booster, path, "weight_drop", Json::value_t::array));
      if (drops->size() != trees) {
        return Bad(path + "/weight_drop", std::to_string(drops->size()) + " weights for " +
                                              std::to_string(trees) + " trees");
      }
      return Numbers(*drops, path + "/weight_drop");
    }
    if (kind == "gblinear") {
      AIRM_ASSIGN_OR_RETURN(const Json* model,
                            Member(booster, path, "model", Json::value_t::object));
      AIRM_ASSIGN_OR_RETURN(const Json* weights,
                            Member(*model, path + "/model", "weights", Json::value_t::array));
      // One weight per feature and output group, plus one bias per group.
      const uint64_t expected = static_cast<uint64_t>(num_feature_ + 1) * num_groups_;
      if (weights->size() != expected) {
        return Bad(path + "/model/weights",
                   std::to_string(weights->size()) + " weights, expected (num_feature + 1) x " +
                       std::to_string(num_groups_) + " groups = " + std::to_string(expected));
      }
      return Numbers(*weights, path + "/model/weights");
    }
    return Bad(path + "/name",
               "unknown booster " + Shown(*name) + " (expected gbtree, dart or gblinear)");
  }

  // Numbers, NaN and ±Inf included: libxgboost writes NaN as the split
  // condition of a categorical split.
  Status Numbers(const Json& array, const std::string& path) const {
    double unused = 0;
    for (size_t i = 0; i < array.size(); ++i) {
      const Json& v = array[i];
      if (!v.is_number() &&
          !(v.is_string() && SentinelNumber(v.get_ref<const std::string&>(), &unused))) {
        return Bad(path + "/" + std::to_string(i),
                   "expected a number, found " + std::string(v.type_name()));
      }
    }
    return Status::Ok();
  }

  // The trees of a gbtree model; returns how many.
  Result<size_t> CheckTrees(const Json& model, const std::string& path) {
    const std::string param_path = path + "/gbtree_model_param";
    AIRM_ASSIGN_OR_RETURN(const Json* params,
                          Member(model, path, "gbtree_model_param", Json::value_t::object));
    const auto max_trees = static_cast<int64_t>(
        std::min<uint64_t>(limits_.max_trees, std::numeric_limits<int32_t>::max()));
    AIRM_ASSIGN_OR_RETURN(const int64_t num_trees,
                          IntParam(*params, param_path, "num_trees", std::nullopt, 0,
                                   std::numeric_limits<int32_t>::max()));
    if (static_cast<uint64_t>(num_trees) > limits_.max_trees) {
      return OverLimit(param_path + "/num_trees", std::to_string(num_trees) + " trees",
                       limits_.max_trees, "--max-model-trees");
    }
    AIRM_RETURN_IF_ERROR(
        IntParam(*params, param_path, "num_parallel_tree", 1, 1, std::max<int64_t>(max_trees, 1))
            .status());
    AIRM_ASSIGN_OR_RETURN(const int64_t leaf_vector,
                          IntParam(*params, param_path, "size_leaf_vector", 0, 0, 0));
    (void)leaf_vector;
    AIRM_ASSIGN_OR_RETURN(const Json* trees, Member(model, path, "trees", Json::value_t::array));
    AIRM_ASSIGN_OR_RETURN(const Json* tree_info,
                          Member(model, path, "tree_info", Json::value_t::array));
    if (trees->size() != static_cast<size_t>(num_trees)) {
      return Bad(path + "/trees", std::to_string(trees->size()) + " trees, but num_trees is " +
                                      std::to_string(num_trees));
    }
    if (tree_info->size() != static_cast<size_t>(num_trees)) {
      return Bad(path + "/tree_info", std::to_string(tree_info->size()) +
                                          " entries, but num_trees is " +
                                          std::to_string(num_trees));
    }
    for (size_t i = 0; i < tree_info->size(); ++i) {
      AIRM_RETURN_IF_ERROR(Integer((*tree_info)[i], path + "/tree_info/" + std::to_string(i), 0,
                                   num_groups_ - 1,
                                   "an output group below " + std::to_string(num_groups_))
                               .status());
    }
    for (size_t i = 0; i < trees->size(); ++i) {
      const std::string tree_path = path + "/trees/" + std::to_string(i);
      const Json& tree = (*trees)[i];
      if (!tree.is_object()) return Bad(tree_path, "expected an object (a tree)");
      // XGBoost places each tree by its id, so ids must be 0..n-1 in order.
      const auto id = tree.find("id");
      if (id == tree.end()) return Bad(tree_path, "missing the key 'id'");
      AIRM_RETURN_IF_ERROR(Integer(*id, tree_path + "/id", static_cast<int64_t>(i),
                                   static_cast<int64_t>(i),
                                   "the tree's position " + std::to_string(i))
                               .status());
      AIRM_RETURN_IF_ERROR(CheckTree(tree, tree_path));
    }
    return trees->size();
  }

  Result<int64_t> Integer(const Json& v, const std::string& path, int64_t lo, int64_t hi,
                          const std::string& expected) const {
    int64_t value = 0;
    if (v.is_number_unsigned()) {
      const uint64_t u = v.get<uint64_t>();
      value = u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                  ? std::numeric_limits<int64_t>::max()
                  : static_cast<int64_t>(u);
    } else if (v.is_number_integer()) {
      value = v.get<int64_t>();
    } else {
      return Bad(path, "expected an integer (" + expected + "), found " + v.type_name());
    }
    if (value < lo || value > hi) {
      return Bad(path, std::to_string(value) + " is out of range: expected " + expected);
    }
    return value;
  }

  // An array of `n` integers in [lo, hi].
  Result<std::vector<int64_t>> Integers(const Json& tree, const std::string& path, const char* key,
                                        size_t n, int64_t lo, int64_t hi,
                                        const std::string& expected) const {
    AIRM_ASSIGN_OR_RETURN(const Json* array, Member(tree, path, key, Json::value_t::array));
    const std::string array_path = path + "/" + key;
    if (array->size() != n) {
      return Bad(array_path, std::to_string(array->size()) + " entries, but the tree has " +
                                 std::to_string(n) + " nodes (tree_param/num_nodes)");
    }
    std::vector<int64_t> values(n);
    for (size_t i = 0; i < n; ++i) {
      AIRM_ASSIGN_OR_RETURN(
          values[i], Integer((*array)[i], array_path + "/" + std::to_string(i), lo, hi, expected));
    }
    return values;
  }

  Status NodeNumbers(const Json& tree, const std::string& path, const char* key, size_t n) const {
    AIRM_ASSIGN_OR_RETURN(const Json* array, Member(tree, path, key, Json::value_t::array));
    if (array->size() != n) {
      return Bad(path + "/" + key, std::to_string(array->size()) + " entries, but the tree has " +
                                       std::to_string(n) + " nodes (tree_param/num_nodes)");
    }
    return Numbers(*array, path + "/" + key);
  }

  Status CheckTree(const Json& tree, const std::string& path) {
    AIRM_ASSIGN_OR_RETURN(const Json* params,
                          Member(tree, path, "tree_param", Json::value_t::object));
    const std::string param_path = path + "/tree_param";
    constexpr int64_t kMaxNodeId = std::numeric_limits<int32_t>::max() - 1;
    AIRM_ASSIGN_OR_RETURN(const int64_t num_nodes,
                          IntParam(*params, param_path, "num_nodes", std::nullopt, 1, kMaxNodeId));
    total_nodes_ += static_cast<uint64_t>(num_nodes);
    if (total_nodes_ > limits_.max_nodes) {
      return OverLimit(param_path + "/num_nodes",
                       "the trees so far have " + std::to_string(total_nodes_) + " nodes",
                       limits_.max_nodes, "--max-model-nodes");
    }
    // Deleted nodes are unreachable, and every node must be reached.
    AIRM_RETURN_IF_ERROR(IntParam(*params, param_path, "num_deleted", 0, 0, 0).status());
    AIRM_RETURN_IF_ERROR(IntParam(*params, param_path, "size_leaf_vector", 0, 0, 0).status());
    const auto n = static_cast<size_t>(num_nodes);

    AIRM_ASSIGN_OR_RETURN(std::vector<int64_t> left, Integers(tree, path, "left_children", n, -1,
                                                              kMaxNodeId, "a node index or -1"));
    AIRM_ASSIGN_OR_RETURN(std::vector<int64_t> right, Integers(tree, path, "right_children", n, -1,
                                                               kMaxNodeId, "a node index or -1"));
    AIRM_ASSIGN_OR_RETURN(std::vector<int64_t> parents,
                          Integers(tree, path, "parents", n, -1, kRootParent,
                                   "a node index, or -1 / 2147483647 at the root"));
    AIRM_ASSIGN_OR_RETURN(
        std::vector<int64_t> features,
        Integers(tree, path, "split_indices", n, 0, num_feature_ - 1,
                 "a feature index below num_feature " + std::to_string(num_feature_)));
    AIRM_RETURN_IF_ERROR(Integers(tree, path, "default_left", n, 0, 1, "0 or 1").status());
    for (const char* key : {"split_conditions", "base_weights", "loss_changes", "sum_hessian"}) {
      AIRM_RETURN_IF_ERROR(NodeNumbers(tree, path, key, n));
    }
    std::vector<int64_t> split_type(n, 0);
    if (tree.contains("split_type")) {
      AIRM_ASSIGN_OR_RETURN(split_type, Integers(tree, path, "split_type", n, 0, 1,
                                                 "0 (numerical) or 1 (categorical)"));
    }
    AIRM_RETURN_IF_ERROR(CheckStructure(path, left, right, parents));
    return CheckCategories(tree, path, left, split_type);
  }

  // From the root down: every child index in range and reached exactly once,
  // its parents entry pointing back, depth bounded, every node reached.
  Status CheckStructure(const std::string& path, const std::vector<int64_t>& left,
                        const std::vector<int64_t>& right, const std::vector<int64_t>& parents) {
    const size_t n = left.size();
    if (parents[0] != -1 && parents[0] != kRootParent) {
      return Bad(path + "/parents/0",
                 "the root's parent must be -1 or 2147483647, found " + std::to_string(parents[0]));
    }
    // tree_parent[i]: the node whose child i was found to be; -1 for the root and unreached.
    std::vector<int64_t> tree_parent(n, -1);
    std::vector<uint8_t> reached(n, 0);
    reached[0] = 1;
    size_t reached_count = 1;
    std::vector<std::pair<size_t, uint64_t>> stack = {{0, 0}};  // node, depth
    while (!stack.empty()) {
      const auto [node, depth] = stack.back();
      stack.pop_back();
      const std::string node_text = "node " + std::to_string(node);
      if (depth > limits_.max_depth) {
        return OverLimit(path, node_text + " is at depth " + std::to_string(depth),
                         limits_.max_depth, "--max-model-depth");
      }
      if (left[node] == -1 || right[node] == -1) {
        if (left[node] != right[node]) {
          return Bad(path + "/left_children/" + std::to_string(node),
                     node_text + " has one child index -1 and the other " +
                         std::to_string(std::max(left[node], right[node])) +
                         ": a leaf has both -1, a split node neither");
        }
        continue;  // a leaf
      }
      // Right first onto the stack, so left subtrees are walked first.
      for (const bool is_left : {false, true}) {
        const int64_t child = is_left ? left[node] : right[node];
        const std::string child_path =
            path + (is_left ? "/left_children/" : "/right_children/") + std::to_string(node);
        if (child >= static_cast<int64_t>(n)) {
          return Bad(child_path, node_text + " has child " + std::to_string(child) +
                                     ", out of range: the tree has " + std::to_string(n) +
                                     " nodes");
        }
        const auto c = static_cast<size_t>(child);
        if (c == node) return Bad(child_path, node_text + " is its own child (a self-loop)");
        if (reached[c]) {
          for (int64_t up = static_cast<int64_t>(node); up != -1; up = tree_parent[up]) {
            if (static_cast<size_t>(up) == c) {
              return Bad(child_path, node_text + " has child " + std::to_string(c) +
                                         ", which is its ancestor (a cycle)");
            }
          }
          return Bad(child_path, "node " + std::to_string(c) + " is a child of both node " +
                                     std::to_string(tree_parent[c] == -1 ? 0 : tree_parent[c]) +
                                     " and " + node_text + " (a node with two parents)");
        }
        if (parents[c] != static_cast<int64_t>(node)) {
          return Bad(path + "/parents/" + std::to_string(c),
                     "node " + std::to_string(c) + " is a child of " + node_text +
                         ", but its parent entry says " + std::to_string(parents[c]));
        }
        reached[c] = 1;
        tree_parent[c] = static_cast<int64_t>(node);
        ++reached_count;
        stack.emplace_back(c, depth + 1);
      }
    }
    if (reached_count != n) {
      const size_t lost = std::find(reached.begin(), reached.end(), 0) - reached.begin();
      return Bad(path, "node " + std::to_string(lost) + " is not reachable from the root (" +
                           std::to_string(n - reached_count) + " of " + std::to_string(n) +
                           " nodes are not)");
    }
    return Status::Ok();
  }

  // categories_nodes lists the categorical split nodes in increasing order;
  // entry k's categories are categories[segments[k], segments[k] + sizes[k]).
  Status CheckCategories(const Json& tree, const std::string& path,
                         const std::vector<int64_t>& left, const std::vector<int64_t>& split_type) {
    const size_t n = left.size();
    const char* keys[] = {"categories", "categories_nodes", "categories_segments",
                          "categories_sizes"};
    const Json* arrays[4] = {};
    for (int k = 0; k < 4; ++k) {
      const auto it = tree.find(keys[k]);
      if (it == tree.end()) continue;
      if (!it->is_array()) return Bad(path + "/" + keys[k], "expected an array");
      arrays[k] = &*it;
    }
    const auto size_of = [&](int k) { return arrays[k] ? arrays[k]->size() : size_t{0}; };
    const size_t splits = size_of(1);
    if (size_of(2) != splits || size_of(3) != splits) {
      return Bad(path + "/categories_nodes", std::to_string(splits) + " categorical nodes, but " +
                                                 std::to_string(size_of(2)) +
                                                 " categories_segments and " +
                                                 std::to_string(size_of(3)) + " categories_sizes");
    }
    const auto total = static_cast<int64_t>(size_of(0));
    int64_t previous = -1;
    for (size_t k = 0; k < splits; ++k) {
      const std::string at = "/" + std::to_string(k);
      AIRM_ASSIGN_OR_RETURN(
          const int64_t node,
          Integer((*arrays[1])[k], path + "/categories_nodes" + at, previous + 1,
                  static_cast<int64_t>(n) - 1,
                  "a node index above the previous entry's, below " + std::to_string(n)));
      previous = node;
      if (split_type[node] != 1 || left[node] == -1) {
        return Bad(path + "/categories_nodes" + at,
                   "node " + std::to_string(node) + " is not a categorical split node");
      }
      AIRM_ASSIGN_OR_RETURN(const int64_t begin,
                            Integer((*arrays[2])[k], path + "/categories_segments" + at, 0, total,
                                    "an offset into categories"));
      AIRM_ASSIGN_OR_RETURN(const int64_t size,
                            Integer((*arrays[3])[k], path + "/categories_sizes" + at, 1,
                                    total - begin, "a count of at least 1 within categories"));
      int64_t largest = 0;
      for (int64_t j = begin; j < begin + size; ++j) {
        AIRM_ASSIGN_OR_RETURN(
            const int64_t category,
            Integer((*arrays[0])[j], path + "/categories/" + std::to_string(j), 0, kMaxCategory,
                    "a category in [0, " + std::to_string(kMaxCategory) + "]"));
        largest = std::max(largest, category);
      }
      category_bits_ += static_cast<uint64_t>(largest) + 1;
      if (category_bits_ > kMaxCategoryBits) {
        return Bad(path + "/categories", "categorical splits need more than " +
                                             std::to_string(kMaxCategoryBits / 8) +
                                             " bytes of category sets");
      }
    }
    const size_t categorical = std::count(split_type.begin(), split_type.end(), 1);
    if (categorical != splits) {
      return Bad(path + "/split_type", std::to_string(categorical) +
                                           " nodes are categorical splits, but categories_nodes "
                                           "lists " +
                                           std::to_string(splits));
    }
    return Status::Ok();
  }

  std::string_view source_;
  const ModelFileLimits& limits_;
  int64_t num_feature_ = 0;
  int64_t num_class_ = 0;
  int64_t num_groups_ = 1;
  uint64_t total_nodes_ = 0;
  uint64_t category_bits_ = 0;
};

}  // namespace

Result<std::string> CheckXgboostModel(std::string_view bytes, std::string_view source,
                                      const ModelFileLimits& limits) {
  const std::string name(source);
  if (bytes.size() > limits.max_bytes) {
    return Status::InvalidArgument(name + ": the model is " + std::to_string(bytes.size()) +
                                   " bytes, more than the limit of " +
                                   std::to_string(limits.max_bytes) +
                                   " (raise it with --max-model-bytes)");
  }
  const size_t start = bytes.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || bytes[start] != '{') {
    return Status::ParseError(
        name +
        ": not an XGBoost model in JSON or UBJSON (both start with '{'); the legacy "
        "binary format is refused because it cannot be checked before loading: re-save "
        "the model with save_model(\"model.json\")");
  }
  const bool ubjson = LooksLikeUbjson(bytes);
  Json model;
  // Every JSON value takes at least one byte of the file (UBJSON's
  // no-payload typed arrays aside, which this bound is for).
  BoundedDomBuilder builder(&model, bytes.size() + 16);
  bool parsed = false;
  try {
    parsed = ubjson ? Json::sax_parse(bytes, &builder, Json::input_format_t::ubjson)
                    : Json::sax_parse(StrictJsonFromPython(bytes), &builder);
  } catch (const Json::exception& error) {
    return Status::ParseError(name + ": not a valid " + (ubjson ? "UBJSON" : "JSON") +
                              " model: " + error.what());
  } catch (const std::bad_alloc&) {
    return Status::InvalidArgument(name + ": the model does not fit in memory");
  }
  if (!parsed) {
    std::string why = builder.Failure();
    if (why.empty()) why = "cannot be parsed";
    return Status::ParseError(name + ": not a valid " + (ubjson ? "UBJSON" : "JSON") +
                              " model: " + why +
                              (ubjson ? " (byte " + std::to_string(builder.position()) + ")" : ""));
  }
  ModelChecker checker(source, limits);
  AIRM_RETURN_IF_ERROR(checker.Check(model));
  try {
    return WithNumberTokens(model.dump());
  } catch (const Json::exception& error) {
    // dump refuses invalid UTF-8 in strings (JSON text was checked by the parser; UBJSON is not).
    return Status::ParseError(name +
                              ": the model holds a string that is not UTF-8: " + error.what());
  }
}

Result<std::string> LoadCheckedXgboostModel(const std::string& path,
                                            const ModelFileLimits& limits) {
  AIRM_ASSIGN_OR_RETURN(std::string bytes,
                        ReadSmallFile(path, "xgboost model file", limits.max_bytes,
                                      "raise it with --max-model-bytes"));
  return CheckXgboostModel(bytes, path, limits);
}

Result<learn::XgbBooster> LoadCheckedXgboostBooster(const std::string& path,
                                                    const ModelFileLimits& limits) {
  AIRM_ASSIGN_OR_RETURN(const std::string checked, LoadCheckedXgboostModel(path, limits));
  Result<learn::XgbBooster> loaded = learn::XgbBooster::Load(checked);
  if (!loaded.ok() && loaded.status().code() == StatusCode::kParseError) {
    return Status::ParseError(path +
                              ": not an XGBoost model: " + Truncate(loaded.status().message()));
  }
  return loaded;
}

}  // namespace airm::chaos
