#include "store/sqlite/connection.h"

#include <filesystem>
#include <string>

#include "core/deadline.h"

namespace trellis::store::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// How often (in virtual machine instructions, a few microseconds' work) a running statement
// asks whether its request's deadline has passed (core/deadline.h).
constexpr int kDeadlineCheckEvery = 4000;

}  // namespace

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  // reset's return value repeats the last step's error, which the caller has already seen.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  connection_->Return(stmt_);
}

Result<void> Statement::Bind(const std::vector<sql::Value>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const sql::Value& v = values[i];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(v)) {
      rc = sqlite3_bind_null(stmt_, index);
    } else if (const auto* n = std::get_if<int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt_, index, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt_, index, *d);
    } else {
      // SQLITE_STATIC: SQLite reads the text where it is rather than copying it (a copy and a
      // malloc for each of an import's millions of cells); `values` outlives the steps, and
      // the bindings are cleared before the statement goes back to the idle ones.
      const std::string_view s = std::holds_alternative<std::string>(v)
                                     ? std::string_view(std::get<std::string>(v))
                                     : std::get<sql::BorrowedText>(v).text;
      // A default view's data() is null, which SQLite would bind as NULL, not ''.
      rc = sqlite3_bind_text64(stmt_, index, s.data() != nullptr ? s.data() : "", s.size(),
                               SQLITE_STATIC, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) return Fail(connection_->ErrorFor(rc));
  }
  if (static_cast<int>(values.size()) != sqlite3_bind_parameter_count(stmt_)) {
    return Fail(ErrorCode::kInternal, "statement has " +
                                          std::to_string(sqlite3_bind_parameter_count(stmt_)) +
                                          " parameters but " + std::to_string(values.size()) +
                                          " values were bound: " + sqlite3_sql(stmt_));
  }
  return Ok();
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Fail(connection_->ErrorFor(rc));
}

Result<void> Statement::Run() {
  while (TRY(Step())) {
  }
  return Ok();
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::ColumnName(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name == nullptr ? std::string("?") : std::string(name);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, int cache_mb) {
  // Statement journals (the pages a statement inside a transaction changes, kept to undo that
  // statement alone) stay in memory instead of moving to a temporary file past 64 KiB: once
  // moved, a journal stays a file for the rest of the transaction, so in a large import
  // every insert after one big B-tree split wrote its pages to disk a second time (476,000
  // writes for 200,000 people). trellis's statements each change a handful of pages. (A
  // limit of 16 MiB instead was tried: the move to a file past it failed with "database or
  // disk is full" under SQLite 3.40.) A process-wide setting, taken before SQLite first
  // starts; should something else have started it already, the default stays (slower, not
  // wrong).
  static const int journal_setting = sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, -1);
  static_cast<void>(journal_setting);
  sqlite3* db = nullptr;
  // NOMUTEX: SqlStore's pool lends the connection to one thread at a time.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    const ErrorCode code = (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_BUSY
                               ? ErrorCode::kUnavailable
                               : ErrorCode::kInternal;
    return Fail(code, "cannot open database " + path + ": " + message);
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  // Set before anything else touches the file, so that even the PRAGMAs below wait for
  // another process's lock instead of failing at once.
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // A statement running past its request's deadline is interrupted (SQLITE_INTERRUPT); one
  // that writes inside a transaction takes the transaction with it.
  sqlite3_progress_handler(
      db, kDeadlineCheckEvery, [](void*) { return DeadlinePassed() ? 1 : 0; }, nullptr);

  // WAL lets readers carry on while one writer commits.
  auto mode = TRY(connection->Prepare("PRAGMA journal_mode=WAL"));
  std::string journal_mode;
  if (TRY(mode.Step())) journal_mode = mode.Text(0);
  TRY(mode.Run());
  // An in-memory database keeps journal mode "memory"; every file must be in WAL.
  if (journal_mode != "wal" && journal_mode != "memory") {
    return Fail(ErrorCode::kInternal,
                "cannot put database " + path + " in WAL mode (got '" + journal_mode + "')");
  }
  // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss, and a
  // write trellis has acknowledged (an appointment, an audit line) must survive kill -9 and
  // power loss alike. The cost is one fsync of the WAL per commit.
  TRY(connection->Exec("PRAGMA synchronous=FULL"));
  // A page cache of up to 64 MiB by default (SQLite's default is 2 MiB), allocated only as
  // pages are read: a large write transaction (an import of a national people file, 130 MB
  // with its indexes) otherwise spills pages to the WAL mid-transaction and writes many of
  // them again and again. Negative: in KiB.
  TRY(connection->Exec("PRAGMA cache_size=-" + std::to_string(int64_t{cache_mb} * 1024)));
  // SQLite leaves foreign keys off unless each connection asks for them.
  TRY(connection->Exec("PRAGMA foreign_keys=ON"));
  TRY(connection->Exec("PRAGMA busy_timeout=" + std::to_string(kBusyTimeoutMs)));
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : idle_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<Statement> Connection::Prepare(const std::string& sql) {
  if (auto it = idle_.find(sql); it != idle_.end()) {
    sqlite3_stmt* stmt = it->second;
    idle_.erase(it);
    return Statement(*this, stmt);
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    Error error = ErrorFor(rc);
    error.message += " (in: " + sql + ")";
    return Fail(std::move(error));
  }
  if (stmt == nullptr) return Fail(ErrorCode::kInternal, "empty SQL statement");
  return Statement(*this, stmt);
}

void Connection::Return(sqlite3_stmt* stmt) {
  // A second lease of the same SQL (re-entrant use) may come back while one is idle already.
  if (!idle_.emplace(sqlite3_sql(stmt), stmt).second) sqlite3_finalize(stmt);
}

Result<void> Connection::Query(const std::string& sql, const std::vector<sql::Value>& values,
                              const std::function<Result<void>(const sql::Cursor&)>& row) {
  TRY(CheckDeadline());
  auto statement = TRY(Prepare(sql));
  TRY(statement.Bind(values));
  while (TRY(statement.Step())) TRY(row(statement));
  return Ok();
}

Result<int64_t> Connection::Execute(const std::string& sql, const std::vector<sql::Value>& values) {
  TRY(CheckDeadline());
  auto statement = TRY(Prepare(sql));
  TRY(statement.Bind(values));
  TRY(statement.Run());
  return sqlite3_changes64(db_);
}

Result<bool> Connection::HasTable(std::string_view name) {
  bool found = false;
  TRY(Query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
            {sql::Param(name)}, [&](const sql::Cursor&) -> Result<void> {
              found = true;
              return Ok();
            }));
  return found;
}

Result<void> Connection::BackUpTo(const std::string& path) {
  // VACUUM INTO reads the database inside one read transaction, so the copy is the store as
  // it stood at that moment; in WAL mode other connections go on writing meanwhile. The
  // copy is also compacted. (It runs outside any transaction, as VACUUM must.)
  auto copied = Execute("VACUUM INTO ?", {sql::Param(path)});
  if (!copied) {
    Error error = std::move(copied).error();
    return Fail(ErrorCode::kUnavailable, "cannot write the backup to " + path + ": " + error.message);
  }
  return Ok();
}

Result<void> Connection::SetCommitsWaitForDisk(bool wait) {
  // In WAL mode, NORMAL appends a commit to the WAL without syncing it: a crash of trellis
  // loses nothing (the operating system has the write), a power cut may lose what was not yet
  // synced (FlushCommits, a later FULL commit or a checkpoint syncs the WAL).
  return Exec(wait ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
}

Result<void> Connection::FlushCommits() {
  // An fsync of the WAL file syncs every commit in it, whichever connection wrote it.
  sqlite3_file* wal = nullptr;
  if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) != SQLITE_OK ||
      wal == nullptr || wal->pMethods == nullptr)
    return Ok();  // no WAL open on this connection (in memory, or nothing written yet)
  const int rc = wal->pMethods->xSync(wal, SQLITE_SYNC_FULL);
  if (rc != SQLITE_OK) return Fail(ErrorFor(rc));
  return Ok();
}

Result<void> Connection::Exec(const std::string& sql) {
  // Transaction control and migrations run to the end whatever the deadline: a ROLLBACK cut
  // short would leave its transaction open on a pooled connection.
  const ScopedDeadline none(std::nullopt);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Ok();
  Error error = ErrorFor(rc);
  if (message != nullptr) {
    error.message = message;
    sqlite3_free(message);
  }
  return Fail(std::move(error));
}

Result<int> Connection::InspectCopy(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return Fail(ErrorCode::kNotFound, "there is no backup file at " + path);
  sqlite3* db = nullptr;
  const auto refuse = [&](const std::string& why) {
    sqlite3_close(db);
    return Fail(ErrorCode::kInvalidInput, path + " is not a trellis backup: " + why);
  };
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    return refuse(sqlite3_errmsg(db));
  // One text answer of a query with no parameters, or the error's message.
  const auto answer = [db](const char* sql, std::string& out) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
    const bool row = rc == SQLITE_ROW;
    const unsigned char* text = row ? sqlite3_column_text(stmt, 0) : nullptr;
    out = row ? std::string(text ? reinterpret_cast<const char*>(text) : "")
              : std::string(sqlite3_errmsg(db));
    sqlite3_finalize(stmt);
    return row;
  };
  std::string verdict;
  if (!answer("PRAGMA integrity_check", verdict) || verdict != "ok") return refuse(verdict);
  std::string version;
  if (!answer("SELECT coalesce(max(version), 0) FROM schema_migrations", version))
    return refuse("it holds no trellis schema (" + version + ")");
  sqlite3_close(db);
  return std::stoi(version);
}

Result<void> Connection::CopyFrom(const std::string& path) {
  sqlite3* source = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &source, SQLITE_OPEN_READONLY, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_backup* copy = sqlite3_backup_init(db_, "main", source, "main");
    if (copy == nullptr) {
      rc = sqlite3_errcode(db_);
    } else {
      rc = sqlite3_backup_step(copy, -1);  // every page in one step: one transaction
      sqlite3_backup_finish(copy);
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
  }
  Error error = rc == SQLITE_OK ? Error{} : ErrorFor(rc);
  sqlite3_close(source);
  if (rc != SQLITE_OK) return Fail(std::move(error));
  return Ok();
}

Error Connection::ErrorFor(int rc) const {
  // Extended result codes are on, so `rc` already says which constraint failed.
  const int code = rc;
  std::string message = sqlite3_errmsg(db_);
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return MakeError(ErrorCode::kUnavailable, "the database is busy: " + message);
    case SQLITE_CANTOPEN:
      return MakeError(ErrorCode::kUnavailable, "the database cannot be opened: " + message);
    case SQLITE_INTERRUPT:  // only the progress handler interrupts: the deadline passed
      return DeadlineError();
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
        return MakeError(ErrorCode::kConflict, message);
      if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
        return MakeError(ErrorCode::kValidationFailed, "a referenced record does not exist");
      return MakeError(ErrorCode::kInternal, message);
    default:
      return MakeError(ErrorCode::kInternal, message);
  }
}

}  // namespace trellis::store::sqlite
