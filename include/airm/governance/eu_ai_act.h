// EU AI Act (Regulation (EU) 2024/1689) risk-tier classification from a
// questionnaire of explicit answers (YAML; docs/governance.md shows the file).
//
// Rules, checked in this order (the ruleset string below names this version):
//   1. any Art. 5(1) practice                              -> prohibited
//   2. Art. 6(1): safety component of an Annex I product   -> high
//   3. Art. 6(2) + Annex III area, unless an Art. 6(3)
//      derogation is claimed and the system does not
//      profile natural persons                             -> high
//   4. any Art. 50 transparency case                       -> limited
//   5. otherwise                                           -> minimal
// The rationale quotes the article of every rule that fired, including the
// Art. 50 duties a high-risk system also has. Classification is an aid for
// Legal, not legal advice: the answers and the rationale are stored with it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "airm/status.h"

namespace airm::governance {

inline constexpr const char* kEuAiActRuleset = "eu-ai-act-2024-1689/v1";
inline constexpr const char* kRiskTiers[] = {"prohibited", "high", "limited", "minimal"};

struct EuAiActAnswers {
  std::map<std::string, bool> prohibited;    // Art. 5(1) (a)–(h), by key
  bool annex_i_safety_component = false;     // Art. 6(1)
  std::string annex_iii_area = "none";       // Annex III point, by key
  std::string derogation = "none";           // Art. 6(3) (a)–(d), by key
  bool profiling = false;                    // profiles natural persons
  std::map<std::string, bool> transparency;  // Art. 50 (1)–(4), by key
};

// Reads the answers file. Every question must be answered; an unknown key, a
// missing key or a value of the wrong kind is a ParseError naming the file,
// the line and the key, with the accepted values.
Result<EuAiActAnswers> ParseEuAiActAnswers(const std::string& text, const std::string& path);

struct EuAiActClassification {
  std::string tier;                    // one of kRiskTiers
  std::vector<std::string> rationale;  // one sentence per rule that fired, article first
  std::string ruleset = kEuAiActRuleset;
};

EuAiActClassification ClassifyEuAiAct(const EuAiActAnswers& answers);

// The answers as JSON text (keys sorted), for the stored snapshot.
std::string EuAiActAnswersJson(const EuAiActAnswers& answers);

}  // namespace airm::governance
