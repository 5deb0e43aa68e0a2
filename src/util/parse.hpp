// Locale-proof parsers for numbers and durations. Each returns std::nullopt on bad input and,
// when `why` is given, says what was wrong in a phrase that fits after "expected ...".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace outage {

// The longest duration any input may give: 1,000,000 hours (114 years). Longer ones are
// mistakes (seconds or minutes written as hours) and would make the model step for ages.
constexpr double kMaxDurationHours = 1e6;

// Trims ASCII spaces and tabs at both ends.
std::string_view trim(std::string_view text);

// A finite decimal number ("1.5", "-2", "3e6", "+4"); the whole text (after trimming spaces)
// must be consumed. Rejects "nan", "inf", "1,5", "1.5abc" and overflow such as "1e309".
std::optional<double> parse_number(std::string_view text);

// A base-10 integer in [min, max]; no "0x", no leading zeros interpreted as octal.
std::optional<std::int64_t> parse_integer(std::string_view text, std::int64_t min,
                                          std::int64_t max);

// A duration in hours: "2h", "90m", "1h30m", "45s", "1d", "1.5h", ISO 8601 "PT2H30M" or "P1DT2H",
// or a plain number of hours ("2", "0.5"). Rejects unknown units, non-finite and values over
// one million hours. Negative and zero values are returned: range checks belong to the caller.
std::optional<double> parse_duration_hours(std::string_view text, std::string* why = nullptr);

// "2h", "1h30m", "45s", "0.4s", "1d2h": a short human form of a duration in hours, for messages;
// milliseconds below a minute, "<1ms" for a duration too short to show (never "0s" unless 0).
std::string format_duration_hours(double hours);

}  // namespace outage
