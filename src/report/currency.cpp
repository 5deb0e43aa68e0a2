#include "report/currency.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace outage {
namespace {

std::string currency_prefix(const std::string& currency) {
  if (currency == "USD") return "$";
  if (currency == "EUR") return "€";
  if (currency == "GBP") return "£";
  if (currency == "JPY") return "¥";
  if (currency == "INR") return "₹";
  if (currency.empty()) return "";
  return currency + " ";
}

}  // namespace

std::string format_money_human(double amount, const std::string& currency) {
  if (!std::isfinite(amount)) return fmt::format("{}", amount);
  const std::string sign = amount < 0 ? "-" : "";
  double value = std::fabs(amount);
  static constexpr const char* kSuffixes[] = {"", "K", "M", "B", "T"};
  std::size_t scale = 0;
  // Round to three significant digits first, so 999.96K becomes 1.00M, not 1000K.
  const auto rounded = [](double x) {
    if (x == 0) return 0.0;
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
  if (scale == 0) {
    number = fmt::format("{:.0f}", value);
  } else if (value >= 100) {
    number = fmt::format("{:.0f}", value);
  } else if (value >= 10) {
    number = fmt::format("{:.1f}", value);
  } else {
    number = fmt::format("{:.2f}", value);
  }
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
  char buffer[400];
  const double magnitude = std::fabs(value);
  const auto result =
      magnitude >= 1e-5 && magnitude < 1e16
          ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
          : std::to_chars(buffer, buffer + sizeof buffer, value);
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
