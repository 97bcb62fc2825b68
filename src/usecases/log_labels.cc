#include "airm/usecases/log_labels.h"

#include "airm/store/prediction_labels.h"
#include "airm/usecases/load_input.h"

namespace airm::usecases {

Status LogLabelsOptions::Validate() const {
  if (file.empty()) return Status::InvalidArgument("labels log needs a FILE");
  if (id_column.empty()) return Status::InvalidArgument("labels log needs --id-column");
  if (label_column.empty()) return Status::InvalidArgument("labels log needs --label-column");
  return Status::Ok();
}

Result<LoggedLabels> LogLabels(const LogLabelsOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  LoggedLabels out;
  AIRM_ASSIGN_OR_RETURN(Table table,
                        LoadInput(options.file, options.read, &out.file, options.progress));
  auto column = [&](const std::string& name, const char* flag) -> Result<size_t> {
    std::optional<size_t> idx = table.FindColumn(name);
    if (!idx) {
      return Status::InvalidArgument(std::string(flag) + " '" + name + "' is not a column of " +
                                     options.file);
    }
    return *idx;
  };
  AIRM_ASSIGN_OR_RETURN(size_t id_idx, column(options.id_column, "--id-column"));
  AIRM_ASSIGN_OR_RETURN(size_t label_idx, column(options.label_column, "--label-column"));
  const Column& ids = table.column(id_idx);
  const Column& labels = table.column(label_idx);
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  AIRM_RETURN_IF_ERROR(opened.db->WriteTransaction([&](store::Database& tx) -> Status {
    out.attached = 0;
    out.without_label = 0;
    AIRM_ASSIGN_OR_RETURN(store::LabelWriter writer, store::LabelWriter::Make(tx, ""));
    for (size_t row = 0; row < table.num_rows(); ++row) {
      if (!ids.IsValid(row)) {
        return Status::ParseError(options.file + ": row " + std::to_string(row + 1) +
                                  ": the id column '" + options.id_column + "' is empty");
      }
      if (!labels.IsValid(row)) {
        ++out.without_label;
        continue;
      }
      Status s = writer.Attach(ids.TextAt(row), labels.TextAt(row));
      if (!s.ok()) {
        return Status(s.code(),
                      options.file + ": row " + std::to_string(row + 1) + ": " + s.message());
      }
      ++out.attached;
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace airm::usecases
