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
  std::chrono::year_month_day ymd{days_};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

int Date::year() const { return static_cast<int>(std::chrono::year_month_day{days_}.year()); }

std::string ToIso(Instant instant) {
  auto secs = std::chrono::floor<std::chrono::seconds>(instant);
  auto days = std::chrono::floor<std::chrono::days>(secs);
  std::chrono::year_month_day ymd{days};
  std::chrono::hh_mm_ss hms{secs - days};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
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
