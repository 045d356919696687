// SQLite-only checks: what the contract suite cannot see through the Store interface
// (PRAGMAs, the schema's own guards, raw files). The contract itself is store_contract_test.cc.

#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <string>

#include "core/deadline.h"

#include "store/migrations/embedded.h"
#include "store/sqlite/connection.h"
#include "store/store_test_support.h"

namespace trellis::store {
namespace {

using testing::At;
using testing::Must;
using testing::TempDir;

// A second, independent connection to the file, as another process would have.
class RawDatabase {
 public:
  explicit RawDatabase(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
      ADD_FAILURE() << "raw open failed: " << sqlite3_errmsg(db_);
  }
  ~RawDatabase() { sqlite3_close_v2(db_); }
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;

  // Runs fixed test SQL; returns the error message, or "" on success.
  std::string Exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return "";
    std::string text = message != nullptr ? message : "error";
    sqlite3_free(message);
    return text;
  }

  std::string Text(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Must(OpenSqliteStore(path_));
    Must(store_->Migrate());
  }

  TrustId NewTrust() {
    org::Trust t;
    t.name = "Oak Learning Trust";
    t.created_at = At("2025-09-01T08:00:00Z");
    return Must(store_->Insert(t)).id;
  }

  TempDir dir_;
  const std::string path_ = (dir_.path() / "trellis.db").string();
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, ConnectionPragmas) {
  auto connection = Must(sqlite::Connection::Open(path_));
  auto pragma = [&](const std::string& name) {
    std::string value;
    Must(connection->Query("PRAGMA " + name, {}, [&](const sql::Cursor& row) -> Result<void> {
      value = row.Text(0);
      return Ok();
    }));
    return value;
  };
  EXPECT_EQ(pragma("journal_mode"), "wal");
  EXPECT_EQ(pragma("foreign_keys"), "1");
  EXPECT_EQ(pragma("synchronous"), "2");  // FULL
  EXPECT_EQ(pragma("busy_timeout"), "5000");
  EXPECT_EQ(pragma("cache_size"), "-65536");  // 64 MiB, in KiB
  auto small = Must(sqlite::Connection::Open(path_, 4));
  Must(small->Query("PRAGMA cache_size", {}, [&](const sql::Cursor& row) -> Result<void> {
    EXPECT_EQ(row.Text(0), "-4096");
    return Ok();
  }));
}

TEST_F(SqliteStoreTest, RecordsOfReadsCommitWithoutWaitingAndAFlushSyncsThem) {
  auto connection = Must(sqlite::Connection::Open(path_));
  auto synchronous = [&] {
    std::string value;
    Must(connection->Query("PRAGMA synchronous", {}, [&](const sql::Cursor& row) -> Result<void> {
      value = row.Text(0);
      return Ok();
    }));
    return value;
  };
  EXPECT_TRUE(connection->FlushCommits());  // nothing written through it yet
  Must(connection->SetCommitsWaitForDisk(false));
  EXPECT_EQ(synchronous(), "1");  // NORMAL
  Must(connection->Exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)"));
  EXPECT_TRUE(connection->FlushCommits());
  Must(connection->SetCommitsWaitForDisk(true));
  EXPECT_EQ(synchronous(), "2");  // FULL

  // Through the store: appended outside a transaction, readable at once, and flushed.
  const TrustId trust = NewTrust();
  access::AuditEntry read;
  read.at = At("2026-11-24T09:00:00Z");
  read.trust = trust;
  read.actor = "ceo@oak.sch.uk";
  read.action = "read";
  read.entity = "grid";
  read.entity_id = "1";
  Must(store_->Append(read));
  EXPECT_EQ(Must(store_->ListAudit({.trust = trust, .action = "read"})).total, 1);
  EXPECT_TRUE(store_->FlushCommits());
  EXPECT_TRUE(store_->FlushCommits());  // and again, with nothing new
}

TEST_F(SqliteStoreTest, FileIsInWalMode) {
  RawDatabase raw(path_);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
}

TEST_F(SqliteStoreTest, AuditLogIsAppendOnlyEvenForRawSql) {
  access::AuditEntry entry;
  entry.at = At("2026-03-01T09:30:00Z");
  entry.actor = "cli";
  entry.action = "import";
  Must(store_->Append(entry));

  RawDatabase raw(path_);
  EXPECT_NE(raw.Exec("UPDATE audit_log SET actor = 'someone else'").find("append-only"),
            std::string::npos);
  EXPECT_NE(raw.Exec("DELETE FROM audit_log").find("append-only"), std::string::npos);
  EXPECT_EQ(raw.Text("SELECT actor FROM audit_log"), "cli");
  EXPECT_EQ(raw.Text("SELECT count(*) FROM audit_log"), "1");
}

TEST_F(SqliteStoreTest, EmbeddedMigrationsAreNumberedFromOneWithoutGaps) {
  const auto migrations = SqliteMigrations();
  ASSERT_FALSE(migrations.empty());
  for (size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1);
    EXPECT_FALSE(migrations[i].sql.empty());
  }
  EXPECT_EQ(migrations.front().name, "0001_organisation");
  EXPECT_EQ(Must(store_->SchemaVersion()), migrations.back().version);

  RawDatabase raw(path_);
  EXPECT_EQ(raw.Text("SELECT count(*) FROM schema_migrations"), std::to_string(migrations.size()));
  EXPECT_EQ(raw.Text("SELECT applied_at FROM schema_migrations WHERE version = 1").size(), 20u);
}

TEST_F(SqliteStoreTest, RefusesASchemaNewerThanItKnows) {
  {
    RawDatabase raw(path_);
    ASSERT_EQ(raw.Exec("INSERT INTO schema_migrations VALUES (9999, '2030-01-01T00:00:00Z')"), "");
  }
  auto migrated = store_->Migrate();
  ASSERT_FALSE(migrated);
  EXPECT_NE(migrated.error().message.find("9999"), std::string::npos);
}

TEST_F(SqliteStoreTest, UnreadableStoredValueIsInternalError) {
  const TrustId trust = NewTrust();
  org::Body body;
  body.trust = trust;
  body.name = "Board";
  const BodyId id = Must(store_->Insert(body)).id;
  {
    RawDatabase raw(path_);
    ASSERT_EQ(raw.Exec("UPDATE bodies SET kind = 'parliament'"), "");
  }
  auto got = store_->GetBody(trust, id);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInternal);
  EXPECT_NE(got.error().message.find("parliament"), std::string::npos);
}

TEST_F(SqliteStoreTest, LockedDatabaseIsUnavailable) {
  const TrustId trust = NewTrust();
  RawDatabase raw(path_);
  ASSERT_EQ(raw.Exec("BEGIN IMMEDIATE"), "");
  // Waits out the 5 s busy timeout, then gives up.
  org::School school;
  school.trust = trust;
  school.urn = 100001;
  school.name = "Oak";
  auto inserted = store_->Insert(school);
  ASSERT_FALSE(inserted);
  EXPECT_EQ(inserted.error().code, ErrorCode::kUnavailable);
  ASSERT_EQ(raw.Exec("ROLLBACK"), "");
  EXPECT_TRUE(store_->Insert(school));
}

// A statement that would run for minutes: counts to a hundred million.
constexpr const char* kLongCount =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) "
    "SELECT x FROM c";

TEST(SqliteDeadline, StopsALongStatementAndUndoesItsTransaction) {
  TempDir dir;
  auto db = Must(sqlite::Connection::Open((dir.path() / "t.db").string()));
  Must(db->Exec("CREATE TABLE t (x INTEGER)"));
  Must(db->Exec("BEGIN IMMEDIATE"));
  Must(db->Execute("INSERT INTO t VALUES (?)", {sql::Param(int64_t{1})}));
  {
    const ScopedDeadline deadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
    auto long_insert = db->Execute(std::string("INSERT INTO t ") + kLongCount, {});
    ASSERT_FALSE(long_insert);
    EXPECT_EQ(long_insert.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(long_insert.error().message, DeadlineError().message);
  }
  // SQLite has undone the whole transaction; the caller's ROLLBACK finds nothing left to do.
  static_cast<void>(db->Exec("ROLLBACK"));
  int64_t rows = -1;
  Must(db->Query("SELECT count(*) FROM t", {}, [&](const sql::Cursor& c) -> Result<void> {
    rows = c.Int(0);
    return Ok();
  }));
  EXPECT_EQ(rows, 0) << "the row written before the deadline went with its transaction";
}

TEST(SqliteDeadline, PastItNoStatementRunsButTransactionControlStillDoes) {
  TempDir dir;
  auto db = Must(sqlite::Connection::Open((dir.path() / "t.db").string()));
  const ScopedDeadline passed(std::chrono::steady_clock::now() - std::chrono::seconds(1));
  auto query = db->Query("SELECT 1", {}, [](const sql::Cursor&) -> Result<void> { return Ok(); });
  ASSERT_FALSE(query);
  EXPECT_EQ(query.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(db->Exec("BEGIN IMMEDIATE; ROLLBACK"));
  {
    const ScopedDeadline lifted(std::nullopt);  // work done for others (group commit)
    EXPECT_TRUE(db->Execute("SELECT 1", {}));
  }
  EXPECT_FALSE(db->Execute("SELECT 1", {}));  // the request's own deadline is back
}

TEST(SqliteStoreOpen, MissingDirectoryIsUnavailable) {
  TempDir dir;
  auto store = OpenSqliteStore((dir.path() / "no" / "such" / "dir" / "trellis.db").string());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
}

TEST(SqliteStoreOpen, InMemoryDatabaseWorks) {
  auto store = Must(OpenSqliteStore(":memory:"));
  EXPECT_GE(Must(store->Migrate()), 2);
  org::Trust t;
  t.name = "Scratch";
  t.created_at = At("2025-09-01T08:00:00Z");
  EXPECT_EQ(Must(store->GetTrust(Must(store->Insert(t)).id)).name, "Scratch");
}

}  // namespace
}  // namespace trellis::store
