#include "airm/usecases/run_profile.h"

#include <memory>
#include <optional>

#include "airm/reader.h"
#include "airm/sha256.h"
#include "airm/usecases/load_input.h"

namespace airm::usecases {
namespace {

Result<Profile> ProfileStreaming(const std::string& path, const ReadOptions& options,
                                 InputInfo* info) {
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<TableStream> stream, TableStream::Open(path, options));
  AIRM_ASSIGN_OR_RETURN(ProfileBuilder builder, ProfileBuilder::Make());
  while (true) {
    AIRM_ASSIGN_OR_RETURN(std::optional<Table> chunk, stream->Next());
    if (!chunk) break;
    info->rows += chunk->num_rows();
    info->columns = chunk->num_columns();
    AIRM_RETURN_IF_ERROR(builder.Add(*chunk));
  }
  return builder.Finish();
}

}  // namespace

Status RunProfileOptions::Validate() const {
  if (data.empty()) return Status::InvalidArgument("profile needs a data file");
  return Status::Ok();
}

Result<ProfileRun> RunProfile(const RunProfileOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  ProfileRun run;
  if (options.stream) {
    if (options.progress) options.progress("profiling " + options.data + " in chunks");
    AIRM_ASSIGN_OR_RETURN(run.input.sha256, Sha256File(options.data, &run.input.bytes));
    run.input.path = options.data;
    AIRM_ASSIGN_OR_RETURN(run.profile, ProfileStreaming(options.data, options.read, &run.input));
    return run;
  }
  AIRM_ASSIGN_OR_RETURN(Table table,
                        LoadInput(options.data, options.read, &run.input, options.progress));
  if (options.progress) {
    options.progress("profiling " + std::to_string(table.num_columns()) + " columns");
  }
  AIRM_ASSIGN_OR_RETURN(run.profile, ProfileTable(table));
  return run;
}

}  // namespace airm::usecases
