// SPDX-License-Identifier: Apache-2.0
// Dates and calendar durations, with the semantics documented in docs/language.md:
// a duration is (months, days); adding months keeps the day of month and clamps to the
// last day of the target month; years are 12 months.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace souple::internal {

/// Days since 1970-01-01 (proleptic Gregorian).
using Date = int32_t;

struct Duration {
  int32_t months = 0;
  int32_t days = 0;
  bool operator==(const Duration& o) const { return months == o.months && days == o.days; }
};

struct CivilDate {
  int32_t year;
  uint32_t month;  // 1..12
  uint32_t day;    // 1..31
};

Date DateFromCivil(CivilDate c);
CivilDate CivilFromDate(Date d);
uint32_t DaysInMonth(int32_t year, uint32_t month);

/// Parses `YYYY-MM-DD`; rejects impossible dates such as 2023-02-29.
std::optional<Date> ParseDate(std::string_view s);
std::string FormatDate(Date d);

/// Parses an ISO 8601 date duration: `P3Y`, `P13M`, `P1Y6M`, `P2W`, `P30D` (no time part).
std::optional<Duration> ParseIsoDuration(std::string_view s);
std::string FormatIsoDuration(Duration d);
/// Human wording: "3 years", "1 year 6 months" / "3 ans", "1 an 6 mois".
std::string FormatDuration(Duration d, bool french);
/// Human wording of a date: "15 January 2026" / "15 janvier 2026" ("1er mars 2026").
std::string FormatDateWords(Date d, bool french);

/// Dates the engine computes with: years 0000 to 9999, as the ISO dates it reads.
inline constexpr int32_t kMinYear = 0, kMaxYear = 9999;

/// date + sign * duration: months first (day clamped to the end of month), then days.
/// Nullopt when the result falls outside years 0000-9999 (never overflows).
std::optional<Date> AddDuration(Date d, Duration dur, int sign = 1);

/// a + sign * b, component by component; nullopt when a component overflows.
std::optional<Duration> AddDurations(Duration a, Duration b, int sign = 1);

/// Result of comparing two durations: less, equal, greater, or undecidable (month-based
/// against day-based lengths whose ranges overlap, e.g. 1 month vs 30 days).
enum class DurationOrder { kLess, kEqual, kGreater, kUndecided };
DurationOrder CompareDurations(Duration a, Duration b);

}  // namespace souple::internal
