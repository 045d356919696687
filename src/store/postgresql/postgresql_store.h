#pragma once
// The PostgreSQL implementation of store::Store: the same SQL store as SQLite's (store/sql),
// over libpq connections. Only app/ (and tests) should name it.

#include <memory>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace trellis::store {

// How many connections one process opens at most by default: enough for the server's
// worker threads to query at once, few enough that several servers share one database
// without exhausting its max_connections (100 by default).
inline constexpr int kDefaultPostgresqlConnections = 8;

// Connects to the PostgreSQL database at `url` (a libpq URI, postgresql://user@host:port/db,
// or a key=value connection string; the password may come from ~/.pgpass or PGPASSWORD as
// libpq allows). One connection is opened now, so a wrong address fails here; more are opened
// as threads need them, up to `connections`. The schema is not touched: call Migrate() first.
//
// Fails with kUnavailable when the server cannot be reached or refuses the connection.
[[nodiscard]] Result<std::unique_ptr<Store>> OpenPostgresqlStore(
    const std::string& url, int connections = kDefaultPostgresqlConnections);

}  // namespace trellis::store
