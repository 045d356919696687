#pragma once
// What SqlStore needs from a database: one connection that runs statements with bound
// values and hands back rows, plus the few pieces of SQL no two databases write alike.
// SQLite (store/sqlite/) and PostgreSQL (store/postgresql/) implement it; nothing else in
// trellis sees a Connection.
//
// Statements are program constants written with `?` placeholders; values only ever reach
// the database bound to them. A connection is used by one thread at a time (SqlStore's pool
// sees to that).
//
// Errors every implementation reports alike, so SqlStore can explain them:
//  - a unique constraint broken: kConflict, the message containing
//    "UNIQUE constraint failed: " and the key as table.column, table.column...;
//  - a foreign key broken: kValidationFailed;
//  - a check constraint broken, or SQL the database rejects: kInternal;
//  - busy beyond the timeout, or the server unreachable: kUnavailable.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/migrations/embedded.h"

namespace trellis::store::sql {

// Text bound where it lies, not copied: for the many-row writes (an import binds a million
// emails). Whoever binds it keeps the text alive and unchanged until the statement has run.
struct BorrowedText {
  std::string_view text;
};

// A value bound to a `?` placeholder.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string, BorrowedText>;

inline Value Param(int64_t v) { return v; }
inline Value Param(int v) { return int64_t{v}; }
inline Value Param(double v) { return v; }
inline Value Param(bool v) { return int64_t{v ? 1 : 0}; }
inline Value Param(std::string v) { return v; }
inline Value Param(const char* v) { return std::string(v); }
inline Value Param(std::string_view v) { return std::string(v); }
inline Value Param(Date v) { return v.ToIso(); }
inline Value Param(Instant v) { return ToIso(v); }
inline Value Borrow(std::string_view v) { return BorrowedText{v}; }
template <typename Tag>
Value Param(Id<Tag> id) {
  return id.value();
}
template <typename E>
requires std::is_enum_v<E> Value Param(E e) { return std::string(Code(e)); }
template <typename T>
Value Param(const std::optional<T>& v) {
  if (!v) return nullptr;
  return Param(*v);
}

// The current row of a result, read by 0-based column. Integers (and booleans, which trellis
// stores as 0 and 1) come back from Int, whatever form the database keeps them in.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual std::string ColumnName(int column) const = 0;
};

// Reads one row's columns left to right, converting SQL text back into trellis values.
// Values that do not parse mean the database was written by something else: kInternal.
class Row {
 public:
  explicit Row(const Cursor& cursor) : c_(cursor) {}

  int64_t Int() { return c_.Int(next_++); }
  double Real() { return c_.Real(next_++); }
  bool Bool() { return c_.Int(next_++) != 0; }
  std::string Text() { return c_.Text(next_++); }
  std::optional<int64_t> OptInt() {
    const int c = next_++;
    if (c_.IsNull(c)) return std::nullopt;
    return c_.Int(c);
  }
  template <typename I>
  I Id() {
    return I(Int());
  }
  template <typename I>
  std::optional<I> OptId() {
    auto v = OptInt();
    if (!v) return std::nullopt;
    return I(*v);
  }
  [[nodiscard]] Result<Date> DateValue() {
    const int c = next_++;
    const std::string text = c_.Text(c);
    if (auto d = Date::Parse(text)) return *d;
    return Unreadable(c, text);
  }
  [[nodiscard]] Result<std::optional<Date>> OptDate() {
    if (c_.IsNull(next_)) {
      ++next_;
      return std::nullopt;
    }
    return DateValue();
  }
  [[nodiscard]] Result<Instant> InstantValue() {
    const int c = next_++;
    const std::string text = c_.Text(c);
    if (auto i = ParseInstant(text)) return *i;
    return Unreadable(c, text);
  }
  template <typename E>
  [[nodiscard]] Result<E> Enum() {
    const int c = next_++;
    const std::string text = c_.Text(c);
    if (auto e = ParseEnum<E>(text)) return *e;
    return Unreadable(c, text);
  }
  template <typename E>
  [[nodiscard]] Result<std::optional<E>> OptEnum() {
    if (c_.IsNull(next_)) {
      ++next_;
      return std::nullopt;
    }
    return Enum<E>();
  }

 private:
  tl::unexpected<Error> Unreadable(int column, const std::string& text) const {
    return Fail(ErrorCode::kInternal, "stored value '" + text + "' in column " +
                                          c_.ColumnName(column) + " cannot be read");
  }

  const Cursor& c_;
  int next_ = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;

  // ---- Running statements ----

  // Runs one statement with `values` bound to its placeholders in order, calling `row` for
  // each row of its result (none for a statement that returns no rows).
  [[nodiscard]] virtual Result<void> Query(const std::string& sql,
                                           const std::vector<Value>& values,
                                           const std::function<Result<void>(const Cursor&)>& row) = 0;
  // Runs one statement that returns no rows; the number of rows it changed.
  [[nodiscard]] virtual Result<int64_t> Execute(const std::string& sql,
                                                const std::vector<Value>& values) = 0;
  // Runs fixed SQL with no parameters, possibly several statements (transaction control,
  // migrations).
  [[nodiscard]] virtual Result<void> Exec(const std::string& sql) = 0;

  // ---- Transactions ----

  // Starts the outermost transaction: one that will write (taking whatever lock makes a
  // later write not fail for being second), or one that only reads and must see one moment.
  virtual std::string_view BeginWrite() const = 0;
  virtual std::string_view BeginRead() const = 0;
  // Whether a COMMIT waits for the disk (the default) or returns once the database has the
  // transaction safe from a crash of this process, leaving the disk write to the database's
  // own pace or to FlushCommits: for the audit log's records of reads only (SqlStore). Run
  // outside a transaction.
  [[nodiscard]] virtual Result<void> SetCommitsWaitForDisk(bool wait) = 0;
  // Makes every commit made so far durable on disk.
  [[nodiscard]] virtual Result<void> FlushCommits() = 0;
  // True when a failed statement spoils the rest of its transaction (PostgreSQL), so each
  // write inside one runs in its own savepoint and a refused write leaves the rest usable.
  virtual bool FailedStatementAbortsTransaction() const = 0;

  // ---- SQL that differs ----

  // A condition true when `column` contains the next bound value, ignoring ASCII case; the
  // value's % and _ match themselves.
  virtual std::string Contains(std::string_view column) const = 0;
  // `expression` compared and ordered ignoring ASCII case.
  virtual std::string NoCase(std::string_view expression) const = 0;
  // A condition true when `column` is one of the ids in the next bound value, a JSON array
  // of integers (IdsJson): so no statement's text depends on the length of a list.
  virtual std::string InIds(std::string_view column) const = 0;
  // The id the last row this connection inserted was given, where the database numbers each
  // new row one past the largest id of its table (SQLite's rowid): a many-row INSERT, made
  // while holding the write lock, then numbered its rows top + 1, top + 2, ... in the order of
  // its VALUES, and SqlStore::InsertMany need not ask for them back with RETURNING. nullopt
  // where new ids come from a sequence other transactions draw from too (PostgreSQL).
  virtual std::optional<int64_t> LastNumberedId() const = 0;
  // Whether the schema holds a table of this name.
  [[nodiscard]] virtual Result<bool> HasTable(std::string_view name) = 0;

  // ---- Schema ----

  // This database's migrations, in version order.
  virtual std::span<const EmbeddedMigration> Migrations() const = 0;
  // A statement run first in each migration's transaction so that two processes migrating
  // at once take turns ("" when BeginWrite already does that).
  virtual std::string_view MigrationLock() const = 0;

  // ---- Backup and restore (Store::BackUpTo, Store::RestoreFrom) ----

  // Writes a consistent copy of the whole database, as at one moment, to a new file.
  [[nodiscard]] virtual Result<void> BackUpTo(const std::string& path) = 0;
  // The schema version held in the copy at `path`, after checking it is a sound copy
  // (kNotFound when missing, kInvalidInput when not a trellis backup).
  [[nodiscard]] virtual Result<int> InspectCopy(const std::string& path) = 0;
  // Replaces the whole database with the copy at `path`, as one transaction.
  [[nodiscard]] virtual Result<void> CopyFrom(const std::string& path) = 0;
};

}  // namespace trellis::store::sql
