#pragma once
// The text form of cell values, read by the importers and written by the exporters, so what
// an export writes an import reads back the same.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace trellis::exchange {

// `text` without leading and trailing spaces, tabs and line breaks.
std::string_view Trim(std::string_view text);

// Digits with an optional leading '-'; nothing else (no spaces, separators or decimals).
std::optional<int64_t> ParseWholeNumber(std::string_view text);
// A decimal number such as 0.6, 1 or .5; not inf or nan.
std::optional<double> ParseNumber(std::string_view text);
// yes/no, y/n, true/false, 1/0, ignoring case.
std::optional<bool> ParseYesNo(std::string_view text);

// The shortest text that reads back as the same double (0.6, not 0.59999999999999998).
std::string FormatNumber(double value);
std::string FormatYesNo(bool value);
// YYYY-MM-DD, or empty.
std::string FormatDate(const std::optional<Date>& date);

bool EqualsIgnoringCase(std::string_view a, std::string_view b);

// Spreadsheet formula injection (OWASP "CSV Injection"): Excel and LibreOffice run a CSV cell
// that starts with '=', '+', '-', '@', a tab or a carriage return as a formula, so a person
// named =HYPERLINK(...) would run it for whoever opens the export. The CSV export writes such
// text behind a single quote, which spreadsheets show as text; the import takes exactly that
// quote off again, so an export imports back unchanged.
//
// The cell as the CSV export writes a text value: `text` with a ' in front when it starts
// with one of those characters, or with quotes followed by one (so "'=x" is written "''=x"
// and reads back as it was). Not for numbers: a negative number is not a formula.
std::string GuardFormula(std::string_view text);
// The value of a cell as the import reads it: `cell` without the one ' that GuardFormula put
// in front; any other cell as it is.
std::string_view UnguardFormula(std::string_view cell);

}  // namespace trellis::exchange
