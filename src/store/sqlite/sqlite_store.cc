#include "store/sqlite/sqlite_store.h"

#include "store/sql/sql_store.h"
#include "store/sqlite/connection.h"

namespace trellis::store {

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, SqliteOptions options) {
  auto connection = TRY(sqlite::Connection::Open(path, options.cache_mb));
  // An in-memory database exists only on the connection that made it: one connection.
  if (path == ":memory:" || path.empty())
    return std::unique_ptr<Store>(std::make_unique<sql::SqlStore>(std::move(connection), nullptr, 1));
  // A file: two connections. SQLite lets one writer in at a time whatever the number, but in
  // WAL mode readers go on beside it: while one connection waits for the disk to confirm a
  // commit (the audit log's record of reads, committed in groups), requests read through the
  // other, instead of queueing behind the fsync (docs/adr/0004).
  auto open = [path, options]() -> Result<std::unique_ptr<sql::Connection>> {
    return std::unique_ptr<sql::Connection>(TRY(sqlite::Connection::Open(path, options.cache_mb)));
  };
  return std::unique_ptr<Store>(std::make_unique<sql::SqlStore>(std::move(connection), open, 2));
}

}  // namespace trellis::store
