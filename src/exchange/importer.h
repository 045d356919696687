#pragma once
// The checking machinery every importer shares (module-internal; exchange.h is the public
// surface): the problems of one file, the header matched to a kind's columns, reading one
// row's cells, duplicate keys, the plan of changes with its audit entries, and the Importer
// interface that import.cc drives the same way for every kind. The importers themselves are
// split by domain: import_org.cc, import_talent.cc, import_succession.cc.

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "access/model.h"
#include "core/enum_names.h"
#include "exchange/cells.h"
#include "exchange/columns.h"
#include "exchange/encoding.h"
#include "exchange/exchange.h"
#include "exchange/records.h"
#include "org/validation.h"

namespace trellis::exchange {

inline constexpr int64_t kHeaderRow = 1;
inline constexpr size_t kNoColumn = std::numeric_limits<size_t>::max();

inline constexpr std::string_view kUnknownPerson =
    "no person in the trust has this staff reference; import people first";
inline constexpr std::string_view kUnknownPost =
    "no post in the trust has this reference; import posts first";

// "column 3", for a cell with no header.
std::string ColumnNumber(size_t index);

// Every problem found in one file, in the order found; the first kMaxReportedProblems kept.
class ProblemList {
 public:
  void Add(std::optional<int64_t> row, std::string field, std::string reason,
           std::string_view value = {}) {
    ++total_;
    if (list_.size() >= kMaxReportedProblems) return;
    list_.push_back(
        {std::move(field), std::move(reason), value.empty() ? std::string() : Excerpt(value), row});
  }
  bool empty() const { return total_ == 0; }

  // "12 problems in the people file; nothing was written", with the list.
  Error TakeError(Kind kind);

 private:
  std::vector<Problem> list_;
  size_t total_ = 0;
};

// The header row matched to the kind's columns.
class Sheet {
 public:
  // Adds a problem for each required column missing and each column given twice.
  Sheet(Kind kind, std::span<const std::string> header, ProblemList& problems);

  bool has(size_t column) const { return index_[column] != kNoColumn; }
  size_t width() const { return width_; }
  size_t columns() const { return columns_.size(); }

  // The header of a column as the file writes it (or as trellis does, when it is absent).
  std::string HeaderOf(size_t column) const;
  // The header over the index-th cell of a row.
  std::string HeaderAt(size_t index) const;
  // The column a domain Check's field name is read from, if any.
  size_t ColumnOfField(std::string_view field) const;
  // The trimmed cell of `column` in a row, less the quote an export puts in front of text
  // that looks like a formula (GuardFormula); empty when the column is absent.
  std::string_view Cell(std::span<const std::string> fields, size_t column) const {
    const size_t at = index_[column];
    if (at == kNoColumn || at >= fields.size()) return {};
    return UnguardFormula(Trim(fields[at]));
  }

 private:
  std::span<const Column> columns_;
  std::vector<size_t> index_;  // per column: the index of its cell in a row, or kNoColumn
  std::vector<std::string> headers_;
  size_t width_;
};

// A coded value as a spreadsheet user types it: the code or the label, any case, spaces or
// hyphens for underscores (ParseEnum), and a hyphen for the en dash of a label ("Ready in
// 1-2 years" for "Ready in 1–2 years").
template <typename E>
std::optional<E> ParseCode(std::string_view text) {
  if (auto value = ParseEnum<E>(text)) return value;
  auto plain = [](std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s.substr(i, 3) == "\xE2\x80\x93") {  // U+2013 EN DASH
        out += '-';
        i += 2;
      } else {
        out += s[i];
      }
    }
    return detail::FoldName(out);
  };
  const std::string typed = plain(text);
  for (const auto& n : EnumNames<E>())
    if (plain(n.label) == typed) return n.value;
  return std::nullopt;
}

// Reads one data row's cells into a record, adding a problem for each cell that does not
// read. Every Read leaves its target alone when the column is absent, so a column left out
// of the file keeps the stored value; a blank cell clears an optional value.
class RowReader {
 public:
  RowReader(const Sheet& sheet, ProblemList& problems, int64_t row,
            std::span<const std::string> fields)
      : sheet_(sheet), problems_(problems), row_(row), fields_(fields) {}

  int64_t row() const { return row_; }
  bool ok() const { return !failed_; }
  bool present(size_t column) const { return sheet_.has(column); }
  std::string_view Text(size_t column) const { return sheet_.Cell(fields_, column); }
  const Sheet& sheet() const { return sheet_; }

  void AddProblem(size_t column, std::string reason, std::string_view value);
  // No further problem for this cell: a problem found with another cell answers it (an
  // unknown framework leaves the competency unread, and the Check would call it missing).
  void Settle(size_t column) {
    if (column < 64) reported_ |= uint64_t{1} << column;
  }
  // Every cell of the row by column (Text), kept for the problems an importer finds once it
  // has every row (Importer::Finish).
  std::vector<std::string> Cells() const;

  void Read(size_t column, std::string& out) {
    if (present(column)) out = Text(column);
  }
  void Read(size_t column, std::optional<int64_t>& out);
  void Read(size_t column, std::optional<Date>& out);
  void Read(size_t column, double& out, double blank);
  void Read(size_t column, bool& out, bool blank);

  std::optional<int64_t> RequiredWholeNumber(size_t column);
  // A required whole number for a small field (a level, a score, a rank): out-of-range values
  // are kept clamped to int so that the domain's rule reports them as typed.
  std::optional<int> RequiredSmallNumber(size_t column);
  std::optional<Date> RequiredDate(size_t column);

  template <typename E>
  void Read(size_t column, std::optional<E>& out) {
    if (!present(column)) return;
    const auto text = Text(column);
    if (text.empty())
      out.reset();
    else if (auto value = ParseCode<E>(text))
      out = *value;
    else
      AddProblem(column, "must be one of " + AllowedCodes<E>(), text);
  }

  // `blank`: the value of a blank cell, or nullopt when the cell is required.
  template <typename E>
  void Read(size_t column, E& out, std::optional<std::type_identity_t<E>> blank) {
    if (!present(column)) return;
    const auto text = Text(column);
    if (text.empty()) {
      if (blank)
        out = *blank;
      else
        AddProblem(column, "is required", text);
    } else if (auto value = ParseCode<E>(text)) {
      out = *value;
    } else {
      AddProblem(column, "must be one of " + AllowedCodes<E>(), text);
    }
  }

  // A reference to a stored record by its key text (blank is a problem).
  template <typename Value>
  std::optional<Value> Reference(size_t column, const StringMap<Value>& found,
                                 std::string_view reason) {
    const auto text = Text(column);
    if (text.empty()) {
      AddProblem(column, "is required", text);
      return std::nullopt;
    }
    const auto it = found.find(text);
    if (it == found.end()) {
      AddProblem(column, std::string(reason), text);
      return std::nullopt;
    }
    return it->second;
  }
  // As Reference, for a column that may be blank (then nullopt, and no problem).
  template <typename Value>
  std::optional<Value> OptionalReference(size_t column, const StringMap<Value>& found,
                                         std::string_view reason) {
    if (Text(column).empty()) return std::nullopt;
    return Reference(column, found, reason);
  }

  // The problems a domain Check found, against the columns they come from; a cell that
  // already has a problem gets no second one.
  void Report(const std::vector<Problem>& checks);

 private:
  const Sheet& sheet_;
  ProblemList& problems_;
  int64_t row_;
  std::span<const std::string> fields_;
  bool failed_ = false;
  uint64_t reported_ = 0;  // columns with a problem in this row
};

// Where each key was first seen in the file. A repeat is a problem on both rows.
template <typename Key, typename Hash = std::hash<Key>>
class FirstRows {
 public:
  void Reserve(size_t keys) { rows_.reserve(keys); }
  void Claim(const Key& key, RowReader& row, size_t column, ProblemList& problems) {
    const auto [it, inserted] = rows_.try_emplace(key, row.row());
    if (inserted) return;
    const std::string value(row.Text(column));
    row.AddProblem(
        column, "is also in row " + std::to_string(it->second) + "; each may appear once", value);
    problems.Add(it->second, row.sheet().HeaderOf(column),
                 "is also in row " + std::to_string(row.row()) + "; each may appear once", value);
  }

 private:
  std::unordered_map<Key, int64_t, Hash> rows_;
};

// Text keys (references), which a national people file has a million of: one open-addressed
// table over one buffer of the keys' bytes, not a node and a string apiece, so that claiming
// is one probe into a flat array and letting go is two frees (freeing a million nodes took
// longer than the import's commit).
template <>
class FirstRows<std::string> {
 public:
  void Reserve(size_t keys);
  void Claim(std::string_view key, RowReader& row, size_t column, ProblemList& problems);

 private:
  struct Entry {
    uint64_t offset;  // of the key's bytes in keys_
    uint32_t size;
    int64_t row;
  };
  // The slot of `key`: where it is, or the empty slot where it would go.
  size_t Find(std::string_view key, uint64_t hash) const;
  std::string_view KeyOf(const Entry& entry) const;

  // Each slot is empty (0) or an entry's index + 1 in its low half and the high half of its
  // key's hash in its high half, which settles most mismatches without reading the key.
  std::vector<uint64_t> slots_;
  std::vector<Entry> entries_;
  std::string keys_;
};

// Keys of dated links: ids and days since the epoch.
using LinkKey = std::array<int64_t, 4>;
struct LinkKeyHash {
  size_t operator()(const LinkKey& key) const noexcept {
    size_t h = 0;
    for (int64_t part : key) h = h * 1000003u ^ std::hash<int64_t>{}(part);
    return h;
  }
};
inline int64_t DayNumber(Date date) { return date.days().time_since_epoch().count(); }

// The audit entries of an import: action "import", the actor and time of the import.
class Audit {
 public:
  explicit Audit(const ImportOptions& options) : options_(options) {}

  [[nodiscard]] Result<void> Append(store::Store& tx, std::string_view entity, int64_t id,
                                    std::string before, std::string after) const;
  // The entry Append writes.
  access::AuditEntry Entry(std::string_view entity, int64_t id, std::string before,
                           std::string after) const;
  // One entry for every record of `entity` the import created (ids as AuditId files them):
  // how many and which, not each record again, which its row holds as created and later
  // changes' entries hold as changed. Store::AppendCovering files it under each id. An entry
  // per record was two thirds of what a large import wrote (docs/performance.md).
  [[nodiscard]] Result<void> AppendCreated(store::Store& tx, std::string_view entity,
                                           std::vector<int64_t> ids) const;

 private:
  const ImportOptions& options_;
};

// The id an import's audit entry is filed under: the record's own, except a person's risk of
// loss, filed under the person as succession::PlanService files it (one history however
// often it is cleared and set again).
template <typename T>
int64_t AuditId(const T& record) {
  return record.id.value();
}
inline int64_t AuditId(const succession::LossRisk& risk) { return risk.person.value(); }

// A stored record an import changes: as it will be, and as it was.
template <typename T>
struct Changed {
  T record;
  T before;
};

// The changes an import makes to one kind of record, and what it leaves alone. The record's
// JSON for the audit log is its domain's ToJson (org/json.h, talent/json.h,
// succession/json.h), found by argument-dependent lookup.
template <typename T>
struct Plan {
  // Kept apart so that the records created reach Store::InsertMany as they lie, in the order
  // of their rows.
  struct Part {
    std::vector<T> creates;
    std::vector<Changed<T>> updates;
  };
  Part changes;  // planned, not yet sealed
  int64_t created = 0, updated = 0, unchanged = 0;

  void Add(T record, const T* stored) {
    if (!stored) {
      ++created;
      changes.creates.push_back(std::move(record));
    } else if (SameRecord(*stored, record)) {
      ++unchanged;
    } else {
      ++updated;
      changes.updates.push_back({std::move(record), *stored});
    }
  }
  // Every record planned and not yet sealed, created or changed.
  template <typename F>
  void ForEach(F&& f) {
    for (T& record : changes.creates) f(record);
    for (auto& change : changes.updates) f(change.record);
  }

  // Writes every change not yet written (Seal, WriteSealed), then the one audit entry for
  // all the records created (Audit::AppendCreated).
  [[nodiscard]] Result<void> Apply(store::Store& tx, const Audit& audit, std::string_view entity) {
    TRY(WriteSealed(tx, audit, entity));
    TRY(Write(tx, audit, entity, changes));
    changes = {};
    if (!created_ids_.empty())
      TRY(audit.AppendCreated(tx, entity, std::exchange(created_ids_, {})));
    return Ok();
  }

  // Writing while later rows are still being checked (Importer::WritesAsItReads): the
  // checking thread seals the changes planned so far; the writing thread, which holds the
  // transaction, writes what is sealed. Apply writes the rest.
  // A part, once written, is emptied and planned into again: a national file's parts then
  // reuse the same few blocks of memory instead of each touching fresh pages.
  // The written part is emptied here, on the checking thread, which has time to spare, not
  // on the writing thread, which has none.
  void Seal() {
    Part next;
    {
      std::lock_guard lock(sealed_mutex_);
      if (!spare_.empty()) {
        next = std::move(spare_.back());
        spare_.pop_back();
      }
    }
    next.creates.clear();
    next.updates.clear();
    std::lock_guard lock(sealed_mutex_);
    sealed_.push_back(std::exchange(changes, std::move(next)));
  }
  [[nodiscard]] Result<void> WriteSealed(store::Store& tx, const Audit& audit,
                                         std::string_view entity) {
    auto ready = TakeSealed();
    for (auto& part : ready) TRY(Write(tx, audit, entity, part));
    Recycle(ready);
    return Ok();
  }
  // Seal's stand-in when nothing will be written: the changes planned go (the counts stay).
  void DropPlanned() {
    changes.creates.clear();
    changes.updates.clear();
  }

 private:
  // Writes `part`'s changes, then its updates' audit entries (before and after), and notes
  // the ids created. Updates go first, so that a record changed away from a value (a role
  // profile's stage) frees it for one created with it. Each table's pages are written in one
  // stretch, which matters when a large import's changes outgrow the database's page cache.
  // Records the store can insert many at a time (Store::InsertMany) go in so, and the entries
  // likewise (Store::AppendMany), in chunks that bound the memory a large part takes.
  [[nodiscard]] Result<void> Write(store::Store& tx, const Audit& audit, std::string_view entity,
                                   Part& part) {
    constexpr size_t kChunk = 10'000;
    for (const auto& change : part.updates) TRY(tx.Update(change.record));
    if constexpr (requires(std::span<const T> many) { tx.InsertMany(many); }) {
      const std::span<const T> creates(part.creates);
      for (size_t first = 0; first < creates.size(); first += kChunk) {
        const auto ids =
            TRY(tx.InsertMany(creates.subspan(first, std::min(kChunk, creates.size() - first))));
        for (size_t i = 0; i < ids.size(); ++i) part.creates[first + i].id = ids[i];
      }
    } else {
      for (T& record : part.creates) record = TRY(tx.Insert(record));
    }
    for (const T& record : part.creates) created_ids_.push_back(AuditId(record));
    std::vector<access::AuditEntry> entries;
    for (const auto& change : part.updates) {
      entries.push_back(audit.Entry(entity, AuditId(change.record), ToJson(change.before).dump(),
                                    ToJson(change.record).dump()));
      if (entries.size() == kChunk) {
        TRY(tx.AppendMany(entries));
        entries.clear();
      }
    }
    return tx.AppendMany(entries);
  }

  std::vector<Part> TakeSealed() {
    std::lock_guard lock(sealed_mutex_);
    return std::exchange(sealed_, {});
  }
  void Recycle(std::vector<Part>& parts) {
    std::lock_guard lock(sealed_mutex_);
    for (auto& part : parts) spare_.push_back(std::move(part));
  }

  std::mutex sealed_mutex_;
  std::vector<Part> sealed_;  // sealed, not yet written
  std::vector<Part> spare_;   // written, to empty and plan into again
  std::vector<int64_t> created_ids_;  // written so far
};

template <typename Map, typename Key>
auto Find(const Map& map, const Key& key) -> const typename Map::mapped_type* {
  const auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

struct Counts {
  int64_t created = 0, updated = 0, unchanged = 0;
};

class Importer {
 public:
  virtual ~Importer() = default;
  // Reads what the checks need from the store, once.
  [[nodiscard]] virtual Result<void> Load(store::Store& store) = 0;
  // The most data rows the file can hold (its lines), before the first Row: room to reserve.
  virtual void Expect(size_t /*rows*/) {}
  // Whether the changes planned so far can be written while later rows are still being
  // checked: no change depends on a later row, and Finish finds problems but plans nothing.
  // Import then checks on a thread of its own and writes, on the transaction's, what each
  // Seal made ready (WriteSealed); a problem anywhere stops the writing and undoes it all.
  virtual bool WritesAsItReads() const { return false; }
  // On the checking thread, every few thousand rows (WritesAsItReads only).
  virtual void Seal() {}
  // On the writing thread: writes what Seal has made ready (WritesAsItReads only).
  [[nodiscard]] virtual Result<void> WriteSealed(store::Store& /*tx*/, const Audit& /*audit*/) {
    return Ok();
  }
  // On the checking thread, in Seal's place when nothing will be written (a dry run, or a
  // problem found): lets go of the changes planned so far (the counts stay), so that checking
  // a large file holds a part of it, not the whole plan.
  virtual void DropPlanned() {}
  // Checks one data row and plans its change.
  virtual void Row(RowReader& row, ProblemList& problems) = 0;
  // Checks that need every row (references within the file, rules of a group of rows).
  virtual void Finish(const Sheet& /*sheet*/, ProblemList& /*problems*/) {}
  virtual Counts counts() const = 0;
  // Applies the plan; runs inside the import's transaction, only when there were no problems.
  [[nodiscard]] virtual Result<void> Apply(store::Store& tx, const Audit& audit) = 0;
};

template <typename T>
Counts CountsOf(const Plan<T>& plan) {
  return {plan.created, plan.updated, plan.unchanged};
}

// Staff references to ids (leavers included).
StringMap<PersonId> PersonIds(const std::vector<org::Person>& people);

// A row kept for the checks of Importer::Finish: its number and its cells (RowReader::Cells).
struct RowCells {
  int64_t row = 0;
  std::vector<std::string> cells;
};

// The problems a domain Check of a group of rows found (the requirements of a role profile,
// the candidates of a plan), each against the row and column it comes from: a field
// "<list>[i].<field>" is the i-th row's of `rows`, any other field the group's first row's.
void ReportGroup(const Sheet& sheet, const std::vector<Problem>& checks, std::string_view list,
                 const std::vector<const RowCells*>& rows, ProblemList& problems);

// The importers of each domain (nullptr for a kind of another domain). `gias_trust`: see
// GiasTrustFilter.
std::unique_ptr<Importer> MakeOrgImporter(Kind kind, const ImportOptions& options,
                                          std::optional<std::string> gias_trust);
std::unique_ptr<Importer> MakeTalentImporter(Kind kind, const ImportOptions& options);
std::unique_ptr<Importer> MakeSuccessionImporter(Kind kind, const ImportOptions& options);

// Which rows of a GIAS file belong to the trust (import_org.cc): the code to keep rows by, or
// nullopt for every row; adds a problem when the file is refused.
std::optional<std::string> GiasTrustFilter(std::string_view text, const org::Trust& trust,
                                           ProblemList& problems);

}  // namespace trellis::exchange
