#include "store/postgresql/connection.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "core/deadline.h"
#include "store/postgresql/test_database.h"

namespace trellis::store::postgresql {
namespace {

using sql::Param;
using sql::Value;
using Rows = std::vector<std::vector<std::string>>;

class PgConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = TestServer::FromEnvironment();
    ASSERT_TRUE(server) << server.error().message;
    if (!*server) GTEST_SKIP() << TestServer::kNotConfigured;
    auto database = TestDatabase::Create(**server);
    ASSERT_TRUE(database) << database.error().message;
    database_ = std::move(*database);
    db_ = Connect();
    ASSERT_NE(db_, nullptr);
  }

  std::unique_ptr<sql::Connection> Connect() {
    auto opened = PgConnection::Open(database_->url());
    EXPECT_TRUE(opened) << opened.error().message;
    return opened ? std::move(*opened) : nullptr;
  }

  // Every row of a query as text, "NULL" for a null.
  static Result<Rows> Read(sql::Connection& db, const std::string& sql,
                           const std::vector<Value>& values = {}) {
    Rows rows;
    TRY(db.Query(sql, values, [&rows](const sql::Cursor& c) -> Result<void> {
      rows.emplace_back();
      for (int i = 0; i < 16 && !c.ColumnName(i).empty() && c.ColumnName(i) != "?"; ++i)
        rows.back().push_back(c.IsNull(i) ? "NULL" : c.Text(i));
      return Ok();
    }));
    return rows;
  }
  Rows Read(const std::string& sql, const std::vector<Value>& values = {}) {
    auto rows = Read(*db_, sql, values);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : Rows{};
  }
  // The first column of the only row.
  std::string One(const std::string& sql, const std::vector<Value>& values = {}) {
    const Rows rows = Read(sql, values);
    EXPECT_EQ(rows.size(), 1u) << sql;
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }
  void Exec(const std::string& sql) {
    auto done = db_->Exec(sql);
    ASSERT_TRUE(done) << done.error().message;
  }
  // Ends this test's session from another one, waiting until it has gone.
  void EndSessionFromOutside() {
    const std::string pid = One("SELECT pg_backend_pid()");
    auto other = Connect();
    ASSERT_NE(other, nullptr);
    auto ended = Read(*other, "SELECT pg_terminate_backend(CAST(? AS integer), 5000)",
                      {Param(int64_t{std::stoll(pid)})});
    ASSERT_TRUE(ended) << ended.error().message;
    ASSERT_EQ((*ended)[0][0], "t");
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<sql::Connection> db_;  // after database_, so it closes first
};

TEST_F(PgConnectionTest, PlaceholdersOutsideQuotesAndCommentsTakeValues) {
  const Rows rows = Read(
      "SELECT CAST(? AS text) AS \"a?\", '?' AS b, 'it''s ?' AS c, E'\\'?' AS d, $$?$$ AS e,"
      " $tag$ ? $tag$ AS f, CAST(? AS bigint) AS g -- ?\n /* ? /* ? */ ? */",
      {Param("x"), Param(7)});
  ASSERT_EQ(rows, (Rows{{"x", "?", "it's ?", "'?", "?", " ? ", "7"}}));

  std::string name;
  ASSERT_TRUE(db_->Query("SELECT 1 AS \"why?\"", {}, [&name](const sql::Cursor& c) -> Result<void> {
    name = c.ColumnName(0);
    return Ok();
  }));
  EXPECT_EQ(name, "why?");
}

TEST_F(PgConnectionTest, ValuesNotMatchingPlaceholdersAreABug) {
  auto few = db_->Query("SELECT CAST(? AS bigint) + ?", {Param(1)},
                        [](const sql::Cursor&) { return Ok(); });
  ASSERT_FALSE(few);
  EXPECT_EQ(few.error().code, ErrorCode::kInternal);
  EXPECT_NE(few.error().message.find("SELECT CAST(? AS bigint) + ?"), std::string::npos);
  auto many = db_->Execute("SELECT 1", {Param(1)});
  ASSERT_FALSE(many);
  EXPECT_EQ(many.error().code, ErrorCode::kInternal);
}

TEST_F(PgConnectionTest, EveryKindOfValueComesBackAsItWent) {
  Exec("CREATE TABLE v (id bigint PRIMARY KEY, i bigint, d double precision, t text)");
  const std::string text = "quotes ' \" \\ ? and ünïcødé ✓\nnew line";
  const std::vector<std::vector<Value>> rows = {
      {Param(1), Param(std::numeric_limits<int64_t>::max()), Param(0.1), Param("plain")},
      {Param(2), Param(std::numeric_limits<int64_t>::min()), Param(1e-300), Param(text)},
      {Param(3), nullptr, nullptr, nullptr},
      {Param(4), Param(0), Param(-1.7976931348623157e308), Param("")},
      {Param(5), Param(-1), Param(std::numeric_limits<double>::infinity()), Param("x")},
      {Param(6), Param(42), Param(1.0 / 3.0), Param(std::optional<std::string>())},
  };
  for (const auto& row : rows) {
    auto inserted = db_->Execute("INSERT INTO v (id, i, d, t) VALUES (?, ?, ?, ?)", row);
    ASSERT_TRUE(inserted) << inserted.error().message;
    EXPECT_EQ(*inserted, 1);
  }
  size_t n = 0;
  auto read = db_->Query("SELECT id, i, d, t FROM v ORDER BY id", {},
                         [&](const sql::Cursor& c) -> Result<void> {
                           const auto& want = rows.at(n++);
                           EXPECT_EQ(c.Int(0), std::get<int64_t>(want[0]));
                           for (int col = 1; col < 4; ++col) {
                             const Value& v = want[static_cast<size_t>(col)];
                             EXPECT_EQ(c.IsNull(col), std::holds_alternative<std::nullptr_t>(v));
                           }
                           if (const auto* i = std::get_if<int64_t>(&want[1])) {
                             EXPECT_EQ(c.Int(1), *i);
                           }
                           if (const auto* d = std::get_if<double>(&want[2])) {
                             EXPECT_EQ(c.Real(2), *d);
                           }
                           if (const auto* t = std::get_if<std::string>(&want[3])) {
                             EXPECT_EQ(c.Text(3), *t);
                           }
                           return Ok();
                         });
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(n, rows.size());
  // A value with no column to give it a type is text.
  EXPECT_EQ(One("SELECT ?", {Param("as it is")}), "as it is");
}

TEST_F(PgConnectionTest, BooleansAndNumericsReadAsIntegers) {
  std::vector<int64_t> got;
  auto read = db_->Query(
      "SELECT true, false, CAST(? AS boolean), CAST(? AS boolean), sum(CAST(x AS bigint)),"
      " CAST(3.000 AS numeric) FROM (VALUES (1), (2)) AS s(x)",
      {Param(true), Param(false)}, [&got](const sql::Cursor& c) -> Result<void> {
        for (int i = 0; i < 6; ++i) got.push_back(c.Int(i));
        return Ok();
      });
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(got, (std::vector<int64_t>{1, 0, 1, 0, 3, 3}));
}

TEST_F(PgConnectionTest, TextWithNulIsRefused) {
  auto refused = db_->Execute("SELECT CAST(? AS text)", {Param(std::string("a\0b", 3))});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
}

TEST_F(PgConnectionTest, ExecuteCountsChangedRows) {
  Exec("CREATE TABLE s (id bigint PRIMARY KEY, name text)");
  EXPECT_EQ(db_->Execute("INSERT INTO s VALUES (1, 'a'), (2, 'b'), (3, 'c')", {}).value_or(-1), 3);
  EXPECT_EQ(db_->Execute("UPDATE s SET name = name WHERE id < ?", {Param(3)}).value_or(-1), 2);
  EXPECT_EQ(db_->Execute("DELETE FROM s WHERE id > ?", {Param(99)}).value_or(-1), 0);
  EXPECT_EQ(db_->Execute("CREATE INDEX s_name ON s (name)", {}).value_or(-1), 0);
}

TEST_F(PgConnectionTest, BrokenUniqueKeyIsAConflictNamingTheColumns) {
  Exec("CREATE TABLE t (id bigint PRIMARY KEY, a bigint, b text, UNIQUE (a, b))");
  const std::string insert = "INSERT INTO t (id, a, b) VALUES (?, ?, ?)";
  ASSERT_TRUE(db_->Execute(insert, {Param(1), Param(424242), Param("secret-name")}));

  auto again = db_->Execute(insert, {Param(2), Param(424242), Param("secret-name")});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(again.error().message.starts_with("UNIQUE constraint failed: t.a, t.b ("))
      << again.error().message;
  EXPECT_EQ(again.error().message.find("424242"), std::string::npos) << again.error().message;
  EXPECT_EQ(again.error().message.find("secret-name"), std::string::npos);

  auto same_id = db_->Execute(insert, {Param(1), Param(1), Param("other")});
  ASSERT_FALSE(same_id);
  EXPECT_EQ(same_id.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(same_id.error().message.starts_with("UNIQUE constraint failed: t.id ("))
      << same_id.error().message;

  // An expression index names its key by the expression.
  Exec("CREATE UNIQUE INDEX t_lower_b ON t (coalesce(a, 0), lower(b))");
  auto folded = db_->Execute(insert, {Param(3), Param(424242), Param("SECRET-NAME")});
  ASSERT_FALSE(folded);
  EXPECT_TRUE(folded.error().message.starts_with(
      "UNIQUE constraint failed: t.COALESCE(a, 0::bigint), t.lower(b) ("))
      << folded.error().message;
}

TEST_F(PgConnectionTest, BrokenForeignKeyFailsValidation) {
  Exec(
      "CREATE TABLE parent (id bigint PRIMARY KEY);"
      "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent)");
  auto orphan = db_->Execute("INSERT INTO child VALUES (?, ?)", {Param(1), Param(987654)});
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(orphan.error().message.find("987654"), std::string::npos) << orphan.error().message;
}

TEST_F(PgConnectionTest, OtherRefusalsAreInternalAndHideValues) {
  Exec("CREATE TABLE c (n bigint CHECK (n > 0), s text NOT NULL)");
  auto negative = db_->Execute("INSERT INTO c VALUES (?, ?)", {Param(-55555), Param("secret")});
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().code, ErrorCode::kInternal);
  EXPECT_NE(negative.error().message.find("INSERT INTO c VALUES (?, ?)"), std::string::npos)
      << negative.error().message;
  EXPECT_EQ(negative.error().message.find("55555"), std::string::npos);
  EXPECT_EQ(negative.error().message.find("secret"), std::string::npos);

  auto missing = db_->Execute("INSERT INTO c VALUES (?, ?)", {Param(1), nullptr});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kInternal);

  auto unreadable = db_->Execute("SELECT CAST(? AS bigint)", {Param("secret-value")});
  ASSERT_FALSE(unreadable);
  EXPECT_EQ(unreadable.error().code, ErrorCode::kInternal);
  EXPECT_EQ(unreadable.error().message.find("secret-value"), std::string::npos)
      << unreadable.error().message;

  auto typo = db_->Execute("SELEC 1", {});
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().code, ErrorCode::kInternal);
  EXPECT_NE(typo.error().message.find("SELEC 1"), std::string::npos);
}

TEST_F(PgConnectionTest, ExecRunsSeveralStatementsAllOrNothing) {
  auto failed =
      db_->Exec("CREATE TABLE a (x int);\nCREATE TABLE b (y int);\nCREAT TABLE c (z int);");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
  EXPECT_NE(failed.error().message.find("line 3"), std::string::npos) << failed.error().message;
  EXPECT_FALSE(db_->HasTable("a").value_or(true));

  Exec("CREATE TABLE a (x int); CREATE TABLE b (y int); INSERT INTO a VALUES (1)");
  EXPECT_TRUE(db_->HasTable("a").value_or(false));
  EXPECT_TRUE(db_->HasTable("b").value_or(false));
  EXPECT_FALSE(db_->HasTable("c").value_or(true));
}

TEST_F(PgConnectionTest, FailedStatementInsideASavepointLeavesTheTransactionUsable) {
  Exec("CREATE TABLE t (id bigint PRIMARY KEY)");
  Exec(std::string(db_->BeginWrite()));
  ASSERT_TRUE(db_->Execute("INSERT INTO t VALUES (?)", {Param(1)}));
  Exec("SAVEPOINT trellis_1");
  auto again = db_->Execute("INSERT INTO t VALUES (?)", {Param(1)});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  Exec("ROLLBACK TO trellis_1; RELEASE trellis_1");
  ASSERT_TRUE(db_->Execute("INSERT INTO t VALUES (?)", {Param(2)}));
  Exec("COMMIT");
  EXPECT_EQ(One("SELECT count(*) FROM t"), "2");
}

TEST_F(PgConnectionTest, StreamsRowsAndStopsWhenTheCallerFails) {
  const std::string rows = "SELECT g FROM generate_series(1, 200000) AS g";
  int64_t count = 0, sum = 0;
  auto all = db_->Query(rows, {}, [&](const sql::Cursor& c) -> Result<void> {
    ++count;
    sum += c.Int(0);
    return Ok();
  });
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(count, 200000);
  EXPECT_EQ(sum, int64_t{200000} * 200001 / 2);

  const auto stop_at = [](int64_t& seen) {
    return [&seen](const sql::Cursor&) -> Result<void> {
      if (++seen == 1000) return Fail(ErrorCode::kNotFound, "enough");
      return Ok();
    };
  };
  int64_t seen = 0;
  auto stopped = db_->Query(rows, {}, stop_at(seen));
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(stopped.error().message, "enough");
  EXPECT_EQ(seen, 1000);
  EXPECT_EQ(One("SELECT 1"), "1");

  // Inside a transaction the rest is read and dropped, and the transaction goes on.
  Exec("CREATE TABLE t (id bigint)");
  Exec("BEGIN");
  ASSERT_TRUE(db_->Execute("INSERT INTO t VALUES (?)", {Param(1)}));
  seen = 0;
  EXPECT_FALSE(db_->Query(rows, {}, stop_at(seen)));
  ASSERT_TRUE(db_->Execute("INSERT INTO t VALUES (?)", {Param(2)}));
  Exec("COMMIT");
  EXPECT_EQ(One("SELECT count(*) FROM t"), "2");

  // A callback that throws is a failure like any other.
  auto threw = db_->Query(
      rows, {}, [](const sql::Cursor&) -> Result<void> { throw std::runtime_error("boom"); });
  ASSERT_FALSE(threw);
  EXPECT_EQ(threw.error().code, ErrorCode::kInternal);
  EXPECT_EQ(One("SELECT 2"), "2");
}

TEST_F(PgConnectionTest, StatementsFromInsideARowCallbackAreRefused) {
  int64_t rows = 0;
  auto outer = db_->Query("SELECT g FROM generate_series(1, 10) AS g", {},
                          [&](const sql::Cursor&) -> Result<void> {
                            ++rows;
                            TRY(db_->Execute("SELECT 1", {}));
                            return Ok();
                          });
  ASSERT_FALSE(outer);
  EXPECT_EQ(outer.error().code, ErrorCode::kInternal);
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(One("SELECT 1"), "1");
}

TEST_F(PgConnectionTest, StoppingAHugeResultCancelsIt) {
  // Reading a hundred million rows to the end would take minutes. (generate_series in the
  // select list streams its rows; in FROM it would build them all before the first.)
  const auto start = std::chrono::steady_clock::now();
  auto stopped = db_->Query(
      "SELECT generate_series(1, 100000000)", {},
      [](const sql::Cursor&) -> Result<void> { return Fail(ErrorCode::kNotFound, "enough"); });
  ASSERT_FALSE(stopped);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(One("SELECT 1"), "1");
}

TEST_F(PgConnectionTest, ADeadlineCancelsALongStatementAndItsTransaction) {
  Exec("CREATE TABLE t (id bigint)");
  Exec(std::string(db_->BeginWrite()));
  ASSERT_TRUE(db_->Execute("INSERT INTO t VALUES (?)", {Param(int64_t{1})}));
  {
    const ScopedDeadline deadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(100));
    auto slept = db_->Execute("SELECT pg_sleep(60)", {});
    ASSERT_FALSE(slept);
    EXPECT_EQ(slept.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(slept.error().message, DeadlineError().message);
  }
  Exec("ROLLBACK");
  EXPECT_EQ(One("SELECT count(*) FROM t"), "0");
  {
    // Reading rows too; outside a transaction, the session is usable after.
    const ScopedDeadline deadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(100));
    auto rows = Read(*db_, "SELECT pg_sleep(60)");
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().message, DeadlineError().message);
  }
  EXPECT_EQ(One("SELECT 1"), "1");
}

TEST_F(PgConnectionTest, PastADeadlineNoStatementIsSent) {
  const ScopedDeadline passed(std::chrono::steady_clock::now() - std::chrono::seconds(1));
  auto rows = Read(*db_, "SELECT 1");
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(db_->Exec("BEGIN; ROLLBACK"));  // transaction control is never cut short
}

TEST_F(PgConnectionTest, CopyIsRefusedAndLeavesTheSessionUsable) {
  Exec("CREATE TABLE t (id bigint); INSERT INTO t VALUES (1)");
  auto out = db_->Exec("COPY t TO STDOUT");
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::kInternal);
  auto in = db_->Exec("COPY t FROM STDIN");
  ASSERT_FALSE(in);
  auto prepared = db_->Execute("COPY t TO STDOUT", {});
  ASSERT_FALSE(prepared);
  EXPECT_EQ(One("SELECT count(*) FROM t"), "1");
}

TEST_F(PgConnectionTest, StatementsSurviveTheirTablesChanging) {
  Exec("CREATE TABLE r (id bigint); INSERT INTO r VALUES (1)");
  EXPECT_EQ(Read("SELECT * FROM r"), (Rows{{"1"}}));
  Exec("ALTER TABLE r ADD COLUMN extra text DEFAULT 'e'");
  EXPECT_EQ(Read("SELECT * FROM r"), (Rows{{"1", "e"}}));
  Exec("DEALLOCATE ALL");
  EXPECT_EQ(Read("SELECT * FROM r"), (Rows{{"1", "e"}}));
}

TEST_F(PgConnectionTest, SqlThatDiffers) {
  Exec("CREATE TABLE s (id bigint PRIMARY KEY, name text)");
  ASSERT_TRUE(
      db_->Execute("INSERT INTO s VALUES (1, 'beta 50% off'), (2, 'Alpha_Road'),"
                   " (3, 'charlie'), (4, 'ALPHAX')",
                   {}));
  const auto matching = [&](const std::string& needle) {
    return One("SELECT count(*) FROM s WHERE " + db_->Contains("name"), {Param(needle)});
  };
  EXPECT_EQ(matching("50%"), "1");
  EXPECT_EQ(matching("%"), "1");
  EXPECT_EQ(matching("a_r"), "1");
  EXPECT_EQ(matching("alpha"), "2");
  EXPECT_EQ(matching("ALPHA_"), "1");
  EXPECT_EQ(Read("SELECT id FROM s WHERE id IN (1, 2, 3) ORDER BY " + db_->NoCase("name")),
            (Rows{{"2"}, {"1"}, {"3"}}));
  EXPECT_EQ(One("SELECT count(*) FROM s WHERE " + db_->NoCase("name") + " = " + db_->NoCase("?"),
                {Param("CHARLIE")}),
            "1");
  EXPECT_EQ(
      Read("SELECT id FROM s WHERE " + db_->InIds("id") + " ORDER BY id", {Param("[1,3,99]")}),
      (Rows{{"1"}, {"3"}}));
  EXPECT_EQ(Read("SELECT id FROM s WHERE " + db_->InIds("id"), {Param("[]")}), Rows{});
  EXPECT_TRUE(db_->HasTable("s").value_or(false));
  EXPECT_FALSE(db_->HasTable("nope").value_or(true));

  Exec(std::string(db_->BeginRead()));
  EXPECT_EQ(One("SELECT count(*) FROM s"), "4");
  Exec("COMMIT");
  Exec(std::string(db_->BeginWrite()));
  Exec(std::string(db_->MigrationLock()));
  Exec("COMMIT");
  EXPECT_TRUE(db_->FailedStatementAbortsTransaction());
}

TEST_F(PgConnectionTest, EndedSessionFailsOnceThenReconnects) {
  const std::string plus_one = "SELECT CAST(? AS bigint) + 1";
  EXPECT_EQ(One(plus_one, {Param(1)}), "2");

  auto ended = Read(*db_, "SELECT pg_terminate_backend(pg_backend_pid())");
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().code, ErrorCode::kUnavailable) << ended.error().message;
  EXPECT_EQ(One(plus_one, {Param(2)}), "3");  // prepared again in the new session

  EndSessionFromOutside();
  auto lost = db_->Execute(plus_one, {Param(3)});
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().code, ErrorCode::kUnavailable) << lost.error().message;
  EXPECT_EQ(One(plus_one, {Param(4)}), "5");
}

TEST_F(PgConnectionTest, TransactionLostWithItsSessionIsNotContinuedOutsideIt) {
  Exec("CREATE TABLE t (id bigint)");
  const std::string insert = "INSERT INTO t VALUES (?)";
  Exec("BEGIN");
  ASSERT_TRUE(db_->Execute(insert, {Param(1)}));
  EndSessionFromOutside();
  auto lost = db_->Execute(insert, {Param(2)});
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().code, ErrorCode::kUnavailable);
  // The server is back, but this statement belongs to the lost transaction.
  auto refused = db_->Execute(insert, {Param(3)});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(db_->Exec("ROLLBACK TO trellis_1"));  // a savepoint does not end it
  Exec("ROLLBACK");
  ASSERT_TRUE(db_->Execute(insert, {Param(4)}));
  EXPECT_EQ(Read("SELECT id FROM t"), (Rows{{"4"}}));

  Exec("BEGIN");
  ASSERT_TRUE(db_->Execute(insert, {Param(5)}));
  EndSessionFromOutside();
  EXPECT_FALSE(db_->Execute(insert, {Param(6)}));
  auto commit = db_->Exec("COMMIT");
  ASSERT_FALSE(commit);
  EXPECT_EQ(commit.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(commit.error().message.find("nothing of it was committed"), std::string::npos);
  EXPECT_EQ(Read("SELECT id FROM t"), (Rows{{"4"}}));
}

TEST(PgConnectionOpenTest, ClosedPortIsUnavailableAndThePasswordIsNotTold) {
  // A port nobody listens on: bound for a moment, then let go.
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(s, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(s);
  const std::string port = std::to_string(ntohs(address.sin_port));

  auto opened = PgConnection::Open("postgresql://trellis:s3cret-pw@127.0.0.1:" + port + "/x");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(opened.error().message.find("127.0.0.1:" + port), std::string::npos)
      << opened.error().message;
  EXPECT_EQ(opened.error().message.find("s3cret-pw"), std::string::npos);

  auto malformed = PgConnection::Open("postgresql://trellis:pa%zzss@127.0.0.1/x");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(malformed.error().message.find("pa%zzss"), std::string::npos);
}

class PgBackupTest : public PgConnectionTest {
 protected:
  void SetUp() override {
    PgConnectionTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    directory_ = std::filesystem::temp_directory_path() / (database_->name() + "_backups");
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override {
    std::error_code ignored;
    if (!directory_.empty()) std::filesystem::remove_all(directory_, ignored);
  }
  std::string PathTo(const std::string& name) const { return (directory_ / name).string(); }

  std::filesystem::path directory_;
};

TEST_F(PgBackupTest, BackUpInspectAndRestore) {
  Exec(
      "CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL);"
      "INSERT INTO schema_migrations VALUES (1, 'a'), (3, 'c'), (2, 'b');"
      "CREATE TABLE people (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
      "                     name text NOT NULL UNIQUE);"
      "INSERT INTO people (name) VALUES ('Ada'), ('Grace');");
  const std::string names = "SELECT name FROM people ORDER BY id";
  EXPECT_EQ(Read(names), (Rows{{"Ada"}, {"Grace"}}));

  const std::string path = PathTo("store.dump");
  auto backed_up = db_->BackUpTo(path);
  ASSERT_TRUE(backed_up) << backed_up.error().message;
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto twice = db_->BackUpTo(path);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);

  auto version = db_->InspectCopy(path);
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(*version, 3);

  // What a newer trellis might have added since: all of it must go.
  Exec(
      "INSERT INTO people (name) VALUES ('Later');"
      "CREATE TABLE newer (id bigint PRIMARY KEY, person_id bigint REFERENCES people);"
      "INSERT INTO newer VALUES (1, 1);"
      "CREATE TYPE mood AS ENUM ('fine');"
      "CREATE VIEW people_names AS SELECT name FROM people;"
      "CREATE TYPE span AS RANGE (subtype = float8);"
      "CREATE FUNCTION add_one(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1 + 1';"
      "CREATE TABLE parted (id int, s span) PARTITION BY RANGE (id);"
      "CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);"
      "INSERT INTO schema_migrations VALUES (4, 'd');");
  auto restored = db_->CopyFrom(path);
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(Read(names), (Rows{{"Ada"}, {"Grace"}}));
  EXPECT_FALSE(db_->HasTable("newer").value_or(true));
  EXPECT_FALSE(db_->HasTable("people_names").value_or(true));
  EXPECT_EQ(One("SELECT count(*) FROM pg_type WHERE typname IN ('mood', 'span')"), "0");
  EXPECT_EQ(One("SELECT count(*) FROM pg_proc WHERE proname = 'add_one'"), "0");
  EXPECT_FALSE(db_->HasTable("parted").value_or(true));
  EXPECT_EQ(One("SELECT max(version) FROM schema_migrations"), "3");
  EXPECT_EQ(One("INSERT INTO people (name) VALUES (?) RETURNING id", {Param("Next")}), "3");
}

TEST_F(PgBackupTest, RefusedCopiesChangeNothing) {
  auto missing = db_->InspectCopy(PathTo("missing.dump"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(db_->CopyFrom(PathTo("missing.dump")).error().code, ErrorCode::kNotFound);

  const std::string garbage = PathTo("garbage.dump");
  std::ofstream(garbage) << "this is not a dump\n";
  auto not_dump = db_->InspectCopy(garbage);
  ASSERT_FALSE(not_dump);
  EXPECT_EQ(not_dump.error().code, ErrorCode::kInvalidInput) << not_dump.error().message;

  Exec("CREATE TABLE people (id bigint PRIMARY KEY, name text)");
  const std::string no_schema = PathTo("no_schema.dump");
  ASSERT_TRUE(db_->BackUpTo(no_schema));
  auto not_trellis = db_->InspectCopy(no_schema);
  ASSERT_FALSE(not_trellis);
  EXPECT_EQ(not_trellis.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(not_trellis.error().message.find("schema_migrations"), std::string::npos);

  auto unreadable = db_->CopyFrom(garbage);
  ASSERT_FALSE(unreadable);
  EXPECT_EQ(unreadable.error().code, ErrorCode::kInvalidInput) << unreadable.error().message;

  // A copy whose restore fails half way (its schema "extra" cannot be dropped while it holds
  // a table the copy knows nothing of) is rolled back whole.
  Exec(
      "CREATE SCHEMA extra; CREATE TABLE extra.a (id bigint);"
      "CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at text);"
      "INSERT INTO schema_migrations VALUES (1, 'a')");
  const std::string with_extra = PathTo("with_extra.dump");
  ASSERT_TRUE(db_->BackUpTo(with_extra));
  Exec("CREATE TABLE extra.b (id bigint); INSERT INTO people VALUES (1, 'Kept')");
  auto failed = db_->CopyFrom(with_extra);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable) << failed.error().message;
  EXPECT_EQ(Read("SELECT name FROM people"), (Rows{{"Kept"}}));
  EXPECT_TRUE(db_->HasTable("schema_migrations").value_or(false));
}

}  // namespace
}  // namespace trellis::store::postgresql
