#include "report/currency.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "util/shortest_fixed.hpp"
#include "util/text_safety.hpp"

namespace outage {
namespace {

// ISO 4217 codes are case-insensitive ("eur" is EUR); a symbol for the common ones, else the
// code upper-cased with anything a terminal would act on escaped, and a space.
std::string currency_prefix(const std::string& currency) {
  std::string code = currency;
  for (char& c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (code == "USD") return "$";
  if (code == "EUR") return "€";
  if (code == "GBP") return "£";
  if (code == "JPY") return "¥";
  if (code == "INR") return "₹";
  if (code.empty()) return "";
  return sanitize_for_terminal(code) + " ";
}

}  // namespace

std::string format_money_human(double amount, const std::string& currency) {
  if (!std::isfinite(amount)) return fmt::format("{}", amount);
  double value = std::fabs(amount);
  static constexpr const char* kSuffixes[] = {"", "K", "M", "B", "T"};
  std::size_t scale = 0;
  // Round to three significant digits first, so 999.96K becomes 1.00M, not 1000K.
  // Amounts below 1 print as "0" or "1" anyway; rounding them to three significant digits
  // would overflow 10^(3 - digits) for a subnormal.
  const auto rounded = [](double x) {
    if (x < 1) return x;
    const double digits = std::floor(std::log10(x)) + 1;
    const double factor = std::pow(10.0, 3 - digits);
    return std::round(x * factor) / factor;
  };
  value = rounded(value);
  while (value >= 1000 && scale + 1 < std::size(kSuffixes)) {
    value = rounded(value / 1000);
    ++scale;
  }
  std::string number;
  if (value >= 1000) {  // beyond a thousand trillion: scientific, "2.02e+18"
    number = fmt::format("{:.3g}", std::fabs(amount));
    scale = 0;
  } else if (scale == 0) {
    number = fmt::format("{:.0f}", value);
  } else if (value >= 100) {
    number = fmt::format("{:.0f}", value);
  } else if (value >= 10) {
    number = fmt::format("{:.1f}", value);
  } else {
    number = fmt::format("{:.2f}", value);
  }
  const std::string sign =
      amount < 0 && number.find_first_not_of("0.") != std::string::npos ? "-" : "";  // no "-$0"
  return sign + currency_prefix(currency) + number + kSuffixes[scale];
}

std::string format_number_raw(double value) {
  std::string text;
  append_number_raw(text, value);
  return text;
}

void append_number_raw(std::string& out, double value) {
  if (value == 0) {  // also for -0
    out.push_back('0');
    return;
  }
  // std::to_chars: the shortest text that reads back as the same double, fixed or scientific,
  // always with '.', never locale-dependent.
  // Fixed notation for everyday magnitudes (as Python's repr), scientific beyond.
  const double magnitude = std::fabs(value);
  if (magnitude >= 1e-5 && magnitude < 1e16) {
    // Straight into `out` (at most 1 + 16 + 1 + 17 characters here, or "-0.0000" and 17
    // digits): batch appends millions, and a copy from a buffer cost it (docs/performance.md).
    // Below 2^53
    // (every amount of money here) util/shortest_fixed writes the same characters as to_chars.
    const std::size_t at = out.size();
    out.resize(at + kShortestFixedRoom);
    char* end = to_chars_shortest_fixed(out.data() + at, value);
    if (end == nullptr) {
      end = std::to_chars(out.data() + at, out.data() + out.size(), value, std::chars_format::fixed)
                .ptr;
    }
    out.resize(static_cast<std::size_t>(end - out.data()));
    return;
  }
  char buffer[400];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

std::string format_money(double amount, const std::string& currency, CurrencyFormat format) {
  return format == CurrencyFormat::human ? format_money_human(amount, currency)
                                         : format_number_raw(amount);
}

std::string format_percent(double share) {
  return fmt::format("{:.1f}%", share * 100.0);
}

}  // namespace outage
