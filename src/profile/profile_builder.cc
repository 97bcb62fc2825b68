// ProfileBuilder (streaming) and MergeProfiles.
#include <set>

#include "airm/profile.h"
#include "column_profile.h"

namespace airm {

Result<ProfileBuilder> ProfileBuilder::Make(const ProfileOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  ProfileBuilder builder(options);
  builder.state_.options = options;
  return builder;
}

Status ProfileBuilder::Add(const Table& chunk) {
  if (!started_) {
    for (size_t i = 0; i < chunk.num_columns(); ++i) {
      const Column& column = chunk.column(i);
      state_.columns.push_back(profile_internal::NewColumnProfile(column.name(), column.type(),
                                                                  chunk.role(i), options_));
    }
    started_ = true;
  }
  // Validate the column set before touching any state.
  if (chunk.num_columns() != state_.columns.size()) {
    for (size_t i = 0; i < chunk.num_columns(); ++i) {
      if (state_.FindColumn(chunk.column(i).name()) == nullptr) {
        return Status::InvalidArgument("chunk has column '" + chunk.column(i).name() +
                                       "' not in the first chunk");
      }
    }
  }
  std::vector<size_t> chunk_index(state_.columns.size());
  for (size_t c = 0; c < state_.columns.size(); ++c) {
    auto found = chunk.FindColumn(state_.columns[c].name);
    if (!found) {
      return Status::InvalidArgument("chunk lacks column '" + state_.columns[c].name + "'");
    }
    chunk_index[c] = *found;
  }
  for (size_t c = 0; c < state_.columns.size(); ++c) {
    profile_internal::AddChunkColumn(chunk.column(chunk_index[c]), state_.num_rows, options_,
                                     &state_.columns[c]);
  }
  state_.num_rows += chunk.num_rows();
  return Status::Ok();
}

Result<Profile> ProfileBuilder::Finish() const {
  Profile profile = state_;
  for (ColumnProfile& column : profile.columns) {
    profile_internal::SummarizeFromSketches(options_, &column);
  }
  return profile;
}

namespace {

Status CheckCompatible(const ProfileOptions& a, const ProfileOptions& b) {
  auto differ = [](const char* name, auto x, auto y) {
    return Status::InvalidArgument(std::string("cannot merge profiles built with different ") +
                                   name + " (" + std::to_string(x) + " vs " + std::to_string(y) +
                                   ")");
  };
  if (a.kll_k != b.kll_k) return differ("kll_k", a.kll_k, b.kll_k);
  if (a.hll_precision != b.hll_precision) {
    return differ("hll_precision", a.hll_precision, b.hll_precision);
  }
  if (a.frequent_items_capacity != b.frequent_items_capacity) {
    return differ("frequent_items_capacity", a.frequent_items_capacity, b.frequent_items_capacity);
  }
  if (a.quantiles != b.quantiles) {
    return Status::InvalidArgument("cannot merge profiles built with different quantile levels");
  }
  return Status::Ok();
}

}  // namespace

Result<Profile> MergeProfiles(const Profile& a, const Profile& b) {
  AIRM_RETURN_IF_ERROR(CheckCompatible(a.options, b.options));
  for (const ColumnProfile& column : a.columns) {
    if (b.FindColumn(column.name) == nullptr) {
      return Status::InvalidArgument("cannot merge profiles: column '" + column.name +
                                     "' is missing from the second profile");
    }
  }
  for (const ColumnProfile& column : b.columns) {
    if (a.FindColumn(column.name) == nullptr) {
      return Status::InvalidArgument("cannot merge profiles: column '" + column.name +
                                     "' is missing from the first profile");
    }
  }
  Profile merged;
  merged.options = a.options;
  merged.num_rows = a.num_rows + b.num_rows;
  merged.columns = a.columns;
  for (ColumnProfile& column : merged.columns) {
    AIRM_RETURN_IF_ERROR(
        profile_internal::MergeColumnState(*b.FindColumn(column.name), a.options, &column));
    profile_internal::SummarizeFromSketches(a.options, &column);
  }
  return merged;
}

}  // namespace airm
