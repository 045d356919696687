#pragma once
// Calendar dates (no time of day) and instants, with ISO 8601 text forms.

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace trellis {

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::chrono::sys_days days) : days_(days) {}
  static std::optional<Date> FromYmd(int year, unsigned month, unsigned day);
  // Accepts YYYY-MM-DD, and DD/MM/YYYY as English spreadsheets write it. Nothing else.
  static std::optional<Date> Parse(std::string_view text);

  std::string ToIso() const;  // YYYY-MM-DD
  std::chrono::sys_days days() const { return days_; }
  int year() const;
  auto operator<=>(const Date&) const = default;

 private:
  std::chrono::sys_days days_{};
};

using Instant = std::chrono::system_clock::time_point;

// RFC 3339 in UTC with second precision: 2026-11-23T16:30:00Z.
std::string ToIso(Instant instant);
std::optional<Instant> ParseInstant(std::string_view text);
Date DateOf(Instant instant);

}  // namespace trellis
