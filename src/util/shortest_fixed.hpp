// The shortest decimal that reads back as a double, in fixed notation, for the magnitudes money
// and shares have: the same characters as std::to_chars(first, last, value, chars_format::fixed)
// (tests compare them on millions of values), written in place: batch prints about 28 numbers
// per incident, and what this saves it is measured in docs/performance.md ("The two
// process-wide tricks, kept").
#pragma once

#include <cstddef>

namespace outage {

// Room to_chars_shortest_fixed needs at `first`: its longest text is 24 characters ("-0.0000"
// and 17 digits), but it writes in fixed-size blocks, which may reach 48 characters.
constexpr std::size_t kShortestFixedRoom = 48;

// Writes the shortest fixed-notation text that reads back as `value` (of several, the closest
// to it, ties to an even last digit) and returns its end, for 1e-5 <= |value| < 2^53; outside
// that range (0, NaN, infinities, tiny or huge values) writes nothing and returns nullptr.
char* to_chars_shortest_fixed(char* first, double value);

}  // namespace outage
