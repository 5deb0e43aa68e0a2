// Exact integer arithmetic, no tables of powers of two: in the range served, value = m * 2^e
// with e <= 0, and value * 10^j with its integer part of 17 digits fits, with two guard bits,
// in 128 bits. The decimals that read back as `value` are those within half a unit in the last
// place (a quarter below a power of two), ends included when m is even (round-half-even
// reading); the shortest has the most trailing zeros, and of those the closest is kept.
#include "util/shortest_fixed.hpp"

#include <cstdint>
#include <cstring>
#include <utility>

namespace outage {
namespace {

__extension__ typedef unsigned __int128 u128;  // GCC and Clang

constexpr std::uint64_t kPow10[19] = {1ULL,
                                      10ULL,
                                      100ULL,
                                      1000ULL,
                                      10000ULL,
                                      100000ULL,
                                      1000000ULL,
                                      10000000ULL,
                                      100000000ULL,
                                      1000000000ULL,
                                      10000000000ULL,
                                      100000000000ULL,
                                      1000000000000ULL,
                                      10000000000000ULL,
                                      100000000000000ULL,
                                      1000000000000000ULL,
                                      10000000000000000ULL,
                                      100000000000000000ULL,
                                      1000000000000000000ULL};

// 10^j for 0 <= j <= 22.
u128 pow10_wide(int j) {
  return j <= 18 ? u128{kPow10[j]} : u128{kPow10[18]} * kPow10[j - 18];
}

// floor(e * log10(2)) for |e| <= 1000 (78913 / 2^18 is log10(2) to 6e-7; tested over the range
// used).
int floor_log10_pow2(int e) {
  return (e * 78913) >> 18;
}

constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Writes the 8 decimal digits of x < 10^8 at `out`.
void write8(char* out, std::uint32_t x) {
  const std::uint32_t high = x / 10000;
  const std::uint32_t low = x % 10000;
  std::memcpy(out, kDigitPairs + 2 * (high / 100), 2);
  std::memcpy(out + 2, kDigitPairs + 2 * (high % 100), 2);
  std::memcpy(out + 4, kDigitPairs + 2 * (low / 100), 2);
  std::memcpy(out + 6, kDigitPairs + 2 * (low % 100), 2);
}

// value = m 2^e scaled to 17 significant digits: v = value * 10^j * 2^shift, and the integers
// [lo, hi] (17-digit decimals) that read back as value, never empty (the interval is wider
// than 1.1).
struct ScaledValue {
  int j = 0;
  int shift = 0;
  std::uint64_t v_int = 0;  // floor(value * 10^j)
  u128 v_frac = 0;          // the rest, over 2^shift
  std::uint64_t lo = 0, hi = 0;
};

ScaledValue scale_value(double value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  const std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
  const std::uint64_t m = fraction | (std::uint64_t{1} << 52);
  const int e = static_cast<int>((bits >> 52) & 0x7ff) - 1075;  // value = m * 2^e, -69 <= e <= 0
  const bool closed = (m & 1) == 0;  // the interval's ends read back as value too
  ScaledValue scaled;
  scaled.shift = 2 - e;  // value * 10^j = V / 2^shift
  const int shift = scaled.shift;
  // j such that value * 10^j lies in [10^16, 10^17): floor(log10 value) is at most
  // floor((e + 53) log10 2) and at least one less.
  scaled.j = 16 - floor_log10_pow2(e + 53);
  u128 scale = pow10_wide(scaled.j);
  u128 v = (u128{m} * scale) << 2;
  if (static_cast<std::uint64_t>(v >> shift) < kPow10[16]) {
    ++scaled.j;
    scale *= 10;
    v = (u128{m} * scale) << 2;
  }
  const u128 above = scale << 1;                     // half a unit in the last place above
  const u128 below = fraction == 0 ? scale : above;  // a quarter below a power of two
  const u128 mask = (u128{1} << shift) - 1;
  const u128 low = v - below;
  const u128 high = v + above;
  scaled.v_int = static_cast<std::uint64_t>(v >> shift);
  scaled.v_frac = v & mask;
  const auto low_int = static_cast<std::uint64_t>(low >> shift);
  const auto high_int = static_cast<std::uint64_t>(high >> shift);
  scaled.lo = closed && (low & mask) == 0 ? low_int : low_int + 1;
  scaled.hi = !closed && (high & mask) == 0 ? high_int - 1 : high_int;
  return scaled;
}

// The shortest digits: k 10^t with the largest power of ten 10^t that has a multiple in
// [lo, hi], the multiple closest to value, ties to even, kept inside [lo, hi].
std::pair<std::uint64_t, int> shortest_digits(const ScaledValue& scaled) {
  int t = 0;
  std::uint64_t q = scaled.hi;           // floor(hi / 10^t)
  std::uint64_t q_value = scaled.v_int;  // floor(v_int / 10^t)
  while (q / 10 * kPow10[t + 1] >= scaled.lo) {
    q /= 10;
    q_value /= 10;
    ++t;
  }
  const std::uint64_t rest = scaled.v_int - q_value * kPow10[t];
  bool up;
  bool tie;
  if (t == 0) {
    const u128 half = u128{1} << (scaled.shift - 1);
    up = scaled.v_frac > half;
    tie = scaled.v_frac == half;
  } else {
    const std::uint64_t half = kPow10[t] / 2;
    up = rest > half || (rest == half && scaled.v_frac != 0);
    tie = rest == half && scaled.v_frac == 0;
  }
  if (tie) up = (q_value & 1) != 0;
  std::uint64_t k = q_value + (up ? 1 : 0);
  if (k * kPow10[t] < scaled.lo) ++k;
  if (k > q) k = q;
  return {k, t};
}

// k * 10^(t - j) in fixed notation at `out`; returns the end. k has 17 - t digits (18 - t
// when t = 17: k = 1), no trailing zero (a multiple of 10^(t+1) would have been found), and
// k < 10^18. Its digits are written right-aligned in 24 characters, then copied in fixed-size
// blocks (what a block writes beyond the text is overwritten or past the returned end).
char* write_fixed(char* out, std::uint64_t k, int t, int j) {
  const int digits = 17 - t + (k >= kPow10[17 - t] ? 1 : 0);
  char text[48];
  write8(text, static_cast<std::uint32_t>(k / 10000000000000000ULL));
  write8(text + 8, static_cast<std::uint32_t>(k / 100000000ULL % 100000000ULL));
  write8(text + 16, static_cast<std::uint32_t>(k % 100000000ULL));
  std::memset(text + 24, 0, 24);
  const char* lead = text + 24 - digits;
  const int exponent = t - j;
  const int point = digits + exponent;  // digits before the decimal point
  if (exponent >= 0) {                  // a whole number: the digits, then zeros
    std::memcpy(out, lead, 24);
    out += digits;
    std::memset(out, '0', 16);
    return out + exponent;
  }
  if (point > 0) {  // the integer part, the point, the fraction
    std::memcpy(out, lead, 24);
    out[point] = '.';
    std::memcpy(out + point + 1, lead + point, 24);
    return out + digits + 1;
  }
  out[0] = '0';
  out[1] = '.';
  std::memset(out + 2, '0', 8);
  std::memcpy(out + 2 - point, lead, 24);
  return out + 2 - point + digits;
}

}  // namespace

char* to_chars_shortest_fixed(char* first, double value) {
  const double magnitude = value < 0 ? -value : value;
  if (!(magnitude >= 1e-5 && magnitude < 9007199254740992.0)) return nullptr;  // NaN too
  const ScaledValue scaled = scale_value(magnitude);
  const auto [k, t] = shortest_digits(scaled);
  char* out = first;
  if (value < 0) *out++ = '-';
  return write_fixed(out, k, t, scaled.j);
}

}  // namespace outage
