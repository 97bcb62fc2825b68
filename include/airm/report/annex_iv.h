// The EU AI Act Annex IV technical-documentation draft as Markdown, filled
// from usecases::AnnexIvDraft. Each of Annex IV's nine points is a section;
// what the store holds is written out, and everything it cannot know is a line
// starting "**GAP:**" saying what the provider must add. Headings paraphrase
// Annex IV's points; it is a draft for the provider to complete, not the
// documentation itself.
#pragma once

#include <string>

#include "airm/report.h"
#include "airm/usecases/governance_annex_iv.h"

namespace airm::report {

std::string RenderAnnexIvMarkdown(const usecases::AnnexIvDraft& draft, const ReportMeta& meta);

}  // namespace airm::report
