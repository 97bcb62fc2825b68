#include "airm/store/store_pool.h"

#include <filesystem>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "airm/file_stamp.h"

namespace airm::store {

namespace {

// A call's failure that says the connection itself is unusable, rather than
// the statement or the data (a constraint, a busy lock, no such row).
bool Damages(const Status& s) {
  return s.code() == StatusCode::kIoError || s.code() == StatusCode::kCorrupt ||
         s.code() == StatusCode::kInternal;
}

}  // namespace

struct StorePool::State {
  LocateOptions where;
  Options options;
  std::mutex mutex;
  std::optional<Workspace> workspace;  // nullopt: locate on the next Open
  std::string yaml_path;               // "" for a bare store file or URL
  FileStamp stamp;
  uint64_t generation = 0;  // bumped when the workspace is located anew
  std::vector<std::unique_ptr<Database>> idle;
  int64_t opened = 0;

  // REQUIRES: mutex held.
  void Forget() {
    workspace.reset();
    idle.clear();
    ++generation;
  }

  // Back from a caller: kept when it is sound, of this generation and there
  // is room.
  void Return(std::unique_ptr<Database> db, uint64_t of_generation, bool damaged) {
    std::unique_ptr<Database> closed_outside_lock;
    std::lock_guard<std::mutex> lock(mutex);
    if (damaged || of_generation != generation || idle.size() >= options.max_idle) {
      closed_outside_lock = std::move(db);
      return;
    }
    idle.push_back(std::move(db));
  }
};

namespace {

// The Database a caller holds: forwards every call to the pooled connection
// and hands it back on destruction.
class PooledDatabase final : public Database {
 public:
  PooledDatabase(std::shared_ptr<StorePool::State> state, std::unique_ptr<Database> db,
                 uint64_t generation)
      : state_(std::move(state)), db_(std::move(db)), generation_(generation) {}
  ~PooledDatabase() override { state_->Return(std::move(db_), generation_, damaged_); }

  Status WriteTransaction(const std::function<Status(Database&)>& body) override {
    return Note(db_->WriteTransaction(body));
  }
  Status ReadTransaction(const std::function<Status(Database&)>& body) override {
    return Note(db_->ReadTransaction(body));
  }
  Status Execute(std::string_view sql, const std::vector<Value>& params) override {
    return Note(db_->Execute(sql, params));
  }
  Result<std::vector<Row>> Query(std::string_view sql, const std::vector<Value>& params) override {
    auto rows = db_->Query(sql, params);
    if (!rows.ok()) Notice(rows.status());
    return rows;
  }
  Status QueryEach(std::string_view sql, const std::vector<Value>& params,
                   const std::function<Status(const Row&)>& on_row) override {
    return Note(db_->QueryEach(sql, params, on_row));
  }
  Result<std::unique_ptr<PreparedStatement>> Prepare(std::string_view sql) override {
    auto statement = db_->Prepare(sql);
    if (!statement.ok()) Notice(statement.status());
    return statement;
  }
  Result<int> SchemaVersion() override {
    auto version = db_->SchemaVersion();
    if (!version.ok()) Notice(version.status());
    return version;
  }
  std::string Describe() const override { return db_->Describe(); }
  SqlDialect dialect() const override { return db_->dialect(); }

 private:
  void Notice(const Status& s) {
    if (!s.ok() && Damages(s)) damaged_ = true;
  }
  Status Note(Status s) {
    Notice(s);
    return s;
  }

  std::shared_ptr<StorePool::State> state_;
  std::unique_ptr<Database> db_;
  uint64_t generation_;
  bool damaged_ = false;
};

}  // namespace

StorePool::StorePool(std::shared_ptr<State> state) : state_(std::move(state)) {}
StorePool::~StorePool() = default;

Result<std::unique_ptr<StorePool>> StorePool::Create(const LocateOptions& where,
                                                     const Options& options) {
  auto state = std::make_shared<State>();
  state->where = where;
  state->options = options;
  std::unique_ptr<StorePool> pool(new StorePool(std::move(state)));
  Workspace ws;
  // Opened and dropped back into the pool: the store is migrated and one
  // connection is ready for the first request.
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, pool->Open(&ws));
  return pool;
}

Result<std::unique_ptr<Database>> StorePool::Open(Workspace* workspace) {
  State& s = *state_;
  std::unique_lock<std::mutex> lock(s.mutex);
  if (s.workspace && !s.yaml_path.empty() && StampFile(s.yaml_path) != s.stamp) s.Forget();
  if (!s.workspace) {
    // The known airm.yaml is stamped before it is read again, so an edit
    // made while it is read shows as a change next time instead of being
    // missed; a workspace found for the first time is stamped after.
    const std::string known_yaml = s.yaml_path;
    const FileStamp before = StampFile(known_yaml);
    lock.unlock();
    Result<Workspace> located = LocateWorkspace(s.where);
    if (!located.ok()) return located.status();
    const std::string yaml = located->root.empty()
                                 ? std::string()
                                 : (std::filesystem::path(located->root) / kWorkspaceFile).string();
    const FileStamp stamp = yaml == known_yaml ? before : StampFile(yaml);
    lock.lock();
    if (!s.workspace) {
      s.Forget();
      s.workspace = *located;
      s.yaml_path = yaml;
      s.stamp = stamp;
    }
  }
  *workspace = *s.workspace;
  const uint64_t generation = s.generation;
  std::unique_ptr<Database> db;
  if (!s.idle.empty()) {
    db = std::move(s.idle.back());
    s.idle.pop_back();
  }
  if (!db) {
    ++s.opened;
    lock.unlock();
    AIRM_ASSIGN_OR_RETURN(db, OpenWorkspaceStore(*workspace));
  }
  return std::unique_ptr<Database>(new PooledDatabase(state_, std::move(db), generation));
}

namespace {
thread_local StorePool* current_pool = nullptr;
}  // namespace

StorePool::Scope::Scope(StorePool* pool) : previous_(current_pool) { current_pool = pool; }
StorePool::Scope::~Scope() { current_pool = previous_; }

StorePool* StorePool::ForThread(const LocateOptions& where) {
  if (current_pool == nullptr) return nullptr;
  const LocateOptions& mine = current_pool->state_->where;
  const bool same = mine.store_flag == where.store_flag && mine.store_env == where.store_env &&
                    mine.start_dir == where.start_dir;
  return same ? current_pool : nullptr;
}

void StorePool::Reload() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->Forget();
}

int64_t StorePool::connections_opened() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->opened;
}

}  // namespace airm::store
