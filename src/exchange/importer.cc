#include "exchange/importer.h"

#include <algorithm>
#include <climits>
#include <nlohmann/json.hpp>

namespace trellis::exchange {
namespace {

constexpr std::string_view kDateReason = "must be a date as YYYY-MM-DD or DD/MM/YYYY";

std::string FileName(Kind kind) {
  return kind == Kind::kGias ? "GIAS" : std::string(KindCode(kind));
}

}  // namespace

std::string ColumnNumber(size_t index) { return "column " + std::to_string(index + 1); }

Error ProblemList::TakeError(Kind kind) {
  std::string message = std::to_string(total_) + (total_ == 1 ? " problem" : " problems") +
                        " in the " + FileName(kind) + " file; nothing was written";
  if (total_ > list_.size())
    message += " (the first " + std::to_string(list_.size()) + " are listed)";
  return MakeError(ErrorCode::kValidationFailed, std::move(message), std::move(list_));
}

// ------------------------------------------------------------------------------------ Sheet

Sheet::Sheet(Kind kind, std::span<const std::string> header, ProblemList& problems)
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

std::string Sheet::HeaderOf(size_t column) const {
  if (column == kNoColumn) return {};
  if (has(column)) return headers_[index_[column]];
  return std::string(columns_[column].name);
}

std::string Sheet::HeaderAt(size_t index) const {
  if (index < headers_.size() && !headers_[index].empty()) return headers_[index];
  return ColumnNumber(index);
}

size_t Sheet::ColumnOfField(std::string_view field) const {
  for (size_t c = 0; c < columns_.size(); ++c)
    if (!columns_[c].field.empty() && columns_[c].field == field) return c;
  return kNoColumn;
}

// -------------------------------------------------------------------------------- RowReader

void RowReader::AddProblem(size_t column, std::string reason, std::string_view value) {
  failed_ = true;
  if (column < 64) reported_ |= uint64_t{1} << column;
  problems_.Add(row_, sheet_.HeaderOf(column), std::move(reason), value);
}

std::vector<std::string> RowReader::Cells() const {
  std::vector<std::string> cells;
  cells.reserve(sheet_.columns());
  for (size_t c = 0; c < sheet_.columns(); ++c) cells.emplace_back(Text(c));
  return cells;
}

void RowReader::Read(size_t column, std::optional<int64_t>& out) {
  if (!present(column)) return;
  const auto text = Text(column);
  if (text.empty())
    out.reset();
  else if (auto value = ParseWholeNumber(text))
    out = *value;
  else
    AddProblem(column, "must be a whole number", text);
}

std::optional<int64_t> RowReader::RequiredWholeNumber(size_t column) {
  const auto text = Text(column);
  if (text.empty()) {
    AddProblem(column, "is required", text);
    return std::nullopt;
  }
  auto value = ParseWholeNumber(text);
  if (!value) AddProblem(column, "must be a whole number", text);
  return value;
}

std::optional<int> RowReader::RequiredSmallNumber(size_t column) {
  const auto value = RequiredWholeNumber(column);
  if (!value) return std::nullopt;
  return static_cast<int>(std::clamp<int64_t>(*value, INT_MIN, INT_MAX));
}

void RowReader::Read(size_t column, std::optional<Date>& out) {
  if (!present(column)) return;
  const auto text = Text(column);
  if (text.empty())
    out.reset();
  else if (auto date = Date::Parse(text))
    out = *date;
  else
    AddProblem(column, std::string(kDateReason), text);
}

std::optional<Date> RowReader::RequiredDate(size_t column) {
  const auto text = Text(column);
  if (text.empty()) {
    AddProblem(column, "is required", text);
    return std::nullopt;
  }
  auto date = Date::Parse(text);
  if (!date) AddProblem(column, std::string(kDateReason), text);
  return date;
}

void RowReader::Read(size_t column, double& out, double blank) {
  if (!present(column)) return;
  const auto text = Text(column);
  if (text.empty())
    out = blank;
  else if (auto value = ParseNumber(text))
    out = *value;
  else
    AddProblem(column, "must be a number, such as 0.6", text);
}

void RowReader::Read(size_t column, bool& out, bool blank) {
  if (!present(column)) return;
  const auto text = Text(column);
  if (text.empty())
    out = blank;
  else if (auto value = ParseYesNo(text))
    out = *value;
  else
    AddProblem(column, "must be yes or no", text);
}

void RowReader::Report(const std::vector<Problem>& checks) {
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

// ------------------------------------------------------------------------------ the rest

Result<void> Audit::Append(store::Store& tx, std::string_view entity, int64_t id,
                           std::string before, std::string after) const {
  return tx.Append(Entry(entity, id, std::move(before), std::move(after)));
}

access::AuditEntry Audit::Entry(std::string_view entity, int64_t id, std::string before,
                                std::string after) const {
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
  return entry;
}

Result<void> Audit::AppendCreated(store::Store& tx, std::string_view entity,
                                  std::vector<int64_t> ids) const {
  const size_t count = ids.size();
  const std::vector<access::IdRun> runs = access::RunsOf(std::move(ids));
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& run : runs) listed.push_back({run.first, run.last});
  access::AuditEntry entry =
      Entry(entity, 0, {}, nlohmann::json{{"created", count}, {"ids", listed}}.dump());
  entry.entity_id.clear();  // many records: found by the runs
  return tx.AppendCovering(entry, runs);
}

namespace {
constexpr uint64_t kTagBits = ~uint64_t{0xffffffff};
uint64_t KeyHash(std::string_view key) { return std::hash<std::string_view>{}(key); }
}  // namespace

std::string_view FirstRows<std::string>::KeyOf(const Entry& entry) const {
  return std::string_view(keys_).substr(entry.offset, entry.size);
}

void FirstRows<std::string>::Reserve(size_t keys) {
  entries_.reserve(keys);
  size_t slots = 16;
  while (slots < keys * 2) slots *= 2;  // at most half full
  if (slots <= slots_.size()) return;
  slots_.assign(slots, 0);
  for (size_t i = 0; i < entries_.size(); ++i) {
    const uint64_t hash = KeyHash(KeyOf(entries_[i]));
    slots_[Find(KeyOf(entries_[i]), hash)] = (hash & kTagBits) | (i + 1);
  }
}

size_t FirstRows<std::string>::Find(std::string_view key, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t at = hash & mask;; at = (at + 1) & mask) {
    const uint64_t slot = slots_[at];
    if (slot == 0) return at;
    if ((slot & kTagBits) == (hash & kTagBits) && KeyOf(entries_[(slot & ~kTagBits) - 1]) == key)
      return at;
  }
}

void FirstRows<std::string>::Claim(std::string_view key, RowReader& row, size_t column,
                                   ProblemList& problems) {
  if ((entries_.size() + 1) * 2 > slots_.size()) Reserve(std::max<size_t>(8, entries_.size() * 2));
  const uint64_t hash = KeyHash(key);
  const size_t at = Find(key, hash);
  if (slots_[at] == 0) {
    entries_.push_back({keys_.size(), static_cast<uint32_t>(key.size()), row.row()});
    keys_.append(key);
    slots_[at] = (hash & kTagBits) | entries_.size();
    return;
  }
  const int64_t first = entries_[(slots_[at] & ~kTagBits) - 1].row;
  const std::string value(row.Text(column));
  row.AddProblem(column, "is also in row " + std::to_string(first) + "; each may appear once",
                 value);
  problems.Add(first, row.sheet().HeaderOf(column),
               "is also in row " + std::to_string(row.row()) + "; each may appear once", value);
}

StringMap<PersonId> PersonIds(const std::vector<org::Person>& people) {
  StringMap<PersonId> ids;
  ids.reserve(people.size());
  for (const auto& person : people) ids.emplace(person.reference, person.id);
  return ids;
}

void ReportGroup(const Sheet& sheet, const std::vector<Problem>& checks, std::string_view list,
                 const std::vector<const RowCells*>& rows, ProblemList& problems) {
  const std::string prefix = std::string(list) + "[";
  for (const auto& p : checks) {
    const RowCells* at = rows.front();
    std::string field = p.field;
    const size_t close = field.find("].");
    if (field.starts_with(prefix) && close != std::string::npos) {
      const auto index =
          ParseWholeNumber(std::string_view(field).substr(prefix.size(), close - prefix.size()));
      if (index && *index >= 0 && static_cast<size_t>(*index) < rows.size())
        at = rows[static_cast<size_t>(*index)];
      field = field.substr(close + 2);
    }
    const size_t column = sheet.ColumnOfField(field);
    if (column == kNoColumn) {
      problems.Add(at->row, field, p.reason, p.value);
      continue;
    }
    const std::string& typed = at->cells.at(column);
    problems.Add(at->row, sheet.HeaderOf(column), p.reason,
                 typed.empty() ? p.value : org::ShowControlCharacters(typed));
  }
}

}  // namespace trellis::exchange
