// Money as people read it ("$30.8M") and as programs read it (full precision).
#pragma once

#include <string>

namespace outage {

enum class CurrencyFormat { raw, human };

// "$30.8M", "€512K", "$1.23B", "CHF 950": three significant digits, K/M/B/T suffixes. The
// currency code is case-insensitive; amounts below 0.5 (subnormals too) print as 0.
std::string format_money_human(double amount, const std::string& currency);

// The shortest text that reads back as the same double ("30812345.678"), locale-independent.
std::string format_number_raw(double value);
// Appends format_number_raw(value) to `out` without a temporary string.
void append_number_raw(std::string& out, double value);

std::string format_money(double amount, const std::string& currency, CurrencyFormat format);

// "12.3%" of a share in [0, 1] (or beyond), one decimal.
std::string format_percent(double share);

}  // namespace outage
