// The risk register as CSV for GRC tools (airm/report/governance_documents.h).
#include "airm/report/governance_documents.h"

namespace airm::governance {
namespace {

// RFC 4180 quoting plus the CSV-injection guard described in governance_documents.h.
std::string Cell(const std::string& text) {
  std::string value = text;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    value.insert(0, "'");
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string Num(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

}  // namespace

std::string RenderRiskRegisterCsv(const std::vector<Risk>& risks, const RiskMatrix& matrix) {
  std::string out;
  bool first = true;
  for (const char* column : kRiskCsvColumns) {
    out += (first ? "" : ",") + Cell(column);
    first = false;
  }
  out += "\r\n";
  for (const Risk& r : risks) {
    std::string controls;
    for (const std::string& c : r.controls) controls += (controls.empty() ? "" : "; ") + c;
    const bool residual = r.residual_likelihood && r.residual_impact;
    const std::vector<std::string> cells = {
        r.Key(),
        r.title,
        r.description,
        r.category,
        r.system,
        r.owner,
        std::to_string(r.inherent_likelihood),
        std::to_string(r.inherent_impact),
        std::to_string(r.inherent_likelihood * r.inherent_impact),
        matrix.Rating(r.inherent_likelihood, r.inherent_impact),
        controls,
        r.treatment,
        Num(r.residual_likelihood),
        Num(r.residual_impact),
        residual ? std::to_string(*r.residual_likelihood * *r.residual_impact) : "",
        residual ? matrix.Rating(*r.residual_likelihood, *r.residual_impact) : "",
        r.due_date.value_or(""),
        r.status,
        r.created_at,
        r.created_by,
        r.updated_at,
        r.updated_by,
        "airm"};
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + Cell(cells[i]);
    out += "\r\n";
  }
  return out;
}

}  // namespace airm::governance
