// An inverse CDF by table, so that a draw of any input costs one uniform and a
// polynomial instead of a rejection loop (Cheng's beta) or Box-Muller's logarithm and sines.
//
// The probabilities below 1/2 are cut into octaves [2^-(o+2), 2^-(o+1)), o = 0..kOctaves-1,
// each into kCells cells of equal width; those above 1/2 likewise by their complement
// v = 1 - p (exact in binary for p >= 1/2). In each cell the quantile is the polynomial of
// degree kDegree that interpolates the exact quantile at the cell's Chebyshev nodes. A
// probability's cell and its position in the cell are read from its bits (exponent and top
// mantissa bits), so a lookup is a few integer operations and kDegree multiply-adds. Relative
// cell widths are at most 1/16 everywhere, so the quantiles of the smooth distributions used
// here (beta-PERT, normal) are reproduced to about an ulp (tests/model/test_quantile_table.cpp
// checks 1e-14 on the beta's [0, 1] and 1e-13 relative for the normal); probabilities beyond the
// table (within 2^-13 of 0 or 1, one draw in 4,096) call the exact quantile.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <vector>

namespace outage {

class QuantileTable {
 public:
  // `lower(p)` is the exact quantile at p, and `upper(v)` the exact quantile at 1 - v, for
  // p, v in (0, 1/2] (upper() takes the complement so that precision near 1 is not lost).
  // Each is called kOctaves * kCells * (kDegree + 1) times here, and later for probabilities
  // beyond the table.
  QuantileTable(std::function<double(double)> lower, std::function<double(double)> upper);

  // The quantile at `probability` in (0, 1).
  double operator()(double probability) const {
    if (probability < 0.5) return look_up(m_lower, probability, m_exact_lower);
    return look_up(m_upper, 1.0 - probability, m_exact_upper);
  }
  // The quantile at 1 - `complement`, for `complement` in (0, 1/2].
  double complement(double complement) const { return look_up(m_upper, complement, m_exact_upper); }

  static constexpr int kOctaves = 12;
  static constexpr int kCellBits = 4;
  static constexpr int kCells = 1 << kCellBits;
  static constexpr int kDegree = 7;
  static_assert(kDegree == 7, "look_up's Estrin scheme is written for degree 7");

 private:
  struct alignas(64) Cell {
    std::array<double, kDegree + 1> coefficients{};  // of t^0..t^D, t in [-1, 1]
  };
  using Half = std::vector<Cell>;

  static Half build(const std::function<double(double)>& quantile);
  // Inline: loops over many draws keep several lookups in flight.
  static double look_up(const Half& half, double p, const std::function<double(double)>& exact) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &p, sizeof bits);
    // p in [2^-(o+2), 2^-(o+1)) has biased exponent 1021 - o; a negative p, NaN, 0 and 1/2
    // itself fall outside [0, kOctaves) and go to the exact quantile.
    const auto octave = std::int64_t{1021} - static_cast<std::int64_t>(bits >> 52);
    if (octave < 0 || octave >= kOctaves) return exact(p);
    const auto cell = static_cast<std::size_t>((bits >> kFractionBits) & (kCells - 1));
    // The position in the cell, exactly: the remaining mantissa bits mapped to [-1, 1).
    const double t = static_cast<double>(bits & kFractionMask) * kFractionScale - 1.0;
    const auto& c = half[static_cast<std::size_t>(octave) * kCells + cell].coefficients;
    // Estrin's scheme: a shorter dependency chain than Horner's.
    const double t2 = t * t;
    const double t4 = t2 * t2;
    const double low = (c[0] + c[1] * t) + t2 * (c[2] + c[3] * t);
    const double high = (c[4] + c[5] * t) + t2 * (c[6] + c[7] * t);
    return low + t4 * high;
  }
  static constexpr int kFractionBits = 52 - kCellBits;
  static constexpr std::uint64_t kFractionMask = (std::uint64_t{1} << kFractionBits) - 1;
  // 2 / 2^kFractionBits: the fraction bits to [0, 2).
  static constexpr double kFractionScale =
      2.0 / static_cast<double>(std::uint64_t{1} << kFractionBits);

  std::function<double(double)> m_exact_lower, m_exact_upper;
  Half m_lower, m_upper;
};

// The standard normal quantile by table (built once, on first use; thread-safe).
const QuantileTable& normal_quantile_table();

}  // namespace outage
