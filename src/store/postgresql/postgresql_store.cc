#include "store/postgresql/postgresql_store.h"

#include "store/postgresql/connection.h"
#include "store/sql/sql_store.h"

namespace trellis::store {

Result<std::unique_ptr<Store>> OpenPostgresqlStore(const std::string& url, int connections) {
  auto first = TRY(postgresql::PgConnection::Open(url));
  auto open_more = [url]() { return postgresql::PgConnection::Open(url); };
  return std::unique_ptr<Store>(
      std::make_unique<sql::SqlStore>(std::move(first), std::move(open_more), connections));
}

}  // namespace trellis::store
