// SPDX-License-Identifier: Apache-2.0
#include "base/calendar.h"

#include <cstdlib>
#include <limits>

namespace souple::internal {

// Howard Hinnant's days_from_civil / civil_from_days.
Date DateFromCivil(CivilDate c) {
  const int32_t y = c.year - (c.month <= 2 ? 1 : 0);
  const int32_t era = (y >= 0 ? y : y - 399) / 400;
  const uint32_t yoe = static_cast<uint32_t>(y - era * 400);
  const uint32_t mp = (c.month + 9) % 12;
  const uint32_t doy = (153 * mp + 2) / 5 + c.day - 1;
  const uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

CivilDate CivilFromDate(Date d) {
  const int32_t z = d + 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const uint32_t doe = static_cast<uint32_t>(z - era * 146097);
  const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int32_t y = static_cast<int32_t>(yoe) + era * 400;
  const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const uint32_t mp = (5 * doy + 2) / 153;
  const uint32_t day = doy - (153 * mp + 2) / 5 + 1;
  const uint32_t month = mp < 10 ? mp + 3 : mp - 9;
  return {y + (month <= 2 ? 1 : 0), month, day};
}

uint32_t DaysInMonth(int32_t year, uint32_t month) {
  static constexpr uint32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

namespace {
std::optional<int32_t> Digits(std::string_view s) {
  if (s.empty() || s.size() > 6) return std::nullopt;
  int32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}
}  // namespace

std::optional<Date> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = Digits(s.substr(0, 4));
  auto m = Digits(s.substr(5, 2));
  auto d = Digits(s.substr(8, 2));
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  if (static_cast<uint32_t>(*d) > DaysInMonth(*y, static_cast<uint32_t>(*m))) return std::nullopt;
  return DateFromCivil({*y, static_cast<uint32_t>(*m), static_cast<uint32_t>(*d)});
}

std::string FormatDate(Date d) {
  const CivilDate c = CivilFromDate(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

std::optional<Duration> ParseIsoDuration(std::string_view s) {
  if (s.size() < 3 || s[0] != 'P') return std::nullopt;
  Duration d;
  size_t i = 1;
  int last_rank = -1;  // Y=0, M=1, W=2, D=3: designators must appear in this order, once.
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i || j == s.size()) return std::nullopt;
    auto n = Digits(s.substr(i, j - i));
    if (!n || *n > 100000) return std::nullopt;
    int rank;
    switch (s[j]) {
      case 'Y': rank = 0; d.months += *n * 12; break;
      case 'M': rank = 1; d.months += *n; break;
      case 'W': rank = 2; d.days += *n * 7; break;
      case 'D': rank = 3; d.days += *n; break;
      default: return std::nullopt;
    }
    if (rank <= last_rank) return std::nullopt;
    last_rank = rank;
    i = j + 1;
  }
  return d;
}

std::string FormatIsoDuration(Duration d) {
  if (d.months == 0 && d.days == 0) return "P0D";
  std::string out = "P";
  if (d.months / 12 != 0) out += std::to_string(d.months / 12) + "Y";
  if (d.months % 12 != 0) out += std::to_string(d.months % 12) + "M";
  if (d.days != 0) out += std::to_string(d.days) + "D";
  return out;
}

std::string FormatDateWords(Date d, bool french) {
  static const char* const kFr[] = {"janvier", "février", "mars", "avril", "mai", "juin",
                                    "juillet", "août", "septembre", "octobre", "novembre", "décembre"};
  static const char* const kEn[] = {"January", "February", "March", "April", "May", "June",
                                    "July", "August", "September", "October", "November", "December"};
  const CivilDate c = CivilFromDate(d);
  const std::string day = french && c.day == 1 ? "1er" : std::to_string(c.day);
  return day + " " + (french ? kFr : kEn)[c.month - 1] + " " + std::to_string(c.year);
}

std::string FormatDuration(Duration d, bool french) {
  auto part = [&](int32_t n, const char* en1, const char* enN, const char* fr1, const char* frN) {
    return std::to_string(n) + " " + (french ? (n == 1 ? fr1 : frN) : (n == 1 ? en1 : enN));
  };
  std::string out;
  auto add = [&](const std::string& p) { out += out.empty() ? p : " " + p; };
  const int32_t years = d.months / 12, months = d.months % 12;
  if (years != 0) add(part(years, "year", "years", "an", "ans"));
  if (months != 0) add(part(months, "month", "months", "mois", "mois"));
  if (d.days != 0 || out.empty()) add(part(d.days, "day", "days", "jour", "jours"));
  return out;
}

std::optional<Date> AddDuration(Date date, Duration dur, int sign) {
  CivilDate c = CivilFromDate(date);
  const int64_t total = static_cast<int64_t>(c.year) * 12 + (c.month - 1) +
                        static_cast<int64_t>(sign) * dur.months;
  const int64_t year = total >= 0 ? total / 12 : (total - 11) / 12;
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  c.year = static_cast<int32_t>(year);
  c.month = static_cast<uint32_t>(total - year * 12) + 1;
  const uint32_t dim = DaysInMonth(c.year, c.month);
  if (c.day > dim) c.day = dim;
  const int64_t days = static_cast<int64_t>(DateFromCivil(c)) + static_cast<int64_t>(sign) * dur.days;
  if (days < DateFromCivil({kMinYear, 1, 1}) || days > DateFromCivil({kMaxYear, 12, 31})) return std::nullopt;
  return static_cast<Date>(days);
}

std::optional<Duration> AddDurations(Duration a, Duration b, int sign) {
  const int64_t months = static_cast<int64_t>(a.months) + static_cast<int64_t>(sign) * b.months;
  const int64_t days = static_cast<int64_t>(a.days) + static_cast<int64_t>(sign) * b.days;
  constexpr int64_t kMin = std::numeric_limits<int32_t>::min(), kMax = std::numeric_limits<int32_t>::max();
  if (months < kMin || months > kMax || days < kMin || days > kMax) return std::nullopt;
  return Duration{static_cast<int32_t>(months), static_cast<int32_t>(days)};
}

namespace {
// Bounds, in days, of a duration: a month lasts 28 to 31 days, a year 365 to 366.
void Bounds(Duration d, int64_t& lo, int64_t& hi) {
  const int64_t years = d.months / 12, months = d.months % 12;
  lo = years * 365 + months * 28 + d.days;
  hi = years * 366 + months * 31 + d.days;
}
}  // namespace

DurationOrder CompareDurations(Duration a, Duration b) {
  if (a == b) return DurationOrder::kEqual;
  const int64_t dm = static_cast<int64_t>(a.months) - b.months;
  const int64_t dd = static_cast<int64_t>(a.days) - b.days;
  // Decided without calendar knowledge when both components move the same way.
  if (dm <= 0 && dd <= 0) return DurationOrder::kLess;
  if (dm >= 0 && dd >= 0) return DurationOrder::kGreater;
  int64_t alo, ahi, blo, bhi;
  Bounds(a, alo, ahi);
  Bounds(b, blo, bhi);
  if (ahi < blo) return DurationOrder::kLess;
  if (alo > bhi) return DurationOrder::kGreater;
  return DurationOrder::kUndecided;
}

}  // namespace souple::internal
