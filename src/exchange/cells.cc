#include "exchange/cells.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace trellis::exchange {

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

std::optional<int64_t> ParseWholeNumber(std::string_view text) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // from_chars takes "inf" and "nan", which no spreadsheet means; demand digits.
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != 'e' &&
        c != 'E' && c != '+')
      return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::optional<bool> ParseYesNo(std::string_view text) {
  for (std::string_view yes : {"yes", "y", "true", "1"})
    if (EqualsIgnoringCase(text, yes)) return true;
  for (std::string_view no : {"no", "n", "false", "0"})
    if (EqualsIgnoringCase(text, no)) return false;
  return std::nullopt;
}

std::string FormatNumber(double value) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return std::to_string(value);
  return std::string(buf, end);
}

std::string FormatYesNo(bool value) { return value ? "yes" : "no"; }

std::string FormatDate(const std::optional<Date>& date) { return date ? date->ToIso() : ""; }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

namespace {

// True when a spreadsheet would take `text` as a formula once any quotes in front are gone.
bool StartsLikeFormula(std::string_view text) {
  const size_t first = text.find_first_not_of('\'');
  if (first == std::string_view::npos) return false;
  switch (text[first]) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string GuardFormula(std::string_view text) {
  if (!StartsLikeFormula(text)) return std::string(text);
  std::string guarded;
  guarded.reserve(text.size() + 1);
  guarded += '\'';
  guarded += text;
  return guarded;
}

std::string_view UnguardFormula(std::string_view cell) {
  if (cell.empty() || cell.front() != '\'' || !StartsLikeFormula(cell.substr(1))) return cell;
  return cell.substr(1);
}

}  // namespace trellis::exchange
