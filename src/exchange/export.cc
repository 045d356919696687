// Export: a trust's records of one kind, in the columns the import takes.

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include "exchange/cells.h"
#include "exchange/columns.h"
#include "exchange/csv.h"
#include "exchange/encoding.h"
#include "exchange/exchange.h"
#include "exchange/records.h"

namespace trellis::exchange {
namespace {

// Receives the cells of each data row, in the order of ColumnsOf(kind).
using RowSink = std::function<void(std::span<const std::string>)>;

template <typename Tag>
std::string Lookup(const std::unordered_map<Id<Tag>, std::string>& names,
                   const std::optional<Id<Tag>>& id) {
  if (!id) return {};
  const auto it = names.find(*id);
  return it == names.end() ? std::string() : it->second;
}

template <typename Tag>
std::string Lookup(const std::unordered_map<Id<Tag>, std::string>& names, Id<Tag> id) {
  return Lookup(names, std::optional(id));
}

template <typename E>
std::string CodeOrBlank(const std::optional<E>& value) {
  return value ? std::string(Code(*value)) : std::string();
}

std::string NumberOrBlank(const std::optional<int64_t>& value) {
  return value ? std::to_string(*value) : std::string();
}

struct Names {
  std::unordered_map<SchoolId, std::string> school_urns;
  std::unordered_map<BodyId, std::string> bodies;
  std::unordered_map<PersonId, std::string> people;
  std::unordered_map<PostId, std::string> posts;
};

Result<void> EmitSchools(store::Store& store, TrustId trust, const RowSink& sink) {
  auto schools = TRY(AllSchools(store, trust));
  std::sort(schools.begin(), schools.end(),
            [](const auto& a, const auto& b) { return a.urn < b.urn; });
  for (const auto& s : schools)
    sink(std::vector<std::string>{std::to_string(s.urn), s.name, s.phase, s.type, s.status,
                                  s.local_authority, s.region, NumberOrBlank(s.pupils), s.postcode,
                                  NumberOrBlank(s.easting), NumberOrBlank(s.northing)});
  return Ok();
}

Result<void> EmitBodies(store::Store& store, TrustId trust, const RowSink& sink) {
  Names names;
  for (const auto& s : TRY(AllSchools(store, trust)))
    names.school_urns.emplace(s.id, std::to_string(s.urn));
  auto bodies = TRY(AllBodies(store, trust));
  for (const auto& b : bodies) names.bodies.emplace(b.id, b.name);
  // The Board, then its committees, then local governing bodies: parents before children.
  std::sort(bodies.begin(), bodies.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
  });
  for (const auto& b : bodies)
    sink(std::vector<std::string>{b.name, std::string(Code(b.kind)),
                                  Lookup(names.school_urns, b.school),
                                  Lookup(names.bodies, b.parent)});
  return Ok();
}

Result<void> EmitPeople(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  auto people = TRY(AllPeople(store, trust, today));
  std::sort(people.begin(), people.end(),
            [](const auto& a, const auto& b) { return a.reference < b.reference; });
  for (const auto& p : people)
    sink(std::vector<std::string>{p.reference, p.given_name, p.family_name, p.email,
                                  CodeOrBlank(p.stage), FormatDate(p.joined_trust),
                                  FormatDate(p.left_trust)});
  return Ok();
}

Result<void> EmitPosts(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  Names names;
  for (const auto& s : TRY(AllSchools(store, trust)))
    names.school_urns.emplace(s.id, std::to_string(s.urn));
  for (const auto& b : TRY(AllBodies(store, trust))) names.bodies.emplace(b.id, b.name);
  auto posts = TRY(AllPosts(store, trust, today));
  std::sort(posts.begin(), posts.end(),
            [](const auto& a, const auto& b) { return a.reference < b.reference; });
  for (const auto& p : posts)
    sink(std::vector<std::string>{p.reference, p.title, Lookup(names.school_urns, p.school),
                                  Lookup(names.bodies, p.body), std::string(Code(p.family)),
                                  CodeOrBlank(p.stage), p.workforce_census_role,
                                  FormatNumber(p.fte), FormatYesNo(p.key)});
  return Ok();
}

Result<std::unordered_map<PersonId, std::string>> PersonReferences(store::Store& store,
                                                                   TrustId trust, Date today) {
  std::unordered_map<PersonId, std::string> references;
  for (auto& p : TRY(AllPeople(store, trust, today)))
    references.emplace(p.id, std::move(p.reference));
  return references;
}

// Link rows sort by their cells as text: by post, body or manager first.
void SortRows(std::vector<std::vector<std::string>>& rows) { std::sort(rows.begin(), rows.end()); }

Result<void> EmitHoldings(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  Names names;
  for (const auto& p : TRY(AllPosts(store, trust, today))) names.posts.emplace(p.id, p.reference);
  names.people = TRY(PersonReferences(store, trust, today));
  std::vector<std::vector<std::string>> rows;
  for (const auto& h : TRY(AllHoldings(store, trust)))
    rows.push_back({Lookup(names.posts, h.post), Lookup(names.people, h.person), h.start.ToIso(),
                    FormatDate(h.end), std::string(Code(h.contract)), FormatNumber(h.fte)});
  SortRows(rows);
  for (const auto& row : rows) sink(row);
  return Ok();
}

Result<void> EmitMemberships(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  Names names;
  for (const auto& b : TRY(AllBodies(store, trust))) names.bodies.emplace(b.id, b.name);
  names.people = TRY(PersonReferences(store, trust, today));
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : TRY(AllMemberships(store, trust)))
    rows.push_back({Lookup(names.bodies, m.body), Lookup(names.people, m.person),
                    std::string(Code(m.role)), m.term_start.ToIso(), FormatDate(m.term_end)});
  SortRows(rows);
  for (const auto& row : rows) sink(row);
  return Ok();
}

Result<void> EmitLineLinks(store::Store& store, TrustId trust, Date today, const RowSink& sink) {
  const auto people = TRY(PersonReferences(store, trust, today));
  std::vector<std::vector<std::string>> rows;
  for (const auto& l : TRY(AllLineLinks(store, trust)))
    rows.push_back(
        {Lookup(people, l.manager), Lookup(people, l.report), l.start.ToIso(), FormatDate(l.end)});
  SortRows(rows);
  for (const auto& row : rows) sink(row);
  return Ok();
}

Result<void> EmitRows(store::Store& store, Kind kind, TrustId trust, Date today,
                      const RowSink& sink) {
  switch (kind) {
    case Kind::kSchools:
      return EmitSchools(store, trust, sink);
    case Kind::kBodies:
      return EmitBodies(store, trust, sink);
    case Kind::kPeople:
      return EmitPeople(store, trust, today, sink);
    case Kind::kPosts:
      return EmitPosts(store, trust, today, sink);
    case Kind::kHoldings:
      return EmitHoldings(store, trust, today, sink);
    case Kind::kMemberships:
      return EmitMemberships(store, trust, today, sink);
    case Kind::kLineLinks:
      return EmitLineLinks(store, trust, today, sink);
    case Kind::kGias:
      break;
  }
  return Fail(ErrorCode::kInvalidInput, "GIAS files can be imported but not exported");
}

std::vector<std::string> HeaderOf(Kind kind) {
  std::vector<std::string> header;
  for (const auto& column : ColumnsOf(kind)) header.emplace_back(column.name);
  return header;
}

// Text cells go behind GuardFormula, so no cell of the file runs as a spreadsheet formula.
// Numeric columns are left alone (they hold only numbers we formatted); dates, codes and
// yes/no never start with a formula character, so guarding every other column guards all
// the text a user typed, references to other records included.
Result<std::string> ExportCsv(store::Store& store, Kind kind, TrustId trust, Date today) {
  const auto columns = ColumnsOf(kind);
  std::string out(kUtf8Bom);
  csv::AppendRecord(out, HeaderOf(kind));
  std::vector<std::string> guarded;
  TRY(EmitRows(store, kind, trust, today, [&](std::span<const std::string> cells) {
    guarded.assign(cells.begin(), cells.end());
    for (size_t c = 0; c < guarded.size() && c < columns.size(); ++c)
      if (!columns[c].numeric) guarded[c] = GuardFormula(guarded[c]);
    csv::AppendRecord(out, guarded);
  }));
  return out;
}

// A temporary file that is removed however the export ends.
class TempFile {
 public:
  static Result<TempFile> Create() {
    std::error_code ec;
    auto dir = std::filesystem::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    std::string path = (dir / "trellis-export-XXXXXX").string();
    const int fd = mkstemp(path.data());
    if (fd < 0) return Fail(ErrorCode::kInternal, "cannot create a temporary file for the export");
    close(fd);
    return TempFile(std::move(path));
  }
  TempFile(TempFile&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempFile& operator=(TempFile&&) = delete;
  ~TempFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// Excel's limit, header included.
constexpr int64_t kMaxXlsxRows = 1'048'576;

Result<std::string> ExportXlsx(store::Store& store, Kind kind, TrustId trust, Date today) {
  const auto file = TRY(TempFile::Create());
  lxw_workbook_options options{
      .constant_memory = LXW_TRUE, .tmpdir = nullptr, .use_zip64 = LXW_TRUE};
  lxw_workbook* workbook = workbook_new_opt(file.path().c_str(), &options);
  if (!workbook) return Fail(ErrorCode::kInternal, "cannot start the XLSX workbook");
  const std::string sheet_name(KindCode(kind));
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);

  const auto columns = ColumnsOf(kind);
  lxw_error failure = LXW_NO_ERROR;
  lxw_row_t row = 0;
  auto write_row = [&](std::span<const std::string> cells, lxw_format* format) {
    if (failure != LXW_NO_ERROR) return;
    if (row >= kMaxXlsxRows) {
      failure = LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
      return;
    }
    for (size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].empty()) continue;
      const auto col = static_cast<lxw_col_t>(c);
      const auto number =
          format == nullptr && columns[c].numeric ? ParseNumber(cells[c]) : std::nullopt;
      const lxw_error e = number
                              ? worksheet_write_number(sheet, row, col, *number, format)
                              : worksheet_write_string(sheet, row, col, cells[c].c_str(), format);
      if (e != LXW_NO_ERROR && failure == LXW_NO_ERROR) failure = e;
    }
    ++row;
  };
  write_row(HeaderOf(kind), bold);
  (void)worksheet_freeze_panes(sheet, 1, 0);
  const auto emitted = EmitRows(store, kind, trust, today, [&](std::span<const std::string> cells) {
    write_row(cells, nullptr);
  });
  const lxw_error closed = workbook_close(workbook);
  if (!emitted) return Fail(emitted.error());
  if (failure == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
    return Fail(ErrorCode::kTooLarge, "too many rows for a spreadsheet (Excel's limit is " +
                                          std::to_string(kMaxXlsxRows - 1) + "); export as CSV");
  if (failure != LXW_NO_ERROR || closed != LXW_NO_ERROR)
    return Fail(ErrorCode::kInternal, std::string("writing the XLSX file failed: ") +
                                          lxw_strerror(failure != LXW_NO_ERROR ? failure : closed));

  std::ifstream in(file.path(), std::ios::binary);
  if (!in.is_open()) return Fail(ErrorCode::kInternal, "cannot read back the XLSX file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

}  // namespace

Result<std::string> Export(store::Store& store, Kind kind, TrustId trust, Format format,
                           Date today) {
  if (!CanExport(kind))
    return Fail(ErrorCode::kInvalidInput, "GIAS files can be imported but not exported");
  TRY(store.GetTrust(trust));
  switch (format) {
    case Format::kCsv:
      return ExportCsv(store, kind, trust, today);
    case Format::kXlsx:
      return ExportXlsx(store, kind, trust, today);
  }
  return Fail(ErrorCode::kInvalidInput, "unknown export format");
}

}  // namespace trellis::exchange
