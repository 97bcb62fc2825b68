// Key-value tables of the HTML pages (a report's inputs and settings): the
// "kv" style, not sortable because the order of the rows is their meaning.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "airm/report/html_page.h"

namespace airm::report {

// An empty key-value table with these column headers (none: no <thead>).
HtmlTable KeyValueTable(std::vector<std::string> headers = {});

// Appends a row of plain-text cells, each HTML-escaped.
void AddTextRow(HtmlTable* table, std::initializer_list<std::string_view> cells);

}  // namespace airm::report
