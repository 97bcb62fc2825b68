#include "airm/usecases/run_profile.h"

#include <memory>
#include <optional>

#include "airm/reader.h"
#include "airm/sha256.h"
#include "airm/usecases/load_input.h"

namespace airm::usecases {

Result<Profile> ProfileFileInChunks(const std::string& path, const ReadOptions& read,
                                    const ProfileOptions& profile, InputInfo* info,
                                    const std::function<Status(Table*)>& on_chunk) {
  AIRM_ASSIGN_OR_RETURN(info->sha256, Sha256File(path, &info->bytes));
  info->path = path;
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<TableStream> stream, TableStream::Open(path, read));
  AIRM_ASSIGN_OR_RETURN(ProfileBuilder builder, ProfileBuilder::Make(profile));
  while (true) {
    AIRM_ASSIGN_OR_RETURN(std::optional<Table> chunk, stream->Next());
    if (!chunk) break;
    info->rows += chunk->num_rows();
    info->columns = chunk->num_columns();
    if (on_chunk) AIRM_RETURN_IF_ERROR(on_chunk(&*chunk));
    AIRM_RETURN_IF_ERROR(builder.Add(*chunk));
  }
  return builder.Finish();
}

Status RunProfileOptions::Validate() const {
  if (data.empty() && in_memory.table == nullptr) {
    return Status::InvalidArgument("profile needs a data file");
  }
  if (in_memory.profile != nullptr) {
    return Status::InvalidArgument("profile takes a table, not a profile, in memory");
  }
  return profile.Validate();
}

Result<ProfileRun> RunProfile(const RunProfileOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  ProfileRun run;
  if (options.in_memory.table != nullptr) {
    const Table& table = *options.in_memory.table;
    run.input = options.in_memory.info;
    run.input.rows = table.num_rows();
    run.input.columns = table.num_columns();
    if (options.stream) {
      AIRM_ASSIGN_OR_RETURN(ProfileBuilder builder, ProfileBuilder::Make(options.profile));
      AIRM_RETURN_IF_ERROR(builder.Add(table));
      AIRM_ASSIGN_OR_RETURN(run.profile, builder.Finish());
    } else {
      AIRM_ASSIGN_OR_RETURN(run.profile, ProfileTable(table, options.profile));
    }
    return run;
  }
  if (options.stream) {
    if (options.progress) options.progress("profiling " + options.data + " in chunks");
    AIRM_ASSIGN_OR_RETURN(
        run.profile, ProfileFileInChunks(options.data, options.read, options.profile, &run.input));
    return run;
  }
  AIRM_ASSIGN_OR_RETURN(Table table,
                        LoadInput(options.data, options.read, &run.input, options.progress));
  if (options.progress) {
    options.progress("profiling " + std::to_string(table.num_columns()) + " columns");
  }
  AIRM_ASSIGN_OR_RETURN(run.profile, ProfileTable(table, options.profile));
  return run;
}

}  // namespace airm::usecases
