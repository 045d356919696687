#pragma once
// Schema migrations compiled into the binary (see EmbedMigrations.cmake), so an installed
// trellis never depends on finding .sql files at run time.

#include <span>
#include <string_view>

namespace trellis::store {

struct EmbeddedMigration {
  int version;            // 1, 2, 3, ... with no gaps
  std::string_view name;  // the file name without .sql, e.g. "0001_organisation"
  std::string_view sql;   // one or more statements
};

// The SQLite migrations, in version order.
std::span<const EmbeddedMigration> SqliteMigrations();
// The PostgreSQL migrations, in version order: the same schema in PostgreSQL's words.
std::span<const EmbeddedMigration> PostgresqlMigrations();

}  // namespace trellis::store
