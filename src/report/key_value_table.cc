#include "airm/report/key_value_table.h"

#include <utility>

namespace airm::report {

HtmlTable KeyValueTable(std::vector<std::string> headers) {
  HtmlTable table;
  table.css_class = "kv";
  table.sortable = false;
  table.headers = std::move(headers);
  return table;
}

void AddTextRow(HtmlTable* table, std::initializer_list<std::string_view> cells) {
  std::vector<std::string>& row = table->rows.emplace_back();
  for (std::string_view cell : cells) row.push_back(HtmlEscape(cell));
}

}  // namespace airm::report
