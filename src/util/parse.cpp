#include "util/parse.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "util/text_safety.hpp"

namespace outage {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Parses a non-negative decimal at the front of `text`, advancing it.
std::optional<double> take_decimal(std::string_view& text) {
  std::size_t length = 0;
  while (length < text.size() && (is_digit(text[length]) || text[length] == '.')) ++length;
  if (length == 0) return std::nullopt;
  double value = 0;
  const char* first = text.data();
  const auto [end, error] = std::from_chars(first, first + length, value);
  if (error != std::errc() || end != first + length || !std::isfinite(value)) return std::nullopt;
  text.remove_prefix(length);
  return value;
}

std::optional<double> unit_hours(std::string_view unit) {
  if (unit == "d") return 24.0;
  if (unit == "h") return 1.0;
  if (unit == "m" || unit == "min") return 1.0 / 60.0;
  if (unit == "s") return 1.0 / 3600.0;
  if (unit == "w") return 168.0;
  return std::nullopt;
}

// "1d2h30m45s", "1.5h", "90m": number-unit pairs, each unit at most once, largest first.
std::optional<double> parse_unit_sequence(std::string_view text, std::string* why) {
  double hours = 0;
  double last_unit = INFINITY;
  while (!text.empty()) {
    const auto value = take_decimal(text);
    if (!value) {
      if (why) *why = "a number before each unit";
      return std::nullopt;
    }
    std::size_t length = 0;
    while (length < text.size() && !is_digit(text[length]) && text[length] != '.') ++length;
    std::string unit(text.substr(0, length));
    for (char& c : unit) c = to_lower(c);
    const auto scale = unit_hours(unit);
    if (!scale) {
      if (why) {
        *why = unit.empty() ? "a unit after the number (d, h, m or s)"
                            : fmt::format("a unit d, h, m or s, not '{}'", excerpt(unit));
      }
      return std::nullopt;
    }
    if (*scale >= last_unit) {
      if (why) *why = "units from largest to smallest, each once (as in 1h30m)";
      return std::nullopt;
    }
    last_unit = *scale;
    hours += *value * *scale;
    text.remove_prefix(length);
  }
  return hours;
}

// ISO 8601 durations: P[nW][nD][T[nH][nM][nS]].
std::optional<double> parse_iso_duration(std::string_view text, std::string* why) {
  const auto fail = [&]() -> std::optional<double> {
    if (why) *why = "an ISO 8601 duration such as PT2H30M or P1DT2H";
    return std::nullopt;
  };
  text.remove_prefix(1);  // 'P'
  double hours = 0;
  bool in_time = false;
  bool any = false;
  std::string_view order_date = "wd";
  std::string_view order_time = "hms";
  while (!text.empty()) {
    if (to_lower(text.front()) == 't') {
      if (in_time) return fail();
      in_time = true;
      text.remove_prefix(1);
      continue;
    }
    const auto value = take_decimal(text);
    if (!value || text.empty()) return fail();
    const char unit = to_lower(text.front());
    text.remove_prefix(1);
    std::string_view& order = in_time ? order_time : order_date;
    const auto position = order.find(unit);
    if (position == std::string_view::npos) return fail();
    order.remove_prefix(position + 1);
    const double scale =
        in_time ? *unit_hours(std::string_view(&unit, 1)) : (unit == 'w' ? 168.0 : 24.0);
    hours += *value * scale;
    any = true;
  }
  if (!any) return fail();
  return hours;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  // from_chars accepts "inf", "nan" and hex-free forms only; reject letters other than e/E.
  for (char c : text) {
    if (!(is_digit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
      return std::nullopt;
    }
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> parse_integer(std::string_view text, std::int64_t min,
                                          std::int64_t max) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 10);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::optional<double> parse_duration_hours(std::string_view text, std::string* why) {
  text = trim(text);
  if (text.empty()) {
    if (why) *why = "a duration such as 2h, 90m, 1h30m, PT2H or a number of hours";
    return std::nullopt;
  }
  std::optional<double> hours;
  if (const auto plain = parse_number(text)) {
    hours = plain;
  } else if (to_lower(text.front()) == 'p') {
    hours = parse_iso_duration(text, why);
  } else if (text.front() == '-') {
    std::string_view rest = text.substr(1);
    hours = parse_unit_sequence(rest, why);
    if (hours) hours = -*hours;
  } else {
    hours = parse_unit_sequence(text, why);
  }
  if (!hours) return std::nullopt;
  if (!std::isfinite(*hours) || std::fabs(*hours) > kMaxDurationHours) {
    if (why) *why = fmt::format("a duration of at most {} hours", kMaxDurationHours);
    return std::nullopt;
  }
  return hours;
}

std::string format_duration_hours(double hours) {
  if (!std::isfinite(hours)) return fmt::format("{}", hours);
  std::string text = hours < 0 ? "-" : "";
  double seconds = std::fabs(hours) * 3600.0;
  // Whole seconds past a minute; milliseconds below.
  seconds = seconds >= 60 ? std::round(seconds) : std::round(seconds * 1000.0) / 1000.0;
  const auto days = std::floor(seconds / 86400.0);
  seconds -= days * 86400.0;
  const auto whole_hours = std::floor(seconds / 3600.0);
  seconds -= whole_hours * 3600.0;
  const auto minutes = std::floor(seconds / 60.0);
  seconds -= minutes * 60.0;
  if (days > 0) text += fmt::format("{}d", days);
  if (whole_hours > 0) text += fmt::format("{}h", whole_hours);
  if (minutes > 0) text += fmt::format("{}m", minutes);
  if (seconds > 0 || text.empty() || text == "-") text += fmt::format("{:g}s", seconds);
  // Below the resolution (a millisecond) a duration is not zero: say so.
  if (hours != 0 && (text == "0s" || text == "-0s")) return hours < 0 ? "-<1ms" : "<1ms";
  return text;
}

}  // namespace outage
