#include "exchange/sheets.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>

#include "core/files.h"
#include "exchange/cells.h"
#include "exchange/csv.h"
#include "exchange/encoding.h"

namespace trellis::exchange {
namespace {

// Excel's limit, header included.
constexpr uint32_t kMaxXlsxRows = 1'048'576;
// Our own failure beside libxlsxwriter's codes: a sheet went past kMaxXlsxRows.
constexpr int kTooManyRows = -1;

std::vector<std::string> HeaderOf(std::span<const SheetColumn> columns) {
  std::vector<std::string> header;
  for (const auto& column : columns) header.push_back(column.name);
  return header;
}

std::vector<bool> NumericOf(std::span<const SheetColumn> columns) {
  std::vector<bool> numeric;
  for (const auto& column : columns) numeric.push_back(column.numeric);
  return numeric;
}

}  // namespace

// ---- CSV ----

CsvWriter::CsvWriter() : out_(kUtf8Bom) {}

void CsvWriter::Begin(std::span<const SheetColumn> columns, std::optional<std::string_view> title) {
  numeric_ = NumericOf(columns);
  if (title) {
    const std::string cell = GuardFormula(*title);
    csv::AppendRecord(out_, std::span<const std::string>(&cell, 1));
  }
  Row(HeaderOf(columns));
}

// Numeric columns hold only numbers we formatted; every other cell is text a user may have
// typed (names, titles, references), so it goes behind GuardFormula.
void CsvWriter::Row(std::span<const std::string> cells) {
  guarded_.assign(cells.begin(), cells.end());
  for (size_t c = 0; c < guarded_.size(); ++c)
    if (c >= numeric_.size() || !numeric_[c]) guarded_[c] = GuardFormula(guarded_[c]);
  csv::AppendRecord(out_, guarded_);
}

void CsvWriter::Blank() { out_ += "\r\n"; }

// ---- XLSX ----

Result<XlsxWriter> XlsxWriter::Open() {
  std::error_code ec;
  auto dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string path = (dir / "trellis-export-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return Fail(ErrorCode::kInternal, "cannot create a temporary file for the export");
  close(fd);
  lxw_workbook_options options{
      .constant_memory = LXW_TRUE, .tmpdir = nullptr, .use_zip64 = LXW_TRUE};
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (!workbook) {
    unlink(path.c_str());
    return Fail(ErrorCode::kInternal, "cannot start the XLSX workbook");
  }
  return XlsxWriter(std::move(path), workbook);
}

XlsxWriter::XlsxWriter(std::string path, lxw_workbook* workbook)
    : path_(std::move(path)), workbook_(workbook) {
  bold_ = workbook_add_format(workbook_);
  format_set_bold(bold_);
}

XlsxWriter::XlsxWriter(XlsxWriter&& other) noexcept
    : path_(std::move(other.path_)),
      workbook_(other.workbook_),
      sheet_(other.sheet_),
      bold_(other.bold_),
      numeric_(std::move(other.numeric_)),
      row_(other.row_),
      failure_(other.failure_) {
  other.path_.clear();
  other.workbook_ = nullptr;
}

XlsxWriter::~XlsxWriter() {
  if (workbook_) (void)workbook_close(workbook_);
  if (!path_.empty()) unlink(path_.c_str());
}

void XlsxWriter::Begin(std::string_view name, std::span<const SheetColumn> columns) {
  const std::string sheet_name(name);
  const lxw_error refused = workbook_validate_sheet_name(workbook_, sheet_name.c_str());
  sheet_ =
      refused == LXW_NO_ERROR ? workbook_add_worksheet(workbook_, sheet_name.c_str()) : nullptr;
  if (!sheet_) {
    if (failure_ == 0)
      failure_ = refused != LXW_NO_ERROR ? refused : LXW_ERROR_MEMORY_MALLOC_FAILED;
    return;
  }
  numeric_ = NumericOf(columns);
  row_ = 0;
  Write(HeaderOf(columns), bold_);
  (void)worksheet_freeze_panes(sheet_, 1, 0);
}

void XlsxWriter::Row(std::span<const std::string> cells) { Write(cells, nullptr); }

void XlsxWriter::Write(std::span<const std::string> cells, lxw_format* format) {
  if (failure_ != 0 || !sheet_) return;
  if (row_ >= kMaxXlsxRows) {
    failure_ = kTooManyRows;
    return;
  }
  for (size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].empty()) continue;
    const auto col = static_cast<lxw_col_t>(c);
    const bool numeric = format == nullptr && c < numeric_.size() && numeric_[c];
    const auto number = numeric ? ParseNumber(cells[c]) : std::nullopt;
    const lxw_error e = number
                            ? worksheet_write_number(sheet_, row_, col, *number, format)
                            : worksheet_write_string(sheet_, row_, col, cells[c].c_str(), format);
    if (e != LXW_NO_ERROR && failure_ == 0) failure_ = e;
  }
  ++row_;
}

Result<std::string> XlsxWriter::Finish() && {
  const lxw_error closed = workbook_close(workbook_);
  workbook_ = nullptr;
  if (failure_ == kTooManyRows)
    return Fail(ErrorCode::kTooLarge, "too many rows for a spreadsheet (Excel's limit is " +
                                          std::to_string(kMaxXlsxRows - 1) + "); export as CSV");
  if (failure_ != 0 || closed != LXW_NO_ERROR)
    return Fail(ErrorCode::kInternal,
                std::string("writing the XLSX file failed: ") +
                    lxw_strerror(failure_ != 0 ? static_cast<lxw_error>(failure_) : closed));
  auto bytes = ReadWholeFile(path_);
  if (!bytes) return Fail(ErrorCode::kInternal, "cannot read back the XLSX file");
  return std::move(*bytes);
}

// ---- Whole tables ----

std::string TablesToCsv(std::span<const Table> tables) {
  CsvWriter writer;
  for (size_t t = 0; t < tables.size(); ++t) {
    if (t > 0) writer.Blank();
    const Table& table = tables[t];
    writer.Begin(table.columns,
                 tables.size() > 1 ? std::optional<std::string_view>(table.name) : std::nullopt);
    for (const auto& row : table.rows) writer.Row(row);
  }
  return std::move(writer).Finish();
}

Result<std::string> TablesToXlsx(std::span<const Table> tables) {
  auto writer = TRY(XlsxWriter::Open());
  for (const Table& table : tables) {
    writer.Begin(table.name, table.columns);
    for (const auto& row : table.rows) writer.Row(row);
  }
  return std::move(writer).Finish();
}

}  // namespace trellis::exchange
