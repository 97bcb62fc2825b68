#include "airm/governance/eu_ai_act.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <span>

#include "choices.h"

namespace airm::governance {
namespace {

struct Question {
  const char* key;
  const char* article;
  const char* text;
};

// Art. 5(1): prohibited AI practices.
constexpr Question kProhibited[] = {
    {"subliminal_manipulation", "Art. 5(1)(a)",
     "subliminal, purposefully manipulative or deceptive techniques that distort behaviour"},
    {"exploits_vulnerabilities", "Art. 5(1)(b)",
     "exploits vulnerabilities due to age, disability or a social or economic situation"},
    {"social_scoring", "Art. 5(1)(c)", "social scoring leading to detrimental treatment"},
    {"crime_risk_profiling", "Art. 5(1)(d)",
     "assesses the risk of a person committing a criminal offence solely from profiling or "
     "personality traits"},
    {"untargeted_face_scraping", "Art. 5(1)(e)",
     "untargeted scraping of facial images to build facial recognition databases"},
    {"emotion_recognition_work_education", "Art. 5(1)(f)",
     "infers emotions in the workplace or in education (not for medical or safety reasons)"},
    {"biometric_categorisation_sensitive", "Art. 5(1)(g)",
     "biometric categorisation inferring race, political opinions, trade-union membership, "
     "religious or philosophical beliefs, sex life or sexual orientation"},
    {"realtime_remote_biometric_id_law_enforcement", "Art. 5(1)(h)",
     "real-time remote biometric identification in publicly accessible spaces for law "
     "enforcement"},
};

// Annex III high-risk areas (Art. 6(2)).
constexpr Question kAnnexIII[] = {
    {"biometrics", "Annex III point 1", "biometrics"},
    {"critical_infrastructure", "Annex III point 2", "critical infrastructure"},
    {"education", "Annex III point 3", "education and vocational training"},
    {"employment", "Annex III point 4",
     "employment, workers management and access to self-employment"},
    {"essential_services", "Annex III point 5",
     "access to and enjoyment of essential private services and essential public services and "
     "benefits"},
    {"law_enforcement", "Annex III point 6", "law enforcement"},
    {"migration_border", "Annex III point 7", "migration, asylum and border control management"},
    {"justice_democracy", "Annex III point 8",
     "administration of justice and democratic processes"},
};

// Art. 6(3) derogations.
constexpr Question kDerogations[] = {
    {"narrow_procedural_task", "Art. 6(3)(a)", "performs a narrow procedural task"},
    {"improves_human_activity", "Art. 6(3)(b)",
     "improves the result of a previously completed human activity"},
    {"detects_patterns", "Art. 6(3)(c)",
     "detects decision-making patterns or deviations without replacing or influencing the human "
     "assessment"},
    {"preparatory_task", "Art. 6(3)(d)", "performs a preparatory task to an assessment"},
};

// Art. 50 transparency obligations.
constexpr Question kTransparency[] = {
    {"interacts_with_people", "Art. 50(1)",
     "interacts directly with natural persons, who must be told they are dealing with an AI "
     "system"},
    {"generates_synthetic_content", "Art. 50(2)",
     "generates synthetic audio, image, video or text, which must be marked as artificially "
     "generated in a machine-readable format"},
    {"emotion_or_biometric_categorisation", "Art. 50(3)",
     "recognises emotions or categorises people biometrically; the people exposed must be "
     "informed"},
    {"deepfake_or_public_interest_text", "Art. 50(4)",
     "produces deep fakes or text published to inform the public on matters of public "
     "interest, which must be disclosed as artificially generated"},
};

const Question* Find(std::span<const Question> list, const std::string& key) {
  for (const Question& q : list) {
    if (key == q.key) return &q;
  }
  return nullptr;
}

std::string Keys(std::span<const Question> list, bool with_none) {
  std::string out = with_none ? "none" : "";
  for (const Question& q : list) out += (out.empty() ? "" : ", ") + std::string(q.key);
  return out;
}

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  Status Error(const YAML::Node& node, const std::string& what) const {
    return internal::YamlNodeError(path_, node, what);
  }

  // The mapping at `key` of `parent`; every key of it must be in `allowed`.
  Result<YAML::Node> Map(const YAML::Node& parent, const std::string& key,
                         const std::set<std::string>& allowed) const {
    const YAML::Node node = parent[key];
    if (!node) return Error(parent, "missing key '" + key + "'");
    if (!node.IsMap()) return Error(node, "'" + key + "' must be a mapping");
    AIRM_RETURN_IF_ERROR(OnlyKeys(node, key + ".", allowed));
    return node;
  }

  Status OnlyKeys(const YAML::Node& map, const std::string& prefix,
                  const std::set<std::string>& allowed) const {
    for (const auto& kv : map) {
      const std::string k = kv.first.Scalar();
      if (!allowed.count(k)) {
        std::string list;
        for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
        return Error(kv.first, "unknown key '" + prefix + k + "'; expected one of " + list);
      }
    }
    return Status::Ok();
  }

  Result<bool> Bool(const YAML::Node& parent, const std::string& key,
                    const std::string& name) const {
    const YAML::Node node = parent[key];
    if (!node) return Error(parent, "missing answer '" + name + "' (true or false)");
    if (!node.IsScalar() || (node.Scalar() != "true" && node.Scalar() != "false")) {
      return Error(node, "'" + name + "' must be true or false");
    }
    return node.Scalar() == "true";
  }

  Result<std::string> Choice(const YAML::Node& parent, const std::string& key,
                             const std::string& name, std::span<const Question> list) const {
    const YAML::Node node = parent[key];
    if (!node) return Error(parent, "missing answer '" + name + "' (" + Keys(list, true) + ")");
    if (!node.IsScalar() || (node.Scalar() != "none" && !Find(list, node.Scalar()))) {
      return Error(node, "'" + name + "': expected one of " + Keys(list, true));
    }
    return node.Scalar();
  }

 private:
  std::string path_;
};

std::set<std::string> KeySet(std::span<const Question> list) {
  std::set<std::string> out;
  for (const Question& q : list) out.insert(q.key);
  return out;
}

}  // namespace

Result<EuAiActAnswers> ParseEuAiActAnswers(const std::string& text, const std::string& path) {
  Reader r(path);
  EuAiActAnswers a;
  try {
    const YAML::Node doc = YAML::Load(text);
    if (!doc.IsMap()) {
      return Status::ParseError(path +
                                ":1: expected a mapping with prohibited, "
                                "annex_i_safety_component, annex_iii and transparency");
    }
    AIRM_RETURN_IF_ERROR(r.OnlyKeys(
        doc, "",
        {"system", "prohibited", "annex_i_safety_component", "annex_iii", "transparency"}));
    AIRM_ASSIGN_OR_RETURN(YAML::Node prohibited, r.Map(doc, "prohibited", KeySet(kProhibited)));
    for (const Question& q : kProhibited) {
      AIRM_ASSIGN_OR_RETURN(a.prohibited[q.key],
                            r.Bool(prohibited, q.key, std::string("prohibited.") + q.key));
    }
    AIRM_ASSIGN_OR_RETURN(a.annex_i_safety_component,
                          r.Bool(doc, "annex_i_safety_component", "annex_i_safety_component"));
    AIRM_ASSIGN_OR_RETURN(YAML::Node annex,
                          r.Map(doc, "annex_iii", {"area", "derogation", "profiling"}));
    AIRM_ASSIGN_OR_RETURN(a.annex_iii_area, r.Choice(annex, "area", "annex_iii.area", kAnnexIII));
    AIRM_ASSIGN_OR_RETURN(a.derogation,
                          r.Choice(annex, "derogation", "annex_iii.derogation", kDerogations));
    AIRM_ASSIGN_OR_RETURN(a.profiling, r.Bool(annex, "profiling", "annex_iii.profiling"));
    AIRM_ASSIGN_OR_RETURN(YAML::Node transparency,
                          r.Map(doc, "transparency", KeySet(kTransparency)));
    for (const Question& q : kTransparency) {
      AIRM_ASSIGN_OR_RETURN(a.transparency[q.key],
                            r.Bool(transparency, q.key, std::string("transparency.") + q.key));
    }
  } catch (const YAML::Exception& e) {
    return internal::YamlExceptionError(path, e);
  }
  return a;
}

EuAiActClassification ClassifyEuAiAct(const EuAiActAnswers& a) {
  EuAiActClassification out;
  for (const Question& q : kProhibited) {
    if (a.prohibited.count(q.key) && a.prohibited.at(q.key)) {
      out.rationale.push_back(std::string(q.article) + ": prohibited practice: the system " +
                              q.text + ".");
    }
  }
  if (!out.rationale.empty()) {
    out.tier = "prohibited";
    return out;
  }
  bool high = false;
  if (a.annex_i_safety_component) {
    high = true;
    out.rationale.push_back(
        "Art. 6(1): a safety component of (or itself) a product covered by the Union "
        "harmonisation legislation of Annex I that requires a third-party conformity assessment.");
  }
  if (const Question* area = Find(kAnnexIII, a.annex_iii_area)) {
    const Question* derogation = Find(kDerogations, a.derogation);
    if (derogation && !a.profiling) {
      out.rationale.push_back(std::string(area->article) + " (" + area->text + ") applies, but " +
                              derogation->article + " exempts it: the system " + derogation->text +
                              ". Document this assessment (Art. 6(4)) and register the system "
                              "(Art. 49(2)).");
    } else {
      high = true;
      std::string why = std::string("Art. 6(2) and ") + area->article + ": " + area->text + ".";
      if (derogation) {
        why += " The " + std::string(derogation->article) +
               " derogation claimed cannot apply because the system profiles natural persons "
               "(Art. 6(3), last subparagraph).";
      }
      out.rationale.push_back(why);
    }
  }
  bool transparency = false;
  for (const Question& q : kTransparency) {
    if (a.transparency.count(q.key) && a.transparency.at(q.key)) {
      transparency = true;
      out.rationale.push_back(std::string(q.article) + ": transparency duty: the system " + q.text +
                              ".");
    }
  }
  if (high) {
    out.tier = "high";
  } else if (transparency) {
    out.tier = "limited";
  } else {
    out.tier = "minimal";
    out.rationale.push_back(
        "No Art. 5 practice, no Art. 6 high-risk route and no Art. 50 case: minimal risk. "
        "Art. 4 (AI literacy) still applies; codes of conduct are voluntary (Art. 95).");
  }
  return out;
}

std::string EuAiActAnswersJson(const EuAiActAnswers& a) {
  nlohmann::json doc = {
      {"prohibited", a.prohibited},
      {"annex_i_safety_component", a.annex_i_safety_component},
      {"annex_iii",
       {{"area", a.annex_iii_area}, {"derogation", a.derogation}, {"profiling", a.profiling}}},
      {"transparency", a.transparency}};
  return doc.dump();
}

}  // namespace airm::governance
