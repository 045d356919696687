#pragma once
// Writing tables into the files people keep in spreadsheets: the one CSV writer and the one
// XLSX writer behind every export (exchange.h) and every report download (http/). Rows go
// straight to the file as they come, so a large export never holds its rows twice.
//
// CSV: UTF-8 with a byte order mark (so Excel reads it as UTF-8), CRLF line endings, RFC 4180
// quoting, and text that a spreadsheet would run as a formula written behind a single quote
// (GuardFormula in exchange/cells.h). XLSX: one sheet per table, its header row bold and
// frozen, text in string cells (never formulas) and the numeric columns' cells as numbers.
//
// Neither writer is thread safe; each is used by one request at a time.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

typedef struct lxw_workbook lxw_workbook;
typedef struct lxw_worksheet lxw_worksheet;
typedef struct lxw_format lxw_format;

namespace trellis::exchange {

struct SheetColumn {
  std::string name;
  // Cells hold numbers trellis formatted: written as numbers in XLSX, never guarded in CSV
  // (a negative number is not a formula).
  bool numeric = false;
};

// A whole table, for reports small enough to assemble first.
struct Table {
  std::string name;  // the XLSX sheet's name (at most 31 characters); a title row in CSV
  std::vector<SheetColumn> columns;
  std::vector<std::vector<std::string>> rows;  // each at most columns.size() cells
};

class CsvWriter {
 public:
  CsvWriter();  // the byte order mark

  // Starts a table: a title row first when `title` is given (a file of several tables),
  // then the header. Rows that follow are guarded by these columns.
  void Begin(std::span<const SheetColumn> columns, std::optional<std::string_view> title = {});
  void Row(std::span<const std::string> cells);
  // An empty line, between tables.
  void Blank();
  std::string Finish() && { return std::move(out_); }

 private:
  std::string out_;
  std::vector<bool> numeric_;
  std::vector<std::string> guarded_;
};

class XlsxWriter {
 public:
  // A workbook in a temporary file, removed however the writer ends. kInternal when the file
  // or the workbook cannot be created.
  [[nodiscard]] static Result<XlsxWriter> Open();
  XlsxWriter(XlsxWriter&& other) noexcept;
  XlsxWriter& operator=(XlsxWriter&&) = delete;
  ~XlsxWriter();

  // Starts a sheet named `name` (a name Excel refuses, or one used already, makes Finish fail)
  // with its header row.
  void Begin(std::string_view name, std::span<const SheetColumn> columns);
  void Row(std::span<const std::string> cells);
  // The bytes of the file. kTooLarge when a sheet went past Excel's limit of rows, kInternal
  // when libxlsxwriter failed.
  [[nodiscard]] Result<std::string> Finish() &&;

 private:
  XlsxWriter(std::string path, lxw_workbook* workbook);
  void Write(std::span<const std::string> cells, lxw_format* format);

  std::string path_;  // empty once moved from
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  std::vector<bool> numeric_;
  uint32_t row_ = 0;
  int failure_ = 0;  // the first lxw_error, or kTooManyRows
};

// The tables as one CSV file (a single table without a title row; several, each behind its
// name and separated by an empty line) or one XLSX workbook (a sheet each).
std::string TablesToCsv(std::span<const Table> tables);
[[nodiscard]] Result<std::string> TablesToXlsx(std::span<const Table> tables);

}  // namespace trellis::exchange
