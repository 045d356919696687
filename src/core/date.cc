#include "core/date.h"

#include <charconv>
#include <cstdio>

namespace trellis {
namespace {

bool ParseInt(std::string_view text, int& out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// Writes `value` as `width` digits at `out` (0 <= value < 10^width).
char* Digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

// YYYY-MM-DD at `out` (11 bytes), without snprintf: an import of a national file writes two
// million dates, and snprintf's format parsing was a tenth of the writing thread's time.
char* WriteYmd(char* out, const std::chrono::year_month_day& ymd) {
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999)
    return out + std::snprintf(out, 16, "%04d-%02u-%02u", year, static_cast<unsigned>(ymd.month()),
                               static_cast<unsigned>(ymd.day()));
  out = Digits(out, static_cast<unsigned>(year), 4);
  *out++ = '-';
  out = Digits(out, static_cast<unsigned>(ymd.month()), 2);
  *out++ = '-';
  return Digits(out, static_cast<unsigned>(ymd.day()), 2);
}

}  // namespace

std::optional<Date> Date::FromYmd(int year, unsigned month, unsigned day) {
  std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                  std::chrono::day{day}};
  if (!ymd.ok() || year < 1900 || year > 2200) return std::nullopt;
  return Date(std::chrono::sys_days{ymd});
}

std::optional<Date> Date::Parse(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (!ParseInt(text.substr(0, 4), y) || !ParseInt(text.substr(5, 2), m) ||
        !ParseInt(text.substr(8, 2), d))
      return std::nullopt;
  } else if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    if (!ParseInt(text.substr(0, 2), d) || !ParseInt(text.substr(3, 2), m) ||
        !ParseInt(text.substr(6, 4), y))
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (m < 1 || d < 1) return std::nullopt;
  return FromYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string Date::ToIso() const {
  char buf[16];
  const char* end = WriteYmd(buf, std::chrono::year_month_day{days_});
  return std::string(buf, static_cast<size_t>(end - buf));
}

int Date::year() const { return static_cast<int>(std::chrono::year_month_day{days_}.year()); }

std::string ToIso(Instant instant) {
  auto secs = std::chrono::floor<std::chrono::seconds>(instant);
  auto days = std::chrono::floor<std::chrono::days>(secs);
  std::chrono::hh_mm_ss hms{secs - days};
  char buf[32];
  char* out = WriteYmd(buf, std::chrono::year_month_day{days});
  *out++ = 'T';
  out = Digits(out, static_cast<unsigned>(hms.hours().count()), 2);
  *out++ = ':';
  out = Digits(out, static_cast<unsigned>(hms.minutes().count()), 2);
  *out++ = ':';
  out = Digits(out, static_cast<unsigned>(hms.seconds().count()), 2);
  *out++ = 'Z';
  return std::string(buf, static_cast<size_t>(out - buf));
}

std::optional<Instant> ParseInstant(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ exactly; that is all trellis writes.
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z')
    return std::nullopt;
  auto date = Date::Parse(text.substr(0, 10));
  int h = 0, m = 0, s = 0;
  if (!date || !ParseInt(text.substr(11, 2), h) || !ParseInt(text.substr(14, 2), m) ||
      !ParseInt(text.substr(17, 2), s) || h > 23 || m > 59 || s > 60)
    return std::nullopt;
  return Instant(date->days()) + std::chrono::hours(h) + std::chrono::minutes(m) +
         std::chrono::seconds(s);
}

Date DateOf(Instant instant) { return Date(std::chrono::floor<std::chrono::days>(instant)); }

}  // namespace trellis
