#pragma once
// A thin, RAII layer over the sqlite3 C API for SqliteStore: one connection with a cache of
// prepared statements, statements leased from it, bound parameters only, and SQLite result
// codes mapped to trellis errors. Not thread safe: SqliteStore serialises all use.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/ids.h"
#include "core/result.h"

namespace trellis::store::sqlite {

// A value bound to a `?` placeholder.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

inline Value Param(int64_t v) { return v; }
inline Value Param(int v) { return int64_t{v}; }
inline Value Param(double v) { return v; }
inline Value Param(bool v) { return int64_t{v ? 1 : 0}; }
inline Value Param(std::string v) { return v; }
inline Value Param(const char* v) { return std::string(v); }
inline Value Param(std::string_view v) { return std::string(v); }
inline Value Param(Date v) { return v.ToIso(); }
inline Value Param(Instant v) { return ToIso(v); }
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

class Connection;

// A prepared statement leased from its Connection; on destruction it is reset, its bindings
// cleared, and it goes back to the cache. Must not outlive the Connection.
class Statement {
 public:
  Statement(Connection& connection, sqlite3_stmt* stmt) : connection_(&connection), stmt_(stmt) {}
  Statement(Statement&& other) noexcept
      : connection_(other.connection_), stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds values to placeholders 1..n.
  [[nodiscard]] Result<void> Bind(const std::vector<Value>& values);
  // Advances; true when a row is ready to read, false when done.
  [[nodiscard]] Result<bool> Step();
  // Steps to the end, for statements that return no rows.
  [[nodiscard]] Result<void> Run();

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;
  std::string_view ColumnName(int column) const;

 private:
  Connection* connection_;
  sqlite3_stmt* stmt_;
};

// Reads one row's columns left to right, converting SQL text back into trellis values.
// Values that do not parse mean the database was written by something else: kInternal.
class Row {
 public:
  explicit Row(const Statement& statement) : s_(statement) {}

  int64_t Int() { return s_.Int(next_++); }
  double Real() { return s_.Real(next_++); }
  bool Bool() { return s_.Int(next_++) != 0; }
  std::string Text() { return s_.Text(next_++); }
  std::optional<int64_t> OptInt() {
    const int c = next_++;
    if (s_.IsNull(c)) return std::nullopt;
    return s_.Int(c);
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
  [[nodiscard]] Result<Date> DateValue();
  [[nodiscard]] Result<std::optional<Date>> OptDate();
  [[nodiscard]] Result<Instant> InstantValue();
  template <typename E>
  [[nodiscard]] Result<E> Enum() {
    const int c = next_++;
    const std::string text = s_.Text(c);
    if (auto e = ParseEnum<E>(text)) return *e;
    return Unreadable(c, text);
  }
  template <typename E>
  [[nodiscard]] Result<std::optional<E>> OptEnum() {
    if (s_.IsNull(next_)) {
      ++next_;
      return std::nullopt;
    }
    return Enum<E>();
  }

 private:
  tl::unexpected<Error> Unreadable(int column, const std::string& text) const;

  const Statement& s_;
  int next_ = 0;
};

class Connection {
 public:
  // Opens (creating if needed) the database at `path` with trellis's PRAGMAs applied.
  [[nodiscard]] static Result<std::unique_ptr<Connection>> Open(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // `sql` must be a constant of the program; values go through Statement::Bind.
  [[nodiscard]] Result<Statement> Prepare(const std::string& sql);
  // Runs fixed SQL with no parameters (transaction control, migrations' DDL).
  [[nodiscard]] Result<void> Exec(const std::string& sql);

  // The schema version of the trellis store in the file at `path`, opened read-only, after
  // SQLite's integrity check: kNotFound when there is no file, kInvalidInput when it is not
  // a sound SQLite database or holds no trellis schema.
  [[nodiscard]] static Result<int> InspectCopy(const std::string& path);
  // Copies every page of the database at `path` over this one, as one write transaction
  // (SQLite's online backup API, with this connection as the destination).
  [[nodiscard]] Result<void> CopyFrom(const std::string& path);

  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int64_t Changes() const { return sqlite3_changes64(db_); }

  // The trellis error for a failed SQLite call that returned `rc`.
  Error ErrorFor(int rc) const;

 private:
  friend class Statement;
  explicit Connection(sqlite3* db) : db_(db) {}
  void Return(sqlite3_stmt* stmt);

  sqlite3* db_;
  // Idle prepared statements by their SQL text; leased out by Prepare.
  std::unordered_map<std::string, sqlite3_stmt*> idle_;
};

}  // namespace trellis::store::sqlite
