#include "util/time.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "util/parse.hpp"

namespace outage {
namespace {

namespace chrono = std::chrono;

// Days since 1970-01-01 of a proleptic Gregorian date.
long days_from_civil(long year, unsigned month, unsigned day) {
  const chrono::sys_days date{chrono::year{static_cast<int>(year)} / chrono::month{month} /
                              chrono::day{day}};
  return static_cast<long>(date.time_since_epoch().count());
}

// Whether a date exists (month 1-12, a day of that month: 29 February only in leap years).
bool is_valid_date(long year, unsigned month, unsigned day) {
  return chrono::year_month_day{chrono::year{static_cast<int>(year)}, chrono::month{month},
                                chrono::day{day}}
      .ok();
}

// Reads exactly `count` digits from the front of `text`.
std::optional<unsigned> take_digits(std::string_view& text, std::size_t count) {
  if (text.size() < count) return std::nullopt;
  unsigned value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(text[i] - '0');
  }
  text.remove_prefix(count);
  return value;
}

bool take_char(std::string_view& text, char expected) {
  if (text.empty() || text.front() != expected) return false;
  text.remove_prefix(1);
  return true;
}

}  // namespace

double unix_seconds_from_civil(long year, unsigned month, unsigned day, unsigned hour,
                               unsigned minute, double second) {
  const long days = days_from_civil(year, month, day);
  return static_cast<double>(days) * 86400.0 + hour * 3600.0 + minute * 60.0 + second;
}

std::optional<double> parse_utc_offset_hours(std::string_view text) {
  text = trim(text);
  if (text == "Z" || text == "z") return 0.0;
  if (text.empty() || (text.front() != '+' && text.front() != '-')) return std::nullopt;
  const double sign = text.front() == '-' ? -1.0 : 1.0;
  text.remove_prefix(1);
  const auto hours = take_digits(text, 2);
  if (!hours) return std::nullopt;
  take_char(text, ':');
  const auto minutes = take_digits(text, 2);
  if (!minutes || !text.empty() || *hours > 23 || *minutes > 59) return std::nullopt;
  return sign * (*hours + *minutes / 60.0);
}

std::optional<double> parse_utc_instant(std::string_view text, std::string* why) {
  const auto fail = [&](const char* what) -> std::optional<double> {
    if (why) *why = what;
    return std::nullopt;
  };
  constexpr const char* kShape = "an ISO 8601 time with a UTC offset, e.g. 2024-03-05T15:00:00Z";
  text = trim(text);
  const auto year = take_digits(text, 4);
  if (!year || !take_char(text, '-')) return fail(kShape);
  const auto month = take_digits(text, 2);
  if (!month || !take_char(text, '-')) return fail(kShape);
  const auto day = take_digits(text, 2);
  if (!day) return fail(kShape);
  if (!is_valid_date(*year, *month, *day)) {
    return fail("a valid calendar date (month 01-12, a day that exists in that month)");
  }
  if (!(take_char(text, 'T') || take_char(text, 't') || take_char(text, ' '))) {
    return fail(kShape);
  }
  const auto hour = take_digits(text, 2);
  if (!hour || !take_char(text, ':')) return fail(kShape);
  const auto minute = take_digits(text, 2);
  if (!minute) return fail(kShape);
  double second = 0;
  if (take_char(text, ':')) {
    const auto whole = take_digits(text, 2);
    if (!whole) return fail(kShape);
    second = *whole;
    if (take_char(text, '.')) {
      double scale = 0.1;
      bool any = false;
      while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
        second += (text.front() - '0') * scale;
        scale /= 10;
        any = true;
        text.remove_prefix(1);
      }
      if (!any) return fail(kShape);
    }
  }
  if (*hour > 23 || *minute > 59 || second >= 60) {
    return fail("a valid time of day (hour 00-23, minute 00-59, second 00-59)");
  }
  if (text.empty()) {
    return fail("a UTC offset after the time (Z or +HH:MM), e.g. 2024-03-05T15:00:00Z");
  }
  const auto offset = parse_utc_offset_hours(text);
  if (!offset) return fail("a UTC offset Z or +HH:MM at the end, e.g. 2024-03-05T22:00:00+07:00");
  return unix_seconds_from_civil(*year, *month, *day, *hour, *minute, second) - *offset * 3600.0;
}

std::string format_utc_instant(double unix_seconds) {
  // Whole microseconds first, so a fraction that rounds away leaves no dangling '.'.
  const auto micros = static_cast<long long>(std::llround(unix_seconds * 1e6));
  long long whole = micros / 1000000;
  long long fraction = micros % 1000000;
  if (fraction < 0) {
    fraction += 1000000;
    whole -= 1;
  }
  const chrono::sys_seconds instant{chrono::seconds{whole}};
  const chrono::sys_days day = chrono::floor<chrono::days>(instant);
  const chrono::year_month_day date{day};
  if (!date.ok()) return fmt::format("{}s since 1970-01-01T00:00:00Z", whole);  // beyond year 32767
  const chrono::hh_mm_ss time{instant - day};
  std::string text =
      fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  time.hours().count(), time.minutes().count(), time.seconds().count());
  if (fraction > 0) {
    std::string digits = fmt::format("{:06}", fraction);
    while (digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text + "Z";
}

double hour_of_week(double unix_seconds) {
  // 1970-01-01 was a Thursday: 72 hours after the start of its week.
  const double hours = unix_seconds / 3600.0 + 72.0;
  double position = std::fmod(hours, 168.0);
  if (position < 0) position += 168.0;
  if (position >= 168.0) position = 0.0;
  return position;
}

}  // namespace outage
