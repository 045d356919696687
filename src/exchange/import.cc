// Import: decode, parse and check the whole file against what is stored, then apply every
// change in one transaction. Each kind is an Importer; Run drives them all the same way.

#include <array>
#include <cstdint>
#include <limits>
#include <set>
#include <type_traits>
#include <unordered_map>

#include "access/model.h"
#include "exchange/cells.h"
#include "exchange/columns.h"
#include "exchange/csv.h"
#include "exchange/encoding.h"
#include "exchange/exchange.h"
#include "exchange/records.h"
#include "org/json.h"
#include "org/validation.h"

namespace trellis::exchange {
namespace {

constexpr int64_t kHeaderRow = 1;
constexpr size_t kNoColumn = std::numeric_limits<size_t>::max();
constexpr std::string_view kSaveAsUtf8 =
    "save the file from your spreadsheet as \"CSV UTF-8 (Comma delimited)\" and import that";

std::string FileName(Kind kind) {
  return kind == Kind::kGias ? "GIAS" : std::string(KindCode(kind));
}

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

  Error TakeError(Kind kind) {
    std::string message = std::to_string(total_) + (total_ == 1 ? " problem" : " problems") +
                          " in the " + FileName(kind) + " file; nothing was written";
    if (total_ > list_.size())
      message += " (the first " + std::to_string(list_.size()) + " are listed)";
    return MakeError(ErrorCode::kValidationFailed, std::move(message), std::move(list_));
  }

 private:
  std::vector<Problem> list_;
  size_t total_ = 0;
};

std::string ColumnNumber(size_t index) { return "column " + std::to_string(index + 1); }

// The header row matched to the kind's columns.
class Sheet {
 public:
  // Adds a problem for each required column missing and each column given twice.
  Sheet(Kind kind, std::span<const std::string> header, ProblemList& problems)
      : columns_(ColumnsOf(kind)), index_(columns_.size(), kNoColumn), width_(header.size()) {
    for (const auto& cell : header) headers_.emplace_back(Trim(cell));
    for (size_t i = 0; i < header.size(); ++i) {
      const std::string folded = FoldHeader(headers_[i]);
      if (folded.empty()) continue;
      for (size_t c = 0; c < columns_.size(); ++c) {
        if (!HeaderMatches(columns_[c], folded)) continue;
        if (index_[c] == kNoColumn)
          index_[c] = i;
        else
          problems.Add(kHeaderRow, headers_[i],
                       "the column is given twice (also as \"" + headers_[index_[c]] + "\" in " +
                           ColumnNumber(index_[c]) + ")");
        break;
      }
    }
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (!columns_[c].required || index_[c] != kNoColumn) continue;
      std::string reason = "the file has no column with this header, which is required";
      if (!columns_[c].aliases.empty()) {
        std::string also(columns_[c].aliases);
        for (auto& ch : also)
          if (ch == '|') ch = ',';
        reason += " (also accepted: " + also + ")";
      }
      problems.Add(kHeaderRow, std::string(columns_[c].name), std::move(reason));
    }
  }

  bool has(size_t column) const { return index_[column] != kNoColumn; }
  size_t width() const { return width_; }

  // The header of a column as the file writes it (or as trellis does, when it is absent).
  std::string HeaderOf(size_t column) const {
    if (column == kNoColumn) return {};
    if (has(column)) return headers_[index_[column]];
    return std::string(columns_[column].name);
  }
  // The header over the index-th cell of a row.
  std::string HeaderAt(size_t index) const {
    if (index < headers_.size() && !headers_[index].empty()) return headers_[index];
    return ColumnNumber(index);
  }
  // The column an org::Check field name is read from, if any.
  size_t ColumnOfField(std::string_view field) const {
    for (size_t c = 0; c < columns_.size(); ++c)
      if (columns_[c].field == field) return c;
    return kNoColumn;
  }
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

  void AddProblem(size_t column, std::string reason, std::string_view value) {
    failed_ = true;
    if (column < 64) reported_ |= uint64_t{1} << column;
    problems_.Add(row_, sheet_.HeaderOf(column), std::move(reason), value);
  }

  void Read(size_t column, std::string& out) {
    if (present(column)) out = Text(column);
  }

  void Read(size_t column, std::optional<int64_t>& out) {
    if (!present(column)) return;
    const auto text = Text(column);
    if (text.empty())
      out.reset();
    else if (auto value = ParseWholeNumber(text))
      out = *value;
    else
      AddProblem(column, "must be a whole number", text);
  }

  std::optional<int64_t> RequiredWholeNumber(size_t column) {
    const auto text = Text(column);
    if (text.empty()) {
      AddProblem(column, "is required", text);
      return std::nullopt;
    }
    auto value = ParseWholeNumber(text);
    if (!value) AddProblem(column, "must be a whole number", text);
    return value;
  }

  void Read(size_t column, std::optional<Date>& out) {
    if (!present(column)) return;
    const auto text = Text(column);
    if (text.empty())
      out.reset();
    else if (auto date = Date::Parse(text))
      out = *date;
    else
      AddProblem(column, std::string(kDateReason), text);
  }

  std::optional<Date> RequiredDate(size_t column) {
    const auto text = Text(column);
    if (text.empty()) {
      AddProblem(column, "is required", text);
      return std::nullopt;
    }
    auto date = Date::Parse(text);
    if (!date) AddProblem(column, std::string(kDateReason), text);
    return date;
  }

  void Read(size_t column, double& out, double blank) {
    if (!present(column)) return;
    const auto text = Text(column);
    if (text.empty())
      out = blank;
    else if (auto value = ParseNumber(text))
      out = *value;
    else
      AddProblem(column, "must be a number, such as 0.6", text);
  }

  void Read(size_t column, bool& out, bool blank) {
    if (!present(column)) return;
    const auto text = Text(column);
    if (text.empty())
      out = blank;
    else if (auto value = ParseYesNo(text))
      out = *value;
    else
      AddProblem(column, "must be yes or no", text);
  }

  template <typename E>
  void Read(size_t column, std::optional<E>& out) {
    if (!present(column)) return;
    const auto text = Text(column);
    if (text.empty())
      out.reset();
    else if (auto value = ParseEnum<E>(text))
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
    } else if (auto value = ParseEnum<E>(text)) {
      out = *value;
    } else {
      AddProblem(column, "must be one of " + AllowedCodes<E>(), text);
    }
  }

  // A reference to a stored record by its key text (blank is a problem).
  template <typename IdT>
  std::optional<IdT> Reference(size_t column, const StringMap<IdT>& ids, std::string_view reason) {
    const auto text = Text(column);
    if (text.empty()) {
      AddProblem(column, "is required", text);
      return std::nullopt;
    }
    const auto it = ids.find(text);
    if (it == ids.end()) {
      AddProblem(column, std::string(reason), text);
      return std::nullopt;
    }
    return it->second;
  }

  // The problems org::Check found, against the columns they come from; a cell that already
  // has a problem gets no second one.
  void Report(const std::vector<Problem>& checks) {
    for (const auto& p : checks) {
      const size_t column = sheet_.ColumnOfField(p.field);
      if (column == kNoColumn) {
        failed_ = true;
        problems_.Add(row_, p.field, p.reason, p.value);
        continue;
      }
      if (column < 64 && (reported_ & (uint64_t{1} << column))) continue;
      // What the user typed ("1.5"), rather than the rule's rendering of it ("1.500000"),
      // with any control character written as an escape, as the rule shows it.
      const std::string value = present(column) && !Text(column).empty()
                                    ? org::ShowControlCharacters(Text(column))
                                    : p.value;
      AddProblem(column, p.reason, value);
    }
  }

 private:
  static constexpr std::string_view kDateReason = "must be a date as YYYY-MM-DD or DD/MM/YYYY";

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

// Keys of dated links: ids and days since the epoch.
using LinkKey = std::array<int64_t, 4>;
struct LinkKeyHash {
  size_t operator()(const LinkKey& key) const noexcept {
    size_t h = 0;
    for (int64_t part : key) h = h * 1000003u ^ std::hash<int64_t>{}(part);
    return h;
  }
};
int64_t DayNumber(Date date) { return date.days().time_since_epoch().count(); }

class Audit {
 public:
  explicit Audit(const ImportOptions& options) : options_(options) {}

  [[nodiscard]] Result<void> Append(store::Store& tx, std::string_view entity, int64_t id,
                                    std::string before, std::string after) const {
    access::AuditEntry entry;
    entry.at = options_.now;
    entry.trust = options_.trust;
    entry.user = options_.user;
    entry.actor = options_.actor;
    entry.action = "import";
    entry.entity = entity;
    entry.entity_id = std::to_string(id);
    entry.before = std::move(before);
    entry.after = std::move(after);
    entry.remote = options_.remote;
    return tx.Append(entry);
  }

 private:
  const ImportOptions& options_;
};

template <typename T>
struct Planned {
  int64_t row = 0;
  T record;
  std::optional<T> before;  // the stored record; empty when the row creates one
};

// The changes an import makes to one kind of record, and what it leaves alone.
template <typename T>
struct Plan {
  std::vector<Planned<T>> changes;
  int64_t created = 0, updated = 0, unchanged = 0;

  void Add(int64_t row, T record, const T* stored) {
    if (!stored) {
      ++created;
      changes.push_back({row, std::move(record), std::nullopt});
    } else if (SameRecord(*stored, record)) {
      ++unchanged;
    } else {
      ++updated;
      changes.push_back({row, std::move(record), *stored});
    }
  }

  [[nodiscard]] Result<void> Apply(store::Store& tx, const Audit& audit,
                                   std::string_view entity) const {
    for (const auto& change : changes) {
      if (change.before) {
        TRY(tx.Update(change.record));
        TRY(audit.Append(tx, entity, change.record.id.value(), org::ToJson(*change.before).dump(),
                         org::ToJson(change.record).dump()));
      } else {
        const T inserted = TRY(tx.Insert(change.record));
        TRY(audit.Append(tx, entity, inserted.id.value(), {}, org::ToJson(inserted).dump()));
      }
    }
    return Ok();
  }
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
  // Checks one data row and plans its change.
  virtual void Row(RowReader& row, ProblemList& problems) = 0;
  // Checks that need every row (references within the file).
  virtual void Finish(const Sheet& /*sheet*/, ProblemList& /*problems*/) {}
  virtual Counts counts() const = 0;
  // Applies the plan; runs inside the import's transaction, only when there were no problems.
  [[nodiscard]] virtual Result<void> Apply(store::Store& tx, const Audit& audit) = 0;
};

template <typename T>
Counts CountsOf(const Plan<T>& plan) {
  return {plan.created, plan.updated, plan.unchanged};
}

// ---------------------------------------------------------------------------------- schools

struct SchoolColumns {
  size_t urn, name, phase, type, status, local_authority, region, pupils, postcode, easting,
      northing;
};
constexpr SchoolColumns kSchoolFileColumns{
    school_col::kUrn,      school_col::kName,           school_col::kPhase,   school_col::kType,
    school_col::kStatus,   school_col::kLocalAuthority, school_col::kRegion,  school_col::kPupils,
    school_col::kPostcode, school_col::kEasting,        school_col::kNorthing};
constexpr SchoolColumns kGiasColumns{
    gias_col::kUrn,      gias_col::kName,           gias_col::kPhase,   gias_col::kType,
    gias_col::kStatus,   gias_col::kLocalAuthority, gias_col::kRegion,  gias_col::kPupils,
    gias_col::kPostcode, gias_col::kEasting,        gias_col::kNorthing};

class SchoolImporter final : public Importer {
 public:
  // GIAS files: `only_trust` keeps only rows whose "Trusts (code)" is that reference.
  SchoolImporter(TrustId trust, bool gias, std::optional<std::string> only_trust)
      : trust_(trust), gias_(gias), only_trust_(std::move(only_trust)) {}

  Result<void> Load(store::Store& store) override {
    for (auto& school : TRY(AllSchools(store, trust_))) by_urn_.emplace(school.urn, school);
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    const SchoolColumns& c = gias_ ? kGiasColumns : kSchoolFileColumns;
    if (gias_ && !Wanted(r)) return;
    const auto urn = r.RequiredWholeNumber(c.urn);
    const org::School* stored = urn ? Find(by_urn_, *urn) : nullptr;
    org::School s = stored ? *stored : org::School{.trust = trust_};
    if (urn) s.urn = *urn;
    r.Read(c.name, s.name);
    r.Read(c.phase, s.phase);
    r.Read(c.type, s.type);
    r.Read(c.status, s.status);
    r.Read(c.local_authority, s.local_authority);
    r.Read(c.region, s.region);
    r.Read(c.pupils, s.pupils);
    r.Read(c.postcode, s.postcode);
    r.Read(c.easting, s.easting);
    r.Read(c.northing, s.northing);
    r.Report(org::Check(s));
    if (urn) first_rows_.Claim(*urn, r, c.urn, problems);
    if (r.ok()) plan_.Add(r.row(), std::move(s), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "school");
  }

 private:
  // GIAS rows of other trusts, and closed establishments the trust does not already have,
  // are not imported (nor checked).
  bool Wanted(const RowReader& r) const {
    if (only_trust_ && !EqualsIgnoringCase(r.Text(gias_col::kTrustCode), *only_trust_))
      return false;
    if (!EqualsIgnoringCase(r.Text(gias_col::kStatus), "Closed")) return true;
    const auto urn = ParseWholeNumber(r.Text(gias_col::kUrn));
    return urn && by_urn_.contains(*urn);
  }

  TrustId trust_;
  bool gias_;
  std::optional<std::string> only_trust_;
  std::unordered_map<int64_t, org::School> by_urn_;
  FirstRows<int64_t> first_rows_;
  Plan<org::School> plan_;
};

// Which rows of a GIAS file belong to the trust. A download of every establishment in
// England names hundreds of trusts in "Trusts (code)"; importing it whole into one trust
// would be wrong, and quietly importing nothing would be too. So:
//  - the trust has a reference (TRxxxxx): only rows naming it; none naming it is a problem;
//  - it has none: a file naming at most one trust (already filtered to the trust's schools,
//    or without the column) is taken whole; a file naming several is a problem.
// Returns the code to keep rows by, or nullopt for every row; adds a problem when refused.
std::optional<std::string> GiasTrustFilter(std::string_view text, const org::Trust& trust,
                                           ProblemList& problems) {
  csv::Reader reader(text);
  if (!reader.Next()) return std::nullopt;
  ProblemList ignored;
  const std::vector<std::string> header(reader.fields().begin(), reader.fields().end());
  const Sheet sheet(Kind::kGias, header, ignored);
  if (!sheet.has(gias_col::kTrustCode)) return std::nullopt;
  std::set<std::string> codes;
  bool names_ours = false;
  while (reader.Next()) {
    const std::string code(Trim(sheet.Cell(reader.fields(), gias_col::kTrustCode)));
    if (code.empty()) continue;
    codes.insert(code);
    names_ours =
        names_ours || (!trust.reference.empty() && EqualsIgnoringCase(code, trust.reference));
  }
  if (!trust.reference.empty()) {
    if (!names_ours)
      problems.Add(std::nullopt, "Trusts (code)",
                   "no school in this file belongs to " + trust.reference +
                       " (this trust's reference); check the reference, or download the "
                       "trust's own establishments from Get Information about Schools");
    return trust.reference;
  }
  if (codes.size() > 1)
    problems.Add(std::nullopt, "Trusts (code)",
                 "this file lists the schools of " + std::to_string(codes.size()) +
                     " trusts; set this trust's reference (its DfE group id, such as TR00746) "
                     "so that only its schools are taken");
  return std::nullopt;
}

// ----------------------------------------------------------------------------------- bodies

class BodyImporter final : public Importer {
 public:
  explicit BodyImporter(TrustId trust) : trust_(trust) {}

  Result<void> Load(store::Store& store) override {
    for (const auto& school : TRY(AllSchools(store, trust_)))
      schools_.emplace(std::to_string(school.urn), school.id);
    stored_ = TRY(AllBodies(store, trust_));
    for (const auto& body : stored_) {
      by_name_.emplace(body.name, &body);
      name_of_.emplace(body.id, body.name);
    }
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace body_col;
    const std::string name(r.Text(kName));
    const auto* found = name.empty() ? nullptr : Find(by_name_, name);
    const org::Body* stored = found ? *found : nullptr;
    Candidate c{.row = r.row(),
                .record = stored ? *stored : org::Body{.trust = trust_, .name = name},
                .stored = stored};
    r.Read(kKind, c.record.kind, std::nullopt);
    if (r.present(kSchoolUrn)) {
      c.record.school.reset();
      if (!r.Text(kSchoolUrn).empty())
        c.record.school = r.Reference(kSchoolUrn, schools_,
                                      "no school in the trust has this URN; import schools first");
    }
    if (r.present(kParent)) {
      c.parent_given = true;
      c.parent = r.Text(kParent);
      if (!c.parent.empty() && c.parent == name)
        r.AddProblem(kParent, "a body cannot be its own parent", c.parent);
    }
    // Check only needs to know whether there is a parent; its id is settled in Finish.
    org::Body checked = c.record;
    if (c.parent_given)
      checked.parent = c.parent.empty()
                           ? std::nullopt
                           : std::optional(BodyId(std::numeric_limits<int64_t>::max()));
    r.Report(org::Check(checked));
    if (!name.empty()) first_rows_.Claim(name, r, kName, problems);
    if (r.ok()) candidates_.push_back(std::move(c));
  }

  void Finish(const Sheet& sheet, ProblemList& problems) override {
    StringMap<const Candidate*> in_file;
    for (const auto& c : candidates_) in_file.emplace(c.record.name, &c);
    bool failed = false;
    for (const auto& c : candidates_) {
      if (!c.parent_given || c.parent.empty()) continue;
      if (!in_file.contains(c.parent) && !by_name_.contains(c.parent)) {
        problems.Add(c.row, sheet.HeaderOf(body_col::kParent),
                     "no body in the trust or in this file has this name", c.parent);
        failed = true;
      }
    }
    if (failed) return;
    // The parent of each body once the file is applied, to refuse a circle of parents.
    auto parent_of = [&](const std::string& name) -> std::string {
      if (const auto* c = Find(in_file, name); c && (*c)->parent_given) return (*c)->parent;
      const auto* stored = Find(by_name_, name);
      if (!stored || !(*stored)->parent) return {};
      const auto* parent_name = Find(name_of_, *(*stored)->parent);
      return parent_name ? *parent_name : std::string();
    };
    const size_t limit = candidates_.size() + stored_.size() + 1;
    for (const auto& c : candidates_) {
      std::string at = parent_of(c.record.name);
      for (size_t steps = 0; !at.empty() && steps < limit; ++steps) {
        if (at == c.record.name) {
          problems.Add(c.row, sheet.HeaderOf(body_col::kParent),
                       "the parent bodies go round in a circle back to this body", c.parent);
          failed = true;
          break;
        }
        at = parent_of(at);
      }
    }
    if (failed) return;
    for (auto& c : candidates_) {
      if (c.parent_given) {
        c.record.parent.reset();
        if (!c.parent.empty()) {
          if (const auto* stored = Find(by_name_, c.parent))
            c.record.parent = (*stored)->id;
          else
            c.parent_is_new = true;
        }
      }
      if (!c.stored)
        ++counts_.created;
      else if (!c.parent_is_new && SameRecord(*c.stored, c.record))
        ++counts_.unchanged;
      else
        ++counts_.updated;
    }
  }

  Counts counts() const override { return counts_; }

  // Parents first: a body whose parent is new in this file waits until that parent is in.
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    StringMap<BodyId> ids;
    for (const auto& body : stored_) ids.emplace(body.name, body.id);
    std::vector<Candidate*> pending;
    for (auto& c : candidates_)
      if (!c.stored || c.parent_is_new || !SameRecord(*c.stored, c.record)) pending.push_back(&c);
    while (!pending.empty()) {
      std::vector<Candidate*> waiting;
      for (Candidate* c : pending) {
        if (c->parent_is_new) {
          const auto* parent = Find(ids, c->parent);
          if (!parent) {
            waiting.push_back(c);
            continue;
          }
          c->record.parent = *parent;
        }
        if (c->stored) {
          TRY(tx.Update(c->record));
          TRY(audit.Append(tx, "body", c->record.id.value(), org::ToJson(*c->stored).dump(),
                           org::ToJson(c->record).dump()));
        } else {
          const org::Body inserted = TRY(tx.Insert(c->record));
          ids.emplace(inserted.name, inserted.id);
          TRY(audit.Append(tx, "body", inserted.id.value(), {}, org::ToJson(inserted).dump()));
        }
      }
      if (waiting.size() == pending.size())
        return Fail(ErrorCode::kInternal, "bodies import: parents could not be ordered");
      pending = std::move(waiting);
    }
    return Ok();
  }

 private:
  struct Candidate {
    int64_t row = 0;
    org::Body record;
    const org::Body* stored = nullptr;
    bool parent_given = false;   // the file has a parent column
    std::string parent;          // its cell: the parent's name, or empty for none
    bool parent_is_new = false;  // the parent is created by this file
  };

  TrustId trust_;
  StringMap<SchoolId> schools_;  // by URN as text
  std::vector<org::Body> stored_;
  StringMap<const org::Body*> by_name_;
  std::unordered_map<BodyId, std::string> name_of_;
  FirstRows<std::string> first_rows_;
  std::vector<Candidate> candidates_;
  Counts counts_;
};

// ----------------------------------------------------------------------------------- people

class PersonImporter final : public Importer {
 public:
  PersonImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    auto people = TRY(AllPeople(store, trust_, today_));
    by_reference_.reserve(people.size());
    for (auto& person : people) by_reference_.emplace(person.reference, std::move(person));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace person_col;
    const std::string_view reference = r.Text(kReference);
    const org::Person* stored = reference.empty() ? nullptr : Find(by_reference_, reference);
    org::Person p = stored ? *stored : org::Person{.trust = trust_};
    p.reference = reference;
    r.Read(kGivenName, p.given_name);
    r.Read(kFamilyName, p.family_name);
    r.Read(kEmail, p.email);
    r.Read(kStage, p.stage);
    r.Read(kJoined, p.joined_trust);
    r.Read(kLeft, p.left_trust);
    r.Report(org::Check(p));
    if (!reference.empty()) first_rows_.Claim(std::string(reference), r, kReference, problems);
    if (r.ok()) plan_.Add(r.row(), std::move(p), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "person");
  }

 private:
  TrustId trust_;
  Date today_;
  StringMap<org::Person> by_reference_;
  FirstRows<std::string> first_rows_;
  Plan<org::Person> plan_;
};

// ------------------------------------------------------------------------------------ posts

class PostImporter final : public Importer {
 public:
  PostImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    for (const auto& school : TRY(AllSchools(store, trust_)))
      schools_.emplace(std::to_string(school.urn), school.id);
    for (const auto& body : TRY(AllBodies(store, trust_))) bodies_.emplace(body.name, body.id);
    auto posts = TRY(AllPosts(store, trust_, today_));
    by_reference_.reserve(posts.size());
    for (auto& post : posts) by_reference_.emplace(post.reference, std::move(post));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace post_col;
    const std::string_view reference = r.Text(kReference);
    const org::Post* stored = reference.empty() ? nullptr : Find(by_reference_, reference);
    org::Post p = stored ? *stored : org::Post{.trust = trust_};
    p.reference = reference;
    r.Read(kTitle, p.title);
    if (r.present(kSchoolUrn)) {
      p.school.reset();
      if (!r.Text(kSchoolUrn).empty())
        p.school = r.Reference(kSchoolUrn, schools_,
                               "no school in the trust has this URN; import schools first");
    }
    if (r.present(kBody)) {
      p.body.reset();
      if (!r.Text(kBody).empty())
        p.body = r.Reference(kBody, bodies_,
                             "no governance body in the trust has this name; import bodies first");
    }
    r.Read(kFamily, p.family, std::nullopt);
    r.Read(kStage, p.stage);
    if (r.present(kCensusRole)) {
      r.Read(kCensusRole, p.workforce_census_role);
      const auto canonical = org::CanonicalWorkforceCensusRole(p.workforce_census_role);
      if (!canonical.empty()) p.workforce_census_role = canonical;
    }
    r.Read(kFte, p.fte, 1.0);
    r.Read(kKey, p.key, false);
    r.Report(org::Check(p));
    if (!reference.empty()) first_rows_.Claim(std::string(reference), r, kReference, problems);
    if (r.ok()) plan_.Add(r.row(), std::move(p), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "post");
  }

 private:
  TrustId trust_;
  Date today_;
  StringMap<SchoolId> schools_;
  StringMap<BodyId> bodies_;
  StringMap<org::Post> by_reference_;
  FirstRows<std::string> first_rows_;
  Plan<org::Post> plan_;
};

// ---------------------------------------------------------------------------------- holdings

constexpr std::string_view kUnknownPerson =
    "no person in the trust has this staff reference; import people first";

StringMap<PersonId> PersonIds(const std::vector<org::Person>& people) {
  StringMap<PersonId> ids;
  ids.reserve(people.size());
  for (const auto& person : people) ids.emplace(person.reference, person.id);
  return ids;
}

class HoldingImporter final : public Importer {
 public:
  HoldingImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    for (const auto& post : TRY(AllPosts(store, trust_, today_)))
      posts_.emplace(post.reference, post.id);
    people_ = PersonIds(TRY(AllPeople(store, trust_, today_)));
    for (auto& h : TRY(AllHoldings(store, trust_)))
      stored_.emplace(KeyOf(h.post, h.person, h.start), std::move(h));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace holding_col;
    const auto post =
        r.Reference(kPost, posts_, "no post in the trust has this reference; import posts first");
    const auto person = r.Reference(kPerson, people_, kUnknownPerson);
    const auto start = r.RequiredDate(kStart);
    const bool keyed = post && person && start;
    const LinkKey key = keyed ? KeyOf(*post, *person, *start) : LinkKey{};
    const org::Holding* stored = keyed ? Find(stored_, key) : nullptr;
    org::Holding h = stored ? *stored : org::Holding{.trust = trust_};
    if (post) h.post = *post;
    if (person) h.person = *person;
    if (start) h.start = *start;
    r.Read(kEnd, h.end);
    r.Read(kContract, h.contract, std::optional(org::ContractType::kPermanent));
    r.Read(kFte, h.fte, 1.0);
    r.Report(org::Check(h));
    if (keyed) first_rows_.Claim(key, r, kStart, problems);
    if (r.ok()) plan_.Add(r.row(), std::move(h), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "holding");
  }

 private:
  static LinkKey KeyOf(PostId post, PersonId person, Date start) {
    return {post.value(), person.value(), DayNumber(start), 0};
  }

  TrustId trust_;
  Date today_;
  StringMap<PostId> posts_;
  StringMap<PersonId> people_;
  std::unordered_map<LinkKey, org::Holding, LinkKeyHash> stored_;
  FirstRows<LinkKey, LinkKeyHash> first_rows_;
  Plan<org::Holding> plan_;
};

// ------------------------------------------------------------------------------- memberships

class MembershipImporter final : public Importer {
 public:
  MembershipImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    for (const auto& body : TRY(AllBodies(store, trust_))) bodies_.emplace(body.name, body.id);
    people_ = PersonIds(TRY(AllPeople(store, trust_, today_)));
    for (auto& m : TRY(AllMemberships(store, trust_)))
      stored_.emplace(KeyOf(m.body, m.person, m.role, m.term_start), std::move(m));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace membership_col;
    const auto body = r.Reference(
        kBody, bodies_, "no governance body in the trust has this name; import bodies first");
    const auto person = r.Reference(kPerson, people_, kUnknownPerson);
    std::optional<org::MembershipRole> role;
    if (r.Text(kRole).empty())
      r.AddProblem(kRole, "is required", {});
    else
      r.Read(kRole, role);
    const auto term_start = r.RequiredDate(kTermStart);
    const bool keyed = body && person && role && term_start;
    const LinkKey key = keyed ? KeyOf(*body, *person, *role, *term_start) : LinkKey{};
    const org::Membership* stored = keyed ? Find(stored_, key) : nullptr;
    org::Membership m = stored ? *stored : org::Membership{.trust = trust_};
    if (body) m.body = *body;
    if (person) m.person = *person;
    if (role) m.role = *role;
    if (term_start) m.term_start = *term_start;
    r.Read(kTermEnd, m.term_end);
    r.Report(org::Check(m));
    if (keyed) first_rows_.Claim(key, r, kTermStart, problems);
    if (r.ok()) plan_.Add(r.row(), std::move(m), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "membership");
  }

 private:
  static LinkKey KeyOf(BodyId body, PersonId person, org::MembershipRole role, Date start) {
    return {body.value(), person.value(), static_cast<int64_t>(role), DayNumber(start)};
  }

  TrustId trust_;
  Date today_;
  StringMap<BodyId> bodies_;
  StringMap<PersonId> people_;
  std::unordered_map<LinkKey, org::Membership, LinkKeyHash> stored_;
  FirstRows<LinkKey, LinkKeyHash> first_rows_;
  Plan<org::Membership> plan_;
};

// -------------------------------------------------------------------------------- line links

class LineLinkImporter final : public Importer {
 public:
  LineLinkImporter(TrustId trust, Date today) : trust_(trust), today_(today) {}

  Result<void> Load(store::Store& store) override {
    people_ = PersonIds(TRY(AllPeople(store, trust_, today_)));
    for (auto& l : TRY(AllLineLinks(store, trust_)))
      stored_.emplace(KeyOf(l.manager, l.report, l.start), std::move(l));
    return Ok();
  }

  void Row(RowReader& r, ProblemList& problems) override {
    using namespace line_link_col;
    const auto manager = r.Reference(kManager, people_, kUnknownPerson);
    const auto report = r.Reference(kReport, people_, kUnknownPerson);
    const auto start = r.RequiredDate(kStart);
    const bool keyed = manager && report && start;
    const LinkKey key = keyed ? KeyOf(*manager, *report, *start) : LinkKey{};
    const org::LineLink* stored = keyed ? Find(stored_, key) : nullptr;
    org::LineLink l = stored ? *stored : org::LineLink{.trust = trust_};
    if (manager) l.manager = *manager;
    if (report) l.report = *report;
    if (start) l.start = *start;
    r.Read(kEnd, l.end);
    r.Report(org::Check(l));
    if (keyed) first_rows_.Claim(key, r, kStart, problems);
    if (r.ok()) plan_.Add(r.row(), std::move(l), stored);
  }

  Counts counts() const override { return CountsOf(plan_); }
  Result<void> Apply(store::Store& tx, const Audit& audit) override {
    return plan_.Apply(tx, audit, "line_link");
  }

 private:
  static LinkKey KeyOf(PersonId manager, PersonId report, Date start) {
    return {manager.value(), report.value(), DayNumber(start), 0};
  }

  TrustId trust_;
  Date today_;
  StringMap<PersonId> people_;
  std::unordered_map<LinkKey, org::LineLink, LinkKeyHash> stored_;
  FirstRows<LinkKey, LinkKeyHash> first_rows_;
  Plan<org::LineLink> plan_;
};

// ------------------------------------------------------------------------------------ driver

// A file that is not UTF-8: one problem per cell that is not, showing the cell as Windows-1252
// (what it most likely is) so the user can find it.
void ReportEncoding(std::string_view text, ProblemList& problems) {
  csv::Reader reader(text);
  std::vector<std::string> header;
  bool found = false;
  while (reader.Next()) {
    const auto fields = reader.fields();
    if (reader.record_number() == kHeaderRow) header.assign(fields.begin(), fields.end());
    for (size_t i = 0; i < fields.size(); ++i) {
      if (!FirstInvalidUtf8(fields[i])) continue;
      found = true;
      const std::string column = i < header.size() && !Trim(header[i]).empty()
                                     ? Excerpt(Trim(header[i]))
                                     : ColumnNumber(i);
      problems.Add(reader.record_number(), column,
                   "is not UTF-8 text (the file was probably saved as plain \"CSV\"); " +
                       std::string(kSaveAsUtf8),
                   fields[i]);
    }
  }
  if (!found) {
    const auto at = PositionOf(text, FirstInvalidUtf8(text).value_or(0));
    problems.Add(std::nullopt, {},
                 "the file is not UTF-8 text (line " + std::to_string(at.line) + ", byte " +
                     std::to_string(at.column) + "); " + std::string(kSaveAsUtf8));
  }
}

std::unique_ptr<Importer> MakeImporter(Kind kind, const ImportOptions& options,
                                       std::optional<std::string> gias_trust) {
  switch (kind) {
    case Kind::kSchools:
      return std::make_unique<SchoolImporter>(options.trust, false, std::nullopt);
    case Kind::kGias:
      return std::make_unique<SchoolImporter>(options.trust, true, gias_trust);
    case Kind::kBodies:
      return std::make_unique<BodyImporter>(options.trust);
    case Kind::kPeople:
      return std::make_unique<PersonImporter>(options.trust, options.today);
    case Kind::kPosts:
      return std::make_unique<PostImporter>(options.trust, options.today);
    case Kind::kHoldings:
      return std::make_unique<HoldingImporter>(options.trust, options.today);
    case Kind::kMemberships:
      return std::make_unique<MembershipImporter>(options.trust, options.today);
    case Kind::kLineLinks:
      return std::make_unique<LineLinkImporter>(options.trust, options.today);
  }
  return nullptr;
}

bool IsBlankText(std::string_view text) { return Trim(text).empty(); }

// Reads every data row after the header into `importer` (whose Load has run), then its
// whole-file checks; returns the number of data rows. Each problem goes to `problems`.
int64_t CheckRows(csv::Reader& reader, const Sheet& sheet, Importer& importer,
                  ProblemList& problems) {
  int64_t rows = 0;
  while (reader.Next()) {
    const auto fields = reader.fields();
    const int64_t row = reader.record_number();
    if (reader.issues().empty() && reader.blank()) continue;
    ++rows;
    if (!reader.issues().empty()) {
      for (const auto& issue : reader.issues())
        problems.Add(row, sheet.HeaderAt(issue.field), issue.reason,
                     issue.field < fields.size() ? std::string_view(fields[issue.field]) : "");
      continue;
    }
    if (fields.size() != sheet.width()) {
      // Cells past the header's last column are tolerated when empty (some spreadsheets
      // write trailing commas); anything else means the columns are out of line.
      size_t last = fields.size();
      while (last > sheet.width() && Trim(fields[last - 1]).empty()) --last;
      if (last != sheet.width()) {
        const size_t first_odd = std::min(last, sheet.width());
        problems.Add(row, sheet.HeaderAt(first_odd),
                     "the row has " + std::to_string(last) + " cells but the header row has " +
                         std::to_string(sheet.width()) +
                         "; check for a missing or extra comma, or a stray quote");
        continue;
      }
    }
    RowReader row_reader(sheet, problems, row, fields);
    importer.Row(row_reader, problems);
  }
  if (rows == 0) problems.Add(std::nullopt, {}, "the file has a header row but no data rows");
  if (problems.empty()) importer.Finish(sheet, problems);
  return rows;
}

}  // namespace

Result<ImportReport> Import(store::Store& store, Kind kind, std::string_view file,
                            const ImportOptions& options) {
  const org::Trust trust = TRY(store.GetTrust(options.trust));
  ProblemList problems;
  auto refuse = [&]() { return Fail(problems.TakeError(kind)); };

  if (LooksLikeUtf16(file)) {
    problems.Add(std::nullopt, {},
                 "the file is UTF-16 text (Excel's \"Unicode Text\"); " + std::string(kSaveAsUtf8));
    return refuse();
  }
  std::string decoded;
  std::string_view text = StripBom(file);
  if (kind == Kind::kGias) {
    decoded = Utf8OrWindows1252(file);
    text = decoded;
  } else if (FirstInvalidUtf8(text)) {
    ReportEncoding(text, problems);
    return refuse();
  }
  if (IsBlankText(text)) {
    problems.Add(std::nullopt, {}, "the file is empty");
    return refuse();
  }

  std::optional<std::string> gias_trust;
  if (kind == Kind::kGias) {
    gias_trust = GiasTrustFilter(text, trust, problems);
    if (!problems.empty()) return refuse();
  }
  const auto importer = MakeImporter(kind, options, gias_trust);

  csv::Reader reader(text);
  (void)reader.Next();  // not blank, so there is a first record
  for (const auto& issue : reader.issues())
    problems.Add(kHeaderRow, ColumnNumber(issue.field), issue.reason);
  if (reader.blank())
    problems.Add(kHeaderRow, {}, "the first row is empty; it must hold the column headers");
  const std::vector<std::string> header(reader.fields().begin(), reader.fields().end());
  const Sheet sheet(kind, header, problems);
  if (!problems.empty()) return refuse();

  // Everything that reads the store, from the listing of stored records to the last write,
  // happens in one transaction, so no other writer (the server and the command line at once)
  // can change a record between the check that decided "create" or "update" and the write.
  // A dry run writes nothing, so it checks against the store as it is, without taking the
  // write lock.
  ImportReport report{.kind = kind, .dry_run = options.dry_run};
  const Audit audit(options);
  auto check_and_apply = [&](store::Store& tx) -> Result<void> {
    TRY(importer->Load(tx));
    report.rows = CheckRows(reader, sheet, *importer, problems);
    if (!problems.empty()) return refuse();
    const Counts counts = importer->counts();
    report.created = counts.created;
    report.updated = counts.updated;
    report.unchanged = counts.unchanged;
    if (options.dry_run || counts.created + counts.updated == 0) return Ok();
    return importer->Apply(tx, audit);
  };
  if (options.dry_run)
    TRY(check_and_apply(store));
  else
    TRY(store.Transact(check_and_apply));
  return report;
}

}  // namespace trellis::exchange
