// SPDX-License-Identifier: Apache-2.0
// base/calendar: dates, ISO durations, calendar arithmetic and duration ordering.
#include <catch2/catch.hpp>

#include <limits>

#include "base/calendar.h"

using namespace souple::internal;

namespace {
Date D(const char* s) {
  auto d = ParseDate(s);
  INFO(s);
  REQUIRE(d.has_value());
  return *d;
}
std::string Plus(const char* date, Duration dur) {
  const auto out = AddDuration(D(date), dur);
  return out ? FormatDate(*out) : "out of range";
}
std::string Minus(const char* date, Duration dur) {
  const auto out = AddDuration(D(date), dur, -1);
  return out ? FormatDate(*out) : "out of range";
}
Duration Months(int32_t m) { return Duration{m, 0}; }
Duration Days(int32_t d) { return Duration{0, d}; }
}  // namespace

TEST_CASE("ParseDate accepts real calendar dates and rejects impossible ones", "[calendar]") {
  CHECK_FALSE(ParseDate("2023-02-29").has_value());
  CHECK(ParseDate("2024-02-29").has_value());
  CHECK(FormatDate(*ParseDate("2024-02-29")) == "2024-02-29");
  CHECK_FALSE(ParseDate("1900-02-29").has_value());  // century, not leap
  CHECK(ParseDate("2000-02-29").has_value());        // divisible by 400, leap
  CHECK_FALSE(ParseDate("2023-04-31").has_value());
  CHECK_FALSE(ParseDate("2023-13-01").has_value());
  CHECK_FALSE(ParseDate("2023-00-10").has_value());
  CHECK_FALSE(ParseDate("2023-01-00").has_value());
  CHECK_FALSE(ParseDate("2023-1-01").has_value());
  CHECK_FALSE(ParseDate("2023/01/01").has_value());
  CHECK_FALSE(ParseDate("").has_value());
  CHECK_FALSE(ParseDate("2023-01-0a").has_value());
  CHECK(*ParseDate("1970-01-01") == 0);
  CHECK(*ParseDate("1970-01-02") == 1);
  CHECK(*ParseDate("1969-12-31") == -1);
  CHECK(*ParseDate("2000-03-01") - *ParseDate("2000-02-28") == 2);
}

TEST_CASE("Civil conversions round-trip and DaysInMonth knows leap years", "[calendar]") {
  for (const char* s : {"0001-01-01", "1600-02-29", "1999-12-31", "2024-02-29", "9999-12-31"}) {
    CHECK(FormatDate(D(s)) == s);
  }
  CHECK(DaysInMonth(2024, 2) == 29);
  CHECK(DaysInMonth(2023, 2) == 28);
  CHECK(DaysInMonth(2100, 2) == 28);
  CHECK(DaysInMonth(2023, 4) == 30);
  CHECK(DaysInMonth(2023, 12) == 31);
}

TEST_CASE("Adding months keeps the day of month and clamps to the month's end", "[calendar]") {
  CHECK(Plus("2024-01-31", Months(1)) == "2024-02-29");
  CHECK(Plus("2023-01-31", Months(1)) == "2023-02-28");
  CHECK(Plus("2024-02-29", Months(12)) == "2025-02-28");  // 1 year
  CHECK(Plus("2024-02-29", Months(48)) == "2028-02-29");  // 4 years
  CHECK(Plus("2023-03-31", Months(1)) == "2023-04-30");
  CHECK(Plus("2023-11-15", Months(3)) == "2024-02-15");   // across a year boundary
  CHECK(Plus("2023-01-15", Months(36)) == "2026-01-15");
  // Months first, then days: 2024-01-31 + 1 month = 2024-02-29, + 1 day = 2024-03-01.
  CHECK(Plus("2024-01-31", Duration{1, 1}) == "2024-03-01");
  CHECK(Plus("2024-02-28", Days(1)) == "2024-02-29");
  CHECK(Plus("2023-12-31", Days(1)) == "2024-01-01");
  CHECK(Plus("2024-01-01", Days(366)) == "2025-01-01");
}

TEST_CASE("Subtracting durations", "[calendar]") {
  CHECK(Minus("2024-03-31", Months(1)) == "2024-02-29");
  CHECK(Minus("2023-03-31", Months(1)) == "2023-02-28");
  CHECK(Minus("2024-01-15", Months(13)) == "2022-12-15");
  CHECK(Minus("2025-02-28", Months(12)) == "2024-02-28");
  CHECK(Minus("2024-03-01", Days(1)) == "2024-02-29");
  CHECK(Minus("2024-01-01", Days(1)) == "2023-12-31");
  CHECK(Minus("2024-01-10", Duration{0, 10}) == "2023-12-31");
}

TEST_CASE("ParseIsoDuration reads ISO 8601 date durations", "[calendar]") {
  CHECK(ParseIsoDuration("P3Y") == Duration{36, 0});
  CHECK(ParseIsoDuration("P13M") == Duration{13, 0});
  CHECK(ParseIsoDuration("P1Y6M") == Duration{18, 0});
  CHECK(ParseIsoDuration("P2W") == Duration{0, 14});
  CHECK(ParseIsoDuration("P30D") == Duration{0, 30});
  CHECK(ParseIsoDuration("P1Y2M10D") == Duration{14, 10});
  CHECK(ParseIsoDuration("P0D") == Duration{0, 0});
}

TEST_CASE("ParseIsoDuration rejects malformed and unsupported durations", "[calendar]") {
  for (const char* bad : {"P", "P3", "PT1H", "P1M1Y", "", "3Y", "p3y", "P1Y1Y", "P-1Y",
                          "P1.5Y", "P1YT", "P1D1W", "PY", "P 3Y", "P3Y ", "P1H"}) {
    INFO(bad);
    CHECK_FALSE(ParseIsoDuration(bad).has_value());
  }
}

TEST_CASE("Durations are formatted in ISO and in words per language", "[calendar]") {
  CHECK(FormatIsoDuration(Duration{36, 0}) == "P3Y");
  CHECK(FormatIsoDuration(Duration{18, 0}) == "P1Y6M");
  CHECK(FormatIsoDuration(Duration{13, 0}) == "P1Y1M");
  CHECK(FormatIsoDuration(Duration{0, 30}) == "P30D");
  CHECK(FormatIsoDuration(Duration{0, 0}) == "P0D");
  CHECK(FormatIsoDuration(Duration{6, 5}) == "P6M5D");

  CHECK(FormatDuration(Duration{36, 0}, true) == "3 ans");
  CHECK(FormatDuration(Duration{36, 0}, false) == "3 years");
  CHECK(FormatDuration(Duration{12, 0}, true) == "1 an");
  CHECK(FormatDuration(Duration{12, 0}, false) == "1 year");
  CHECK(FormatDuration(Duration{18, 0}, true) == "1 an 6 mois");
  CHECK(FormatDuration(Duration{18, 0}, false) == "1 year 6 months");
  CHECK(FormatDuration(Duration{1, 0}, true) == "1 mois");
  CHECK(FormatDuration(Duration{1, 0}, false) == "1 month");
  CHECK(FormatDuration(Duration{0, 1}, true) == "1 jour");
  CHECK(FormatDuration(Duration{0, 30}, false) == "30 days");
  CHECK(FormatDuration(Duration{0, 0}, false) == "0 days");
}

TEST_CASE("CompareDurations: exact within a unit family, bounded across", "[calendar]") {
  // Same family: exact.
  CHECK(CompareDurations(*ParseIsoDuration("P36M"), *ParseIsoDuration("P3Y")) == DurationOrder::kEqual);
  CHECK(CompareDurations(Months(13), Months(12)) == DurationOrder::kGreater);
  CHECK(CompareDurations(Days(30), Days(31)) == DurationOrder::kLess);
  CHECK(CompareDurations(*ParseIsoDuration("P2W"), Days(14)) == DurationOrder::kEqual);
  // A month is 28 to 31 days: 30 days may be shorter or longer.
  CHECK(CompareDurations(Months(1), Days(30)) == DurationOrder::kUndecided);
  CHECK(CompareDurations(Days(30), Months(1)) == DurationOrder::kUndecided);
  CHECK(CompareDurations(Months(1), Days(28)) == DurationOrder::kUndecided);
  CHECK(CompareDurations(Months(1), Days(31)) == DurationOrder::kUndecided);
  CHECK(CompareDurations(Months(1), Days(32)) == DurationOrder::kLess);
  CHECK(CompareDurations(Days(32), Months(1)) == DurationOrder::kGreater);
  CHECK(CompareDurations(Days(27), Months(1)) == DurationOrder::kLess);
  // A year is 365 to 366 days.
  CHECK(CompareDurations(Months(12), Days(360)) == DurationOrder::kGreater);
  CHECK(CompareDurations(Months(12), Days(365)) == DurationOrder::kUndecided);
  CHECK(CompareDurations(Months(12), Days(367)) == DurationOrder::kLess);
  CHECK(CompareDurations(Months(36), Days(1000)) == DurationOrder::kGreater);
  // Both components in the same direction: decided without bounds.
  CHECK(CompareDurations(Duration{1, 1}, Duration{1, 0}) == DurationOrder::kGreater);
  CHECK(CompareDurations(Duration{0, 5}, Duration{1, 5}) == DurationOrder::kLess);
}

TEST_CASE("Date arithmetic stays within years 0000-9999 and never overflows", "[calendar]") {
  // Regression: tests/reliability/repro/ubsan-*.souple (signed overflow under UBSan).
  CHECK(Plus("2024-01-01", Months(12 * 7975 + 11)) == "9999-12-01");
  CHECK(Plus("9999-12-01", Days(30)) == "9999-12-31");
  CHECK(Plus("9999-12-01", Days(31)) == "out of range");
  CHECK(Plus("2024-01-01", Months(12 * 7976)) == "out of range");
  CHECK(Minus("0000-01-31", Days(30)) == "0000-01-01");
  CHECK(Minus("0000-01-31", Days(31)) == "out of range");
  CHECK(Minus("2024-01-01", Months(12 * 2025)) == "out of range");
  const int32_t max = std::numeric_limits<int32_t>::max();
  CHECK(Plus("2024-01-01", Months(max)) == "out of range");
  CHECK(Plus("2024-01-01", Days(max)) == "out of range");
  CHECK(Minus("2024-01-01", Duration{std::numeric_limits<int32_t>::min(), 0}) == "out of range");
}

TEST_CASE("Adding durations reports overflow instead of wrapping", "[calendar]") {
  const int32_t max = std::numeric_limits<int32_t>::max();
  CHECK(AddDurations(Months(12), Days(3)) == Duration{12, 3});
  CHECK(AddDurations(Duration{max - 1, 0}, Months(1)) == Duration{max, 0});
  CHECK_FALSE(AddDurations(Duration{max, 0}, Months(1)).has_value());
  CHECK_FALSE(AddDurations(Days(max), Days(max)).has_value());
  CHECK(AddDurations(Days(5), Days(3), -1) == Duration{0, 2});
}

TEST_CASE("Comparing extreme durations does not overflow", "[calendar]") {
  const int32_t max = std::numeric_limits<int32_t>::max(), min = std::numeric_limits<int32_t>::min();
  CHECK(CompareDurations(Months(max), Months(min)) == DurationOrder::kGreater);
  CHECK(CompareDurations(Duration{max, min}, Duration{min, max}) == DurationOrder::kGreater);
  CHECK(CompareDurations(Days(min), Days(max)) == DurationOrder::kLess);
}
