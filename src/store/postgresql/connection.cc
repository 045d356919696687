#include "store/postgresql/connection.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>

#include "core/deadline.h"
#include "store/postgresql/client_tools.h"

namespace trellis::store::postgresql {
namespace {

constexpr int kOldestServer = 130000;  // PQserverVersion's form of 13.0
// How much of a statement, or of a client program's complaints, goes into a message.
constexpr size_t kSqlInMessage = 600;
constexpr size_t kToolErrorsInMessage = 2000;

// Everything that changes or reads what trellis owns in a database, for a restore to drop
// before recreating it from the copy: a newer schema's tables and types are not in an
// older copy, and would otherwise survive it (and block the dropping of the tables they
// refer to). Objects of extensions, and those that exist only as part of another (an
// identity column's sequence, a range type's constructor), go with their owner.
constexpr const char* kClearSchema = R"sql(
SET client_min_messages = warning;
DO $trellis$
DECLARE
  item record;
BEGIN
  FOR item IN
    SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                          WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'
                          ELSE 'TABLE' END AS kind,
           format('%I.%I', n.nspname, c.relname) AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                          AND d.objid = c.oid AND d.objsubid = 0 AND d.deptype IN ('e', 'i'))
    UNION ALL
    SELECT CASE p.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE'
                          ELSE 'FUNCTION' END,
           format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = current_schema()
       AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                          AND d.objid = p.oid AND d.deptype IN ('e', 'i'))
    UNION ALL
    SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
           format('%I.%I', n.nspname, t.typname)
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema()
       AND (t.typtype IN ('e', 'd', 'r')
            OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
       AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                          AND d.objid = t.oid AND d.deptype IN ('e', 'i'))
  LOOP
    EXECUTE format('DROP %s IF EXISTS %s CASCADE', item.kind, item.name);
  END LOOP;
END
$trellis$;
)sql";

struct ClearResult {
  void operator()(PGresult* result) const { PQclear(result); }
};
using OwnedResult = std::unique_ptr<PGresult, ClearResult>;

void IgnoreNotice(void*, const char*) {}

// libpq's messages end in a newline and may run over several indented lines; ours are one.
std::string OneLine(std::string_view text) {
  std::string line;
  bool gap = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      gap = true;
      continue;
    }
    if (gap && !line.empty()) line += ' ';
    gap = false;
    line += c;
  }
  return line;
}

std::string Shortened(std::string text, size_t limit) {
  if (text.size() <= limit) return text;
  // Cut between characters, not inside one: messages must stay valid UTF-8.
  while (limit > 0 && (static_cast<unsigned char>(text[limit]) & 0xC0) == 0x80) --limit;
  return text.substr(0, limit) + "...";
}

// ---- Placeholders ----

bool IsIdentifierChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

// Just past the end of the quoted text that opens at `open` ('...' or "..."), or the end of
// `sql`. A doubled quote stands for itself, as does any character after a backslash in
// E'...' strings.
size_t EndOfQuoted(std::string_view sql, size_t open, bool backslashes) {
  const char quote = sql[open];
  for (size_t i = open + 1; i < sql.size(); ++i) {
    if (backslashes && sql[i] == '\\') {
      ++i;
    } else if (sql[i] == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return sql.size();
}

// Just past the end of the /* comment */ that opens at `open`; they nest in PostgreSQL.
size_t EndOfBlockComment(std::string_view sql, size_t open) {
  int depth = 0;
  for (size_t i = open; i + 1 < sql.size(); ++i) {
    if (sql[i] == '/' && sql[i + 1] == '*') {
      ++depth;
      ++i;
    } else if (sql[i] == '*' && sql[i + 1] == '/') {
      ++i;
      if (--depth == 0) return i + 1;
    }
  }
  return sql.size();
}

// The tag ("$$" or "$name$") of the dollar-quoted string that opens at `open`, or empty when
// the $ opens none ($1, or a $ inside a name).
std::string_view DollarTag(std::string_view sql, size_t open) {
  if (open > 0 && IsIdentifierChar(sql[open - 1])) return {};
  size_t i = open + 1;
  if (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) return {};
  while (i < sql.size() && sql[i] != '$' && IsIdentifierChar(sql[i])) ++i;
  if (i < sql.size() && sql[i] == '$') return sql.substr(open, i - open + 1);
  return {};
}

struct Translation {
  std::string text;
  size_t parameters = 0;
};

// `sql` with each `?` outside quotes and comments replaced by $1, $2, ...
Translation Translate(std::string_view sql) {
  Translation out;
  out.text.reserve(sql.size() + 16);
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    size_t end = i + 1;  // [i, end) is copied as it is
    if (c == '?') {
      out.text += '$';
      out.text += std::to_string(++out.parameters);
      ++i;
      continue;
    }
    if (c == '\'') {
      const bool escapes = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                           !(i > 1 && IsIdentifierChar(sql[i - 2]));
      end = EndOfQuoted(sql, i, escapes);
    } else if (c == '"') {
      end = EndOfQuoted(sql, i, false);
    } else if (c == '-' && next == '-') {
      end = std::min(sql.find('\n', i), sql.size());
    } else if (c == '/' && next == '*') {
      end = EndOfBlockComment(sql, i);
    } else if (c == '$') {
      const std::string_view tag = DollarTag(sql, i);
      if (!tag.empty()) {
        const size_t close = sql.find(tag, i + tag.size());
        end = close == std::string_view::npos ? sql.size() : close + tag.size();
      }
    }
    out.text.append(sql.substr(i, end - i));
    i = end;
  }
  return out;
}

// ---- Values ----

std::string DoubleText(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buffer[32];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, d);  // shortest exact
  return std::string(buffer, written.ptr);
}

// One statement's values in libpq's text form, NULL as a null pointer.
class TextValues {
 public:
  explicit TextValues(const std::vector<sql::Value>& values) {
    owned_.reserve(values.size());  // so that pointers into it stay put
    for (const sql::Value& v : values) {
      if (std::holds_alternative<std::nullptr_t>(v)) {
        pointers_.push_back(nullptr);
      } else if (const auto* text = std::get_if<std::string>(&v)) {
        holds_nul_ = holds_nul_ || text->find('\0') != std::string::npos;
        pointers_.push_back(text->c_str());
      } else if (const auto* borrowed = std::get_if<sql::BorrowedText>(&v)) {
        // libpq reads text up to its NUL, which a view need not have: copied.
        holds_nul_ = holds_nul_ || borrowed->text.find('\0') != std::string_view::npos;
        owned_.emplace_back(borrowed->text);
        pointers_.push_back(owned_.back().c_str());
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        owned_.push_back(std::to_string(*n));
        pointers_.push_back(owned_.back().c_str());
      } else {
        owned_.push_back(DoubleText(std::get<double>(v)));
        pointers_.push_back(owned_.back().c_str());
      }
    }
  }

  int count() const { return static_cast<int>(pointers_.size()); }
  const char* const* pointers() const { return pointers_.data(); }
  // PostgreSQL text cannot hold NUL, and libpq would cut the value short at it.
  [[nodiscard]] Result<void> Check(const std::string& sql) const {
    if (!holds_nul_) return Ok();
    return Fail(ErrorCode::kInvalidInput,
                "a text value holds a NUL character, which PostgreSQL cannot store (in: " +
                    Shortened(OneLine(sql), kSqlInMessage) + ")");
  }

 private:
  std::vector<std::string> owned_;  // the texts of numbers and of borrowed views
  std::vector<const char*> pointers_;
  bool holds_nul_ = false;
};

double RealFrom(std::string_view text) {
  double d = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), d);
  return parsed.ec == std::errc() ? d : 0;
}

int64_t IntFrom(std::string_view text) {
  int64_t n = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), n);
  if (parsed.ec == std::errc() && parsed.ptr == text.data() + text.size()) return n;
  if (text == "t") return 1;  // boolean
  if (text == "f") return 0;
  // numeric with a fraction ("3.000"); sum() of integers gives numeric, but as "3".
  const double d = RealFrom(text);
  if (std::isfinite(d) && std::fabs(d) < 9.2e18) return static_cast<int64_t>(d);
  return 0;
}

// The current row of a result, one of a stream in single-row mode or of a whole result.
class RowCursor final : public sql::Cursor {
 public:
  RowCursor(const PGresult* result, int row) : result_(result), row_(row) {}

  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  int64_t Int(int column) const override { return IntFrom(Field(column)); }
  double Real(int column) const override { return RealFrom(Field(column)); }
  std::string Text(int column) const override { return std::string(Field(column)); }
  std::string ColumnName(int column) const override {
    const char* name = PQfname(result_, column);
    return name == nullptr ? "?" : name;
  }

 private:
  std::string_view Field(int column) const {
    const char* value = PQgetvalue(result_, row_, column);
    if (value == nullptr) return {};
    return {value, static_cast<size_t>(PQgetlength(result_, row_, column))};
  }

  const PGresult* result_;
  int row_;
};

Result<void> CallSafely(const std::function<Result<void>(const sql::Cursor&)>& row,
                        const sql::Cursor& cursor) {
  try {
    return row(cursor);
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInternal, std::string("reading a row threw: ") + e.what());
  } catch (...) {
    return Fail(ErrorCode::kInternal, "reading a row threw");
  }
}

// ---- Errors ----

// The columns of a unique key as PostgreSQL's DETAIL names them: "Key (trust_id, urn)=(1,
// 100) already exists." gives trust_id and urn. The words around it are in the server's
// language; the "(columns)=(values)" part is not. The values are personal data and are
// never looked at.
std::vector<std::string> KeyColumns(std::string_view detail) {
  const size_t boundary = detail.find(")=(");
  if (boundary == std::string_view::npos) return {};
  // Back to the bracket that opens the list (an expression index's key holds brackets too).
  size_t open = std::string_view::npos;
  int depth = 0;
  for (size_t i = boundary + 1; i-- > 0;) {
    if (detail[i] == ')') ++depth;
    if (detail[i] == '(' && --depth == 0) {
      open = i;
      break;
    }
  }
  if (open == std::string_view::npos) return {};
  std::vector<std::string> columns(1);
  depth = 0;
  for (const char c : detail.substr(open + 1, boundary - open - 1)) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      columns.emplace_back();
    } else if (!(c == ' ' && columns.back().empty())) {
      columns.back() += c;
    }
  }
  return columns;
}

// PostgreSQL's message for a broken unique key, written as SQLite writes it so that
// SqlStore can find the key in either: "UNIQUE constraint failed: schools.trust_id,
// schools.urn (duplicate key value violates unique constraint "schools_trust_id_urn_key")".
std::string UniqueMessage(std::string_view table, std::string_view constraint,
                          std::string_view detail, const std::string& message) {
  std::string text = "UNIQUE constraint failed: ";
  const std::vector<std::string> columns = KeyColumns(detail);
  if (columns.empty()) text += "index '" + std::string(constraint) + "'";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::string(table) + "." + columns[i];
  }
  return text + " (" + message + ")";
}

// Messages about values that do not fit their type quote the value ('invalid input syntax
// for type bigint: "..."'); a value may be personal data, so it is left out.
std::string WithoutQuotedValues(std::string_view message) {
  std::string text;
  bool quoted = false;
  for (const char c : message) {
    if (c == '"') {
      text += quoted ? "...\"" : "\"";
      quoted = !quoted;
    } else if (!quoted) {
      text += c;
    }
  }
  return text;
}

// " (in: <sql>)", with the line PostgreSQL points at when `sql` has several.
std::string In(const std::string& sql, std::string_view position) {
  std::string where = " (in: " + Shortened(OneLine(sql), kSqlInMessage);
  size_t at = 0;
  const auto parsed = std::from_chars(position.data(), position.data() + position.size(), at);
  if (parsed.ec == std::errc() && at > 0 && sql.find('\n') != std::string::npos) {
    const auto before = sql.begin() + static_cast<std::ptrdiff_t>(std::min(at - 1, sql.size()));
    where += ", line " + std::to_string(1 + std::count(sql.begin(), before, '\n'));
  }
  return where + ")";
}

// ---- Transaction control ----

std::string UpperWord(std::string_view text, size_t& at) {
  while (at < text.size() && !std::isalpha(static_cast<unsigned char>(text[at]))) {
    if (text[at] == ';') return {};
    ++at;
  }
  std::string word;
  while (at < text.size() && std::isalpha(static_cast<unsigned char>(text[at])))
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(text[at++])));
  return word;
}

}  // namespace

// ---- Opening ----

Result<std::unique_ptr<sql::Connection>> PgConnection::Open(const std::string& url) {
  // Checked first because libpq's complaint about a malformed URI quotes the part it could
  // not read, which may be the password.
  const bool connection_string = url.starts_with("postgresql://") ||
                                 url.starts_with("postgres://") ||
                                 url.find('=') != std::string::npos;
  if (connection_string) {
    char* why = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &why);
    PQfreemem(why);
    if (options == nullptr) {
      return Fail(ErrorCode::kInvalidInput,
                  "the PostgreSQL connection string cannot be read: it must be a "
                  "postgresql:// URI or key=value pairs");
    }
    PQconninfoFree(options);
  }
  // Settings before the URL's may be overridden by it: give up on a server that does not
  // answer within ten seconds. Those after it win: trellis's text is UTF-8 whatever the
  // environment says.
  const char* const keys[] = {"connect_timeout", "fallback_application_name", "dbname",
                              "client_encoding", nullptr};
  const char* const values[] = {"10", "trellis", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr)
    return Fail(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: out of memory");
  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  if (PQstatus(conn) != CONNECTION_OK) {
    return Fail(ErrorCode::kUnavailable, "cannot connect to PostgreSQL at " + connection->Server() +
                                             ": " + OneLine(PQerrorMessage(conn)));
  }
  // Notices (such as "table does not exist, skipping") are not trellis's to show.
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  if (PQserverVersion(conn) < kOldestServer) {
    const char* version = PQparameterStatus(conn, "server_version");
    return Fail(ErrorCode::kUnavailable,
                "PostgreSQL at " + connection->Server() + " is version " +
                    (version == nullptr ? std::string("unknown") : std::string(version)) +
                    "; trellis needs PostgreSQL 13 or newer");
  }
  return std::unique_ptr<sql::Connection>(std::move(connection));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

std::string PgConnection::Server() const {
  const auto text = [](const char* s) { return std::string(s == nullptr ? "" : s); };
  return text(PQhost(conn_)) + ":" + text(PQport(conn_)) + "/" + text(PQdb(conn_));
}

// ---- Sessions ----

Result<void> PgConnection::Ready(Control control) {
  // libpq would quietly throw away the rest of the streaming result to run the new statement.
  if (streaming_) {
    return Fail(ErrorCode::kInternal,
                "a statement cannot run while another's rows are being read on the same "
                "connection");
  }
  if (PQstatus(conn_) == CONNECTION_BAD) {
    // The session is gone (the server restarted, or ended it), and with it its prepared
    // statements and any transaction.
    transaction_lost_ = transaction_lost_ || block_open_;
    block_open_ = false;
    ForgetStatements();
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) {
      return Fail(ErrorCode::kUnavailable, "cannot reconnect to PostgreSQL at " + Server() + ": " +
                                               OneLine(PQerrorMessage(conn_)));
    }
  }
  if (!transaction_lost_) return Ok();
  const std::string lost = "the connection to PostgreSQL at " + Server() +
                           " was lost during a transaction, which PostgreSQL rolled back";
  switch (control) {
    case Control::kBegin:
    case Control::kRollback:
      transaction_lost_ = false;
      return Ok();
    case Control::kCommit:
      transaction_lost_ = false;
      return Fail(ErrorCode::kUnavailable, lost + ": nothing of it was committed");
    case Control::kNone:
      break;
  }
  return Fail(ErrorCode::kUnavailable, lost + "; end it with ROLLBACK before going on");
}

void PgConnection::Finished(Control control) {
  if (PQstatus(conn_) == CONNECTION_OK) {
    const PGTransactionStatusType status = PQtransactionStatus(conn_);
    block_open_ = status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
  } else if (control == Control::kCommit || control == Control::kRollback) {
    block_open_ = false;  // the caller has ended its transaction, whatever became of it
  }
}

void PgConnection::ForgetStatements() {
  for (auto& entry : statements_) entry.second.name.clear();
}

Result<PgConnection::Statement*> PgConnection::Prepare(const std::string& sql, size_t values) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    Translation translated = Translate(sql);
    it = statements_.emplace(sql, Statement{std::move(translated.text), translated.parameters, {}})
             .first;
  }
  Statement& statement = it->second;
  if (values != statement.parameters) {
    return Fail(ErrorCode::kInternal, "the statement has " + std::to_string(statement.parameters) +
                                          " placeholders but " + std::to_string(values) +
                                          " values were given: " + sql);
  }
  if (statement.name.empty()) {
    std::string name = "trellis_" + std::to_string(++statements_prepared_);
    // No parameter types: the server infers each from where it stands.
    const OwnedResult prepared(PQprepare(conn_, name.c_str(), statement.text.c_str(), 0, nullptr));
    if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK)
      return Fail(ErrorFor(prepared.get(), sql));
    statement.name = std::move(name);
  }
  return &statement;
}

bool PgConnection::Unprepare(Statement& statement, const PGresult* failure, bool in_block) {
  const char* state = failure == nullptr ? nullptr : PQresultErrorField(failure, PG_DIAG_SQLSTATE);
  // 26000: there is no prepared statement of that name (someone ran DEALLOCATE). 0A000:
  // "cached plan must not change result type", after a table it reads was altered or
  // replaced. Either way the statement did nothing, and preparing it again mends it. The
  // old one is left in the session (it is small, and this is rare): while a result is
  // streaming, nothing else can be sent.
  if (state == nullptr) return false;
  const std::string_view code(state);
  if (code != "26000" && code != "0A000") return false;
  statement.name.clear();
  return !in_block;  // inside one, the failure has spoilt the transaction already
}

// ---- Running statements ----

Result<void> PgConnection::Query(const std::string& sql, const std::vector<sql::Value>& values,
                                 const std::function<Result<void>(const sql::Cursor&)>& row) {
  TRY(CheckDeadline());
  TRY(Ready(Control::kNone));
  auto outcome = StreamRows(sql, values, row);
  Finished(Control::kNone);
  return outcome;
}

Result<int64_t> PgConnection::Execute(const std::string& sql,
                                      const std::vector<sql::Value>& values) {
  TRY(CheckDeadline());
  TRY(Ready(Control::kNone));
  auto outcome = RunChange(sql, values);
  Finished(Control::kNone);
  return outcome;
}

Result<void> PgConnection::Exec(const std::string& sql) {
  size_t at = 0;
  const std::string first = UpperWord(sql, at);
  Control control = Control::kNone;
  if (first == "BEGIN" || first == "START") control = Control::kBegin;
  if (first == "COMMIT" || first == "END") control = Control::kCommit;
  if (first == "ROLLBACK" || first == "ABORT") {
    control = Control::kRollback;
    // ROLLBACK TO [SAVEPOINT] undoes part of a transaction and carries on with it.
    for (std::string word = UpperWord(sql, at); !word.empty(); word = UpperWord(sql, at))
      if (word == "TO") control = Control::kNone;
  }
  TRY(Ready(control));
  Result<void> outcome = Ok();
  const OwnedResult result(PQexec(conn_, sql.c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
    LeaveCopy(status);
    outcome = Fail(ErrorCode::kInternal, "trellis does not run COPY" + In(sql, ""));
  } else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
             status != PGRES_EMPTY_QUERY) {
    outcome = Fail(ErrorFor(result.get(), sql));
  }
  Finished(control);
  return outcome;
}

Result<void> PgConnection::StreamRows(const std::string& sql, const std::vector<sql::Value>& values,
                                      const std::function<Result<void>(const sql::Cursor&)>& row) {
  const TextValues text(values);
  TRY(text.Check(sql));
  const bool in_block = PQtransactionStatus(conn_) != PQTRANS_IDLE;
  for (int attempt = 1;; ++attempt) {
    Statement* statement = TRY(Prepare(sql, values.size()));
    if (PQsendQueryPrepared(conn_, statement->name.c_str(), text.count(), text.pointers(), nullptr,
                            nullptr, /*resultFormat=text*/ 0) == 0)
      return Fail(ErrorFor(nullptr, sql));
    // Should the server refuse single-row mode, the rows arrive in one result, read alike.
    PQsetSingleRowMode(conn_);
    streaming_ = true;
    Result<void> outcome = Ok();
    bool stopped = false;  // the caller wants no more rows, or the statement failed
    bool rows_seen = false;
    bool again = false;
    // Every result is read, up to libpq's null, whatever happens: that is what leaves the
    // session ready for the next statement.
    for (AwaitWithinDeadline(); PGresult* next = PQgetResult(conn_); AwaitWithinDeadline()) {
      const OwnedResult result(next);
      const ExecStatusType status = PQresultStatus(next);
      if (status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK) {
        for (int r = 0; !stopped && r < PQntuples(next); ++r) {
          rows_seen = true;
          outcome = CallSafely(row, RowCursor(next, r));
          if (!outcome) {
            stopped = true;
            StopStreaming(in_block);
          }
        }
      } else if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
        LeaveCopy(status);
        if (!stopped)
          outcome = Fail(ErrorCode::kInternal, "trellis does not run COPY" + In(sql, ""));
        stopped = true;
      } else if (status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY && !stopped) {
        // A cancellation's error after the caller stopped is expected, and not reported.
        stopped = true;
        again = attempt == 1 && !rows_seen && Unprepare(*statement, next, in_block);
        outcome = Fail(ErrorFor(next, sql));
      }
    }
    streaming_ = false;
    if (!again) return outcome;
  }
}

Result<int64_t> PgConnection::RunChange(const std::string& sql,
                                        const std::vector<sql::Value>& values) {
  const TextValues text(values);
  TRY(text.Check(sql));
  const bool in_block = PQtransactionStatus(conn_) != PQTRANS_IDLE;
  for (int attempt = 1;; ++attempt) {
    Statement* statement = TRY(Prepare(sql, values.size()));
    if (PQsendQueryPrepared(conn_, statement->name.c_str(), text.count(), text.pointers(), nullptr,
                            nullptr, /*resultFormat=text*/ 0) == 0)
      return Fail(ErrorFor(nullptr, sql));
    AwaitWithinDeadline();
    // One statement, one result; the rest (none, or COPY's, which LeaveCopy reads) after it.
    const OwnedResult result(PQgetResult(conn_));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COPY_IN && status != PGRES_COPY_OUT)
      while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      const std::string_view changed = PQcmdTuples(result.get());
      int64_t rows = 0;
      std::from_chars(changed.data(), changed.data() + changed.size(), rows);
      return rows;  // 0 for statements that report no count
    }
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
      LeaveCopy(status);
      return Fail(ErrorCode::kInternal, "trellis does not run COPY" + In(sql, ""));
    }
    if (attempt == 1 && Unprepare(*statement, result.get(), in_block)) continue;
    return Fail(ErrorFor(result.get(), sql));
  }
}

void PgConnection::StopStreaming(bool in_transaction_block) {
  // Inside a transaction block a cancelled statement would spoil the whole transaction, so
  // the remaining rows are read and dropped instead. Outside one the statement is its own
  // transaction, and cancelling it undoes at most what the failed caller asked it to do.
  if (!in_transaction_block) Cancel();
}

void PgConnection::Cancel() {
  if (PGcancel* cancel = PQgetCancel(conn_)) {
    char why[256];
    PQcancel(cancel, why, sizeof why);  // if it comes too late, the rest is read anyway
    PQfreeCancel(cancel);
  }
}

void PgConnection::AwaitWithinDeadline() {
  const auto deadline = CurrentDeadline();
  if (!deadline) return;
  while (PQisBusy(conn_) != 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      // Spoils the transaction it is in, if any: the request's work is undone whole.
      Cancel();
      return;
    }
    pollfd socket{.fd = PQsocket(conn_), .events = POLLIN, .revents = 0};
    const int ready = poll(&socket, 1, static_cast<int>(std::min<int64_t>(left.count() + 1, 60000)));
    // A failure here shows again, and is reported, when the result is read.
    if ((ready < 0 && errno != EINTR) || (ready > 0 && PQconsumeInput(conn_) == 0)) return;
  }
}

void PgConnection::LeaveCopy(int status) {
  // The statement then fails, and its results follow as usual.
  if (status == PGRES_COPY_IN) {
    PQputCopyEnd(conn_, "trellis does not send COPY data");
  } else {
    char* buffer = nullptr;
    while (PQgetCopyData(conn_, &buffer, 0) > 0) PQfreemem(buffer);
    PQfreemem(buffer);
  }
  while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
}

Error PgConnection::ErrorFor(const PGresult* failure, const std::string& sql) const {
  const auto field = [failure](int code) -> std::string_view {
    const char* value = failure == nullptr ? nullptr : PQresultErrorField(failure, code);
    return value == nullptr ? std::string_view() : std::string_view(value);
  };
  const std::string_view state = field(PG_DIAG_SQLSTATE);
  std::string message(field(PG_DIAG_MESSAGE_PRIMARY));
  if (message.empty() && failure != nullptr) message = OneLine(PQresultErrorMessage(failure));
  if (message.empty()) message = OneLine(PQerrorMessage(conn_));

  // Class 08 is the connection's failing; 57P01-57P05 the server ending the session.
  if (PQstatus(conn_) == CONNECTION_BAD || state.starts_with("08") || state.starts_with("57P")) {
    return MakeError(ErrorCode::kUnavailable,
                     "the connection to PostgreSQL at " + Server() + " failed: " + message);
  }
  if (state == "23505") {
    return MakeError(ErrorCode::kConflict,
                     UniqueMessage(field(PG_DIAG_TABLE_NAME), field(PG_DIAG_CONSTRAINT_NAME),
                                   field(PG_DIAG_MESSAGE_DETAIL), message));
  }
  if (state == "23503")
    return MakeError(ErrorCode::kValidationFailed,
                     "FOREIGN KEY constraint failed (" + message + ")");
  const std::string in = In(sql, field(PG_DIAG_STATEMENT_POSITION));
  // Cancelled by AwaitWithinDeadline: the request ran out of time.
  if (state == "57014" && DeadlinePassed()) return DeadlineError();
  // A serialization failure, a deadlock, a lock not granted, a statement timeout, the
  // server short of resources: all pass, so trying again later may succeed.
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014" ||
      state.starts_with("53")) {
    return MakeError(ErrorCode::kUnavailable, message + in);
  }
  if (state.starts_with("22")) message = WithoutQuotedValues(message);
  return MakeError(ErrorCode::kInternal, message + in);
}

// ---- SQL that differs ----

std::string PgConnection::Contains(std::string_view column) const {
  // strpos, unlike LIKE, gives % and _ no special meaning.
  return "strpos(lower(" + std::string(column) + "), lower(?)) > 0";
}

std::string PgConnection::NoCase(std::string_view expression) const {
  return "lower(" + std::string(expression) + ")";
}

std::string PgConnection::InIds(std::string_view column) const {
  return std::string(column) +
         " IN (SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(? AS json)))";
}

Result<bool> PgConnection::HasTable(std::string_view name) {
  int64_t found = 0;
  TRY(
      Query("SELECT count(*) FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_name = ?",
            {sql::Param(name)}, [&found](const sql::Cursor& row) -> Result<void> {
              found = row.Int(0);
              return Ok();
            }));
  return found > 0;
}

std::span<const EmbeddedMigration> PgConnection::Migrations() const {
  return PostgresqlMigrations();
}

std::string_view PgConnection::MigrationLock() const {
  // The key is "trellis" in ASCII read as a number (0x7472656c6c6973), so it cannot clash
  // with another application's advisory locks by accident.
  return "SELECT pg_advisory_xact_lock(32776877234743667)";
}

// ---- Backup and restore ----

namespace {

std::string Excerpt(const std::string& errors) {
  return Shortened(OneLine(errors), kToolErrorsInMessage);
}

tl::unexpected<Error> NotABackup(const std::string& path, const std::string& why) {
  return Fail(ErrorCode::kInvalidInput, path + " is not a trellis backup: " + Excerpt(why));
}

// Which field of schema_migrations's rows holds the version, when `line` is the COPY
// statement that pg_restore writes before them: COPY public.schema_migrations (version,
// applied_at) FROM stdin;
std::optional<size_t> VersionField(std::string_view line) {
  constexpr std::string_view kTable = "schema_migrations (";
  const size_t open = line.find(kTable);
  if (!line.starts_with("COPY ") || open == std::string_view::npos ||
      !line.ends_with(" FROM stdin;"))
    return std::nullopt;
  std::string_view names = line.substr(open + kTable.size());
  names = names.substr(0, names.find(')'));
  for (size_t i = 0; !names.empty(); ++i) {
    const size_t comma = std::min(names.find(", "), names.size());
    const std::string_view name = names.substr(0, comma);
    if (name == "version" || name == "\"version\"") return i;
    names.remove_prefix(std::min(comma + 2, names.size()));
  }
  return std::nullopt;
}

// The highest version in schema_migrations's rows as pg_restore writes them (the COPY
// statement, one tab-separated line a row, then "\."), 0 when it has none, or nothing when
// there is no such table.
std::optional<int> HighestVersion(std::string_view script) {
  std::optional<int> highest;
  bool in_rows = false;
  size_t field = 0;
  while (!script.empty()) {
    const size_t end = std::min(script.find('\n'), script.size());
    const std::string_view line = script.substr(0, end);
    script.remove_prefix(std::min(end + 1, script.size()));
    if (!in_rows) {
      if (const std::optional<size_t> found = VersionField(line)) {
        in_rows = true;
        field = *found;
        highest = highest.value_or(0);
      }
      continue;
    }
    if (line == "\\.") {
      in_rows = false;
      continue;
    }
    std::string_view value = line;
    for (size_t i = 0; i < field; ++i) {
      const size_t tab = value.find('\t');
      value = tab == std::string_view::npos ? std::string_view() : value.substr(tab + 1);
    }
    value = value.substr(0, value.find('\t'));
    int version = 0;
    const auto parsed = std::from_chars(value.data(), value.data() + value.size(), version);
    if (parsed.ec == std::errc() && parsed.ptr == value.data() + value.size())
      highest = std::max(highest.value_or(0), version);
  }
  return highest;
}

}  // namespace

std::string PgConnection::ToolConnectionString() const {
  std::string text;
  PQconninfoOption* options = PQconninfo(conn_);
  for (const PQconninfoOption* o = options; o != nullptr && o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    const std::string_view key(o->keyword);
    // Secrets go in the environment (every user of the machine can read command lines); the
    // programs choose their own encoding and name.
    if (key == "password" || key == "sslpassword" || key == "client_encoding" ||
        key == "fallback_application_name")
      continue;
    if (!text.empty()) text += ' ';
    text += key;
    text += "='";
    for (const char* c = o->val; *c != '\0'; ++c) {
      if (*c == '\\' || *c == '\'') text += '\\';
      text += *c;
    }
    text += '\'';
  }
  PQconninfoFree(options);
  return text;
}

std::vector<std::string> PgConnection::ToolEnvironment() const {
  const char* password = PQpass(conn_);
  if (password == nullptr || *password == '\0') return {};
  return {std::string("PGPASSWORD=") + password};
}

Result<void> PgConnection::BackUpTo(const std::string& path) {
  // Created here, so that it never replaces a file and only its owner may read it (it holds
  // personal data); pg_dump then writes into it.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST)
      return Fail(ErrorCode::kConflict, path + " exists already: a backup never overwrites a file");
    return Fail(ErrorCode::kUnavailable,
                "cannot create the backup " + path + ": " + std::string(std::strerror(errno)));
  }
  ::close(fd);
  // pg_dump reads everything in one repeatable-read transaction: the copy is the database as
  // it stood at one moment, while others go on writing.
  auto dumped = RunTool({FindClientTool("pg_dump"), "--format=custom", "--no-owner",
                         "--no-password", "--file=" + path, "--dbname=" + ToolConnectionString()},
                        ToolEnvironment());
  if (dumped && dumped->exit_code == 0) return Ok();
  std::error_code ignored;
  std::filesystem::remove(path, ignored);  // a partial copy must not pass for a backup
  if (!dumped) return Fail(std::move(dumped).error());
  return Fail(ErrorCode::kUnavailable, "pg_dump could not back up the database at " + Server() +
                                           " to " + path + ": " + Excerpt(dumped->errors));
}

Result<int> PgConnection::InspectCopy(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return Fail(ErrorCode::kNotFound, "there is no backup file at " + path);
  const std::string pg_restore = FindClientTool("pg_restore");
  const ToolRun listed = TRY(RunTool({pg_restore, "--list", path}, {}));
  if (listed.exit_code != 0) return NotABackup(path, listed.errors);
  const ToolRun versions =
      TRY(RunTool({pg_restore, "--data-only", "--table=schema_migrations", "--file=-", path}, {}));
  if (versions.exit_code != 0) return NotABackup(path, versions.errors);
  const std::optional<int> version = HighestVersion(versions.output);
  if (!version) return NotABackup(path, "it holds no schema_migrations table");
  return *version;
}

Result<void> PgConnection::CopyFrom(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return Fail(ErrorCode::kNotFound, "there is no backup file at " + path);
  // psql would wait for any lock this session held, while this session waits for psql.
  if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_IDLE)
    return Fail(ErrorCode::kInternal, "a restore cannot run inside a transaction");
  // pg_restore turns the copy into SQL, and psql runs it in one transaction after dropping
  // what is there (kClearSchema), so the database ends up exactly as the copy, or as it was.
  // pg_restore --single-transaction alone would leave in place, and then trip over, any
  // table that is not in the copy.
  auto run = TRY(RunPiped(
      {FindClientTool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-acl", "--file=-",
       path},
      {FindClientTool("psql"), "--no-psqlrc", "--quiet", "--no-password", "--set=ON_ERROR_STOP=1",
       "--single-transaction", std::string("--command=") + kClearSchema, "--file=-",
       "--dbname=" + ToolConnectionString()},
      ToolEnvironment()));
  if (run.producer.exit_code != 0) {
    return Fail(ErrorCode::kInvalidInput,
                path + " cannot be read, so nothing was restored: " + Excerpt(run.producer.errors));
  }
  if (run.consumer.exit_code != 0) {
    return Fail(ErrorCode::kUnavailable,
                "restoring " + path + " into the database at " + Server() +
                    " failed, so nothing was changed: " + Excerpt(run.consumer.errors));
  }
  // Every table was replaced: statements prepared against the old ones are not trusted.
  if (PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "DEALLOCATE ALL"));
  ForgetStatements();
  return Ok();
}

}  // namespace trellis::store::postgresql
