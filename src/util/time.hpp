// UTC instants as seconds since 1970-01-01T00:00:00Z, and the hour of the week they fall in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace outage {

// Parses ISO 8601 "2024-03-05T15:00:00Z", "2024-03-05T22:00+07:00", "2024-03-05 15:00:00.5Z";
// the UTC offset is required. Returns seconds since the Unix epoch, or nullopt and `why`.
std::optional<double> parse_utc_instant(std::string_view text, std::string* why = nullptr);

// Parses a UTC offset "+07:00", "-05:30", "Z" or "+0700" into hours.
std::optional<double> parse_utc_offset_hours(std::string_view text);

// "2024-03-05T15:00:00Z" (fractional seconds only when present).
std::string format_utc_instant(double unix_seconds);

// Seconds since the epoch of a civil date and time given in UTC.
double unix_seconds_from_civil(long year, unsigned month, unsigned day, unsigned hour,
                               unsigned minute, double second);

// Hours since the start of the week (Monday 00:00 UTC) of an instant, in [0, 168).
double hour_of_week(double unix_seconds);

}  // namespace outage
