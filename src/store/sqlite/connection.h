#pragma once
// SQLite behind sql::Connection: a thin, RAII layer over the sqlite3 C API with a cache of
// prepared statements, bound parameters only, SQLite result codes mapped to trellis errors,
// and SQLite's words for what sql::Connection leaves to each database. Used by one thread at
// a time (SqlStore's pool: two connections to a SQLite file, one to :memory:).

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/sql/connection.h"

namespace trellis::store::sqlite {

class Connection;

// A prepared statement leased from its Connection; on destruction it is reset, its bindings
// cleared, and it goes back to the cache. Must not outlive the Connection.
class Statement final : public sql::Cursor {
 public:
  Statement(Connection& connection, sqlite3_stmt* stmt) : connection_(&connection), stmt_(stmt) {}
  Statement(Statement&& other) noexcept
      : connection_(other.connection_), stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() override;

  // Binds values to placeholders 1..n. Texts are read where they are: `values` must outlive
  // every Step until the statement is destroyed.
  [[nodiscard]] Result<void> Bind(const std::vector<sql::Value>& values);
  // Advances; true when a row is ready to read, false when done.
  [[nodiscard]] Result<bool> Step();
  // Steps to the end, for statements that return no rows.
  [[nodiscard]] Result<void> Run();

  bool IsNull(int column) const override;
  int64_t Int(int column) const override;
  double Real(int column) const override;
  std::string Text(int column) const override;
  std::string ColumnName(int column) const override;

 private:
  Connection* connection_;
  sqlite3_stmt* stmt_;
};

class Connection final : public sql::Connection {
 public:
  // Opens (creating if needed) the database at `path` with trellis's PRAGMAs applied.
  // `cache_mb`: the most of the file's pages it keeps in memory (PRAGMA cache_size).
  [[nodiscard]] static Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                                int cache_mb = 64);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result<void> Query(const std::string& sql, const std::vector<sql::Value>& values,
                     const std::function<Result<void>(const sql::Cursor&)>& row) override;
  Result<int64_t> Execute(const std::string& sql, const std::vector<sql::Value>& values) override;
  Result<void> Exec(const std::string& sql) override;

  // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
  // writes can fail with SQLITE_BUSY at the write, which no busy timeout can resolve.
  std::string_view BeginWrite() const override { return "BEGIN IMMEDIATE"; }
  std::string_view BeginRead() const override { return "BEGIN"; }
  bool FailedStatementAbortsTransaction() const override { return false; }
  Result<void> SetCommitsWaitForDisk(bool wait) override;
  Result<void> FlushCommits() override;

  // instr rather than LIKE, so % and _ match themselves; lower() and NOCASE fold ASCII only
  // (SQLite without ICU).
  std::string Contains(std::string_view column) const override {
    return "instr(lower(" + std::string(column) + "), lower(?)) > 0";
  }
  std::string NoCase(std::string_view expression) const override {
    return std::string(expression) + " COLLATE NOCASE";
  }
  std::string InIds(std::string_view column) const override {
    return std::string(column) + " IN (SELECT value FROM json_each(?))";
  }
  std::optional<int64_t> LastNumberedId() const override { return sqlite3_last_insert_rowid(db_); }
  Result<bool> HasTable(std::string_view name) override;

  std::span<const EmbeddedMigration> Migrations() const override { return SqliteMigrations(); }
  // BEGIN IMMEDIATE already makes migrating processes take turns.
  std::string_view MigrationLock() const override { return ""; }

  Result<void> BackUpTo(const std::string& path) override;
  // After SQLite's integrity check: kInvalidInput when the file is not a sound SQLite
  // database or holds no trellis schema.
  Result<int> InspectCopy(const std::string& path) override;
  // Copies every page with SQLite's online backup API, with this connection as destination.
  Result<void> CopyFrom(const std::string& path) override;

  // `sql` must be a constant of the program; values go through Statement::Bind.
  [[nodiscard]] Result<Statement> Prepare(const std::string& sql);

  // The trellis error for a failed SQLite call that returned `rc`.
  Error ErrorFor(int rc) const;

 private:
  friend class Statement;
  explicit Connection(sqlite3* db) : db_(db) {}
  void Return(sqlite3_stmt* stmt);

  sqlite3* db_;
  // Idle prepared statements by their SQL text; leased out by Prepare.
  std::unordered_map<std::string, sqlite3_stmt*> idle_;
};

}  // namespace trellis::store::sqlite
