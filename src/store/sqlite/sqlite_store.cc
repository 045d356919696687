#include "store/sqlite/sqlite_store.h"

#include "store/sql/sql_store.h"
#include "store/sqlite/connection.h"

namespace trellis::store {

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  auto connection = TRY(sqlite::Connection::Open(path));
  // One connection: SQLite lets one writer in at a time whatever the number of connections,
  // and an in-memory database exists only on the connection that made it.
  return std::unique_ptr<Store>(
      std::make_unique<sql::SqlStore>(std::move(connection), nullptr, 1));
}

}  // namespace trellis::store
