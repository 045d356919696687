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

}  // namespace trellis::exchange
