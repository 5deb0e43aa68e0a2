// util/shortest_fixed against std::to_chars(..., chars_format::fixed), which it must match
// character for character wherever it answers: random bit patterns across its whole range,
// amounts of money, powers of two and ten and their neighbours (the asymmetric intervals),
// short decimals (the ties and trailing zeros), and the values it must refuse.
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "util/shortest_fixed.hpp"

using namespace outage;

namespace {

constexpr double kTwoTo53 = 9007199254740992.0;

std::string expected_text(double value) {
  char text[400];
  const auto result = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed);
  return std::string(text, result.ptr);
}

// Counts the values where the two differ (and reports the first few).
int mismatches(double value) {
  char text[kShortestFixedRoom];
  char* end = to_chars_shortest_fixed(text, value);
  const double magnitude = std::fabs(value);
  if (!(magnitude >= 1e-5 && magnitude < kTwoTo53)) {
    if (end == nullptr) return 0;
    UNSCOPED_INFO("answered outside its range: " << value);
    return 1;
  }
  if (end != nullptr && std::string(text, end) == expected_text(value)) return 0;
  UNSCOPED_INFO(std::hexfloat << value << std::defaultfloat << ": to_chars " << expected_text(value)
                              << ", shortest_fixed "
                              << (end ? std::string(text, end) : std::string("(refused)")));
  return 1;
}

double from_bits(std::uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

}  // namespace

TEST_CASE("shortest_fixed writes what to_chars writes, on random doubles of its range",
          "[shortest_fixed]") {
  std::mt19937_64 engine(20240305);
  int wrong = 0;
  for (int i = 0; i < 400000 && wrong < 5; ++i) {
    // A random significand and sign, an exponent from 1e-5 (2^-17) to 2^53.
    const std::uint64_t significand = engine() & ((std::uint64_t{1} << 52) - 1);
    const std::uint64_t exponent = 1075 - 70 + engine() % 71;
    const std::uint64_t sign = (engine() & 1) << 63;
    wrong += mismatches(from_bits(sign | exponent << 52 | significand));
    wrong += mismatches(from_bits(engine()));  // any double: most are refused
  }
  CHECK(wrong == 0);
}

TEST_CASE("shortest_fixed writes what to_chars writes, on amounts, edges and short decimals",
          "[shortest_fixed]") {
  std::mt19937_64 engine(7);
  std::lognormal_distribution<double> money(14.0, 3.0);
  int wrong = 0;
  for (int i = 0; i < 200000; ++i) wrong += mismatches(money(engine));
  // Powers of two (an interval a quarter below, half above) and ten, and 40 neighbours each.
  for (int k = -18; k <= 54; ++k) {
    for (const double base : {std::ldexp(1.0, k), std::pow(10.0, k / 3.0 - 2.0)}) {
      double below = base;
      double above = base;
      for (int step = 0; step < 40; ++step) {
        wrong += mismatches(below) + mismatches(above) + mismatches(-above);
        below = std::nextafter(below, 0.0);
        above = std::nextafter(above, std::numeric_limits<double>::infinity());
      }
    }
  }
  for (int k = -5; k <= 15; ++k) wrong += mismatches(std::pow(10.0, k));
  // Short decimals, thirds and halves: trailing zeros, ties, whole numbers.
  for (int i = 1; i <= 200000; ++i) {
    wrong += mismatches(i * 1e-5) + mismatches(i * 1e-4) + mismatches(i * 0.1) +
             mismatches(i / 3.0) + mismatches(i * 1.5) + mismatches(static_cast<double>(i));
  }
  wrong += mismatches(0.1 + 0.2) + mismatches(kTwoTo53 - 1) + mismatches(1e-5) +
           mismatches(0.8958499999999999) + mismatches(14488126.75527514);
  CHECK(wrong == 0);
}

TEST_CASE("shortest_fixed refuses what it does not serve", "[shortest_fixed]") {
  char text[kShortestFixedRoom];
  for (const double value :
       {0.0, -0.0, std::nextafter(1e-5, 0.0), kTwoTo53, 1e16, 1e300, 5e-324,
        std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::quiet_NaN()}) {
    INFO(value);
    CHECK(to_chars_shortest_fixed(text, value) == nullptr);
  }
  char* end = to_chars_shortest_fixed(text, 0.5);
  REQUIRE(end != nullptr);
  CHECK(std::string(text, end) == "0.5");
  end = to_chars_shortest_fixed(text, -30812345.678);
  REQUIRE(end != nullptr);
  CHECK(std::string(text, end) == "-30812345.678");
}
