#pragma once
// The SQLite implementation of store::Store. Only app/ (and tests) should name it.

#include <memory>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace trellis::store {

// Opens, creating if needed, the SQLite database file at `path` (":memory:" gives a private
// in-memory database, for throwaway use). The schema is not touched: call Migrate() before
// anything else. The file is kept in WAL mode with synchronous=FULL, so a write that returned
// successfully survives a crash or power loss.
//
// Fails with kUnavailable when the file cannot be opened (missing directory, permissions) or
// stays locked beyond the busy timeout, kInternal otherwise.
struct SqliteOptions {
  int cache_mb = 64;  // the most of the file's pages each connection keeps in memory
};
[[nodiscard]] Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                             SqliteOptions options = {});

}  // namespace trellis::store
