// Late labels: outcomes attached to logged predictions after the fact.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

// Attaches `label` to a logged prediction (replacing an earlier label), inside
// the caller's transaction. NotFound "prediction 'X' is not in the store"
// when no prediction has that id.
class LabelWriter {
 public:
  static Result<LabelWriter> Make(Database& db, std::string logged_at);
  Status Attach(std::string_view prediction_id, std::string_view label);

 private:
  LabelWriter(Database& db, std::string logged_at) : db_(&db), logged_at_(std::move(logged_at)) {}
  Database* db_;
  std::string logged_at_;
};

}  // namespace airm::store
