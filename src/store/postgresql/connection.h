#pragma once
// sql::Connection over libpq: one session with a PostgreSQL server (13 or newer).
//
// Statements keep trellis's `?` placeholders; each SQL text is translated to $1..$n once and
// prepared once per session (named trellis_1, trellis_2, ...), and values travel in text
// form, the server inferring their types. Because `?` always means a placeholder outside
// quotes and comments, PostgreSQL's jsonb `?` operators cannot be written; use
// jsonb_exists() instead.
//
// Rows are streamed one at a time (single-row mode), so no result is ever held whole; so
// while Query's callback runs, the connection is busy, and a statement run on it from the
// callback fails with kInternal.
//
// Losing the server: the call that finds the session gone fails with kUnavailable, and the
// next call opens a new session (so a restarted server is picked up again). If a transaction
// was open when the session was lost, the server has rolled it back; until the caller ends
// it (ROLLBACK, or BEGIN of a new one) every statement fails with kUnavailable, so that no
// later statement of that transaction is committed on its own. COMMIT then fails too.
//
// Backup and restore run PostgreSQL's client programs (pg_dump, pg_restore, psql) from the
// newest /usr/lib/postgresql/<major>/bin, else from PATH. They are given this session's
// connection parameters, the password (if any) in their environment rather than on their
// command line.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "store/sql/connection.h"

struct pg_conn;    // libpq's PGconn
struct pg_result;  // libpq's PGresult

namespace trellis::store::postgresql {

class PgConnection final : public sql::Connection {
 public:
  // Connects to the server named by `url`, a libpq connection URI
  // (postgresql://user@host:port/database) or key=value string. kUnavailable when the
  // server cannot be reached or refuses the session (the message names the server and
  // libpq's reason, never the password) or is older than PostgreSQL 13; kInvalidInput when
  // `url` cannot be read.
  [[nodiscard]] static Result<std::unique_ptr<sql::Connection>> Open(const std::string& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  [[nodiscard]] Result<void> Query(
      const std::string& sql, const std::vector<sql::Value>& values,
      const std::function<Result<void>(const sql::Cursor&)>& row) override;
  [[nodiscard]] Result<int64_t> Execute(const std::string& sql,
                                        const std::vector<sql::Value>& values) override;
  [[nodiscard]] Result<void> Exec(const std::string& sql) override;

  std::string_view BeginWrite() const override { return "BEGIN"; }
  // One snapshot for the whole transaction, so a count and a page of rows agree.
  std::string_view BeginRead() const override { return "BEGIN ISOLATION LEVEL REPEATABLE READ"; }
  bool FailedStatementAbortsTransaction() const override { return true; }
  [[nodiscard]] Result<void> SetCommitsWaitForDisk(bool wait) override {
    // Off: the server's WAL writer syncs the commit within three wal_writer_delay (600 ms
    // by default). A crash of trellis loses nothing; one of PostgreSQL or the machine, at
    // most those last 600 ms.
    return Exec(wait ? "SET synchronous_commit = on" : "SET synchronous_commit = off");
  }
  // The WAL writer syncs by itself, within 600 ms by default.
  [[nodiscard]] Result<void> FlushCommits() override { return Ok(); }

  std::string Contains(std::string_view column) const override;
  std::string NoCase(std::string_view expression) const override;
  std::string InIds(std::string_view column) const override;
  std::optional<int64_t> LastNumberedId() const override { return std::nullopt; }
  [[nodiscard]] Result<bool> HasTable(std::string_view name) override;

  std::span<const EmbeddedMigration> Migrations() const override;
  std::string_view MigrationLock() const override;

  [[nodiscard]] Result<void> BackUpTo(const std::string& path) override;
  [[nodiscard]] Result<int> InspectCopy(const std::string& path) override;
  [[nodiscard]] Result<void> CopyFrom(const std::string& path) override;

 private:
  // One SQL text as this session knows it.
  struct Statement {
    std::string text;   // with $1..$n for the `?`s
    size_t parameters;  // how many
    std::string name;   // prepared under this name in this session; empty when not yet
  };
  // What an Exec does to the caller's transaction, as far as a lost session matters.
  enum class Control { kNone, kBegin, kCommit, kRollback };

  explicit PgConnection(pg_conn* conn) : conn_(conn) {}

  // Every call starts with Ready and ends with Finished: they reconnect a lost session and
  // keep track of whether the caller's transaction went with it.
  [[nodiscard]] Result<void> Ready(Control control);
  void Finished(Control control);

  // The prepared statement for `sql`, preparing it in this session first if need be.
  [[nodiscard]] Result<Statement*> Prepare(const std::string& sql, size_t values);
  // Forgets `statement`'s prepared form after the server said it was unusable (dropped by
  // someone, or its result columns changed under it); true when the statement may be run
  // again at once, which is so only when it ran outside a transaction block.
  bool Unprepare(Statement& statement, const pg_result* failure, bool in_block);
  // After a new session, or a restore that replaced every table.
  void ForgetStatements();
  [[nodiscard]] Result<void> StreamRows(const std::string& sql,
                                        const std::vector<sql::Value>& values,
                                        const std::function<Result<void>(const sql::Cursor&)>& row);
  [[nodiscard]] Result<int64_t> RunChange(const std::string& sql,
                                          const std::vector<sql::Value>& values);
  // Ends a streaming result early that the caller no longer wants.
  void StopStreaming(bool in_transaction_block);
  // Waits for the statement just sent to answer, cancelling it on the server should the
  // calling thread's deadline pass first (core/deadline.h); its results are read as usual.
  void AwaitWithinDeadline();
  void Cancel();
  // Ends a COPY that a statement started (`status` is libpq's PGRES_COPY_IN or _OUT):
  // trellis never sends or reads COPY data, and the session must not stay inside one.
  void LeaveCopy(int status);

  // The trellis error for a failed call whose result (null when there was none) is
  // `failure`, while running `sql`.
  Error ErrorFor(const pg_result* failure, const std::string& sql) const;
  // "host:port/database", for messages.
  std::string Server() const;
  // This session's connection parameters as a key=value string for a client program, and
  // the environment that carries its password.
  std::string ToolConnectionString() const;
  std::vector<std::string> ToolEnvironment() const;

  pg_conn* conn_;
  std::unordered_map<std::string, Statement> statements_;  // by the SQL text as written
  int64_t statements_prepared_ = 0;                        // for their names
  bool block_open_ = false;        // a transaction block was open after the last call
  bool transaction_lost_ = false;  // ...and then the session was lost
  bool streaming_ = false;         // a Query's rows are being read
};

}  // namespace trellis::store::postgresql
