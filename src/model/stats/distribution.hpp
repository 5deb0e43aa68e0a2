// A numeric input that is either a number or a distribution (docs/model.md, "Uncertainty").
#pragma once

#include <cmath>
#include <string>

#include "util/error.hpp"

namespace outage {

enum class DistributionKind { fixed, uniform, triangular, pert, lognormal };

// The name used in scenario files: "uniform", "triangular", "pert", "lognormal"; "fixed".
const char* distribution_name(DistributionKind kind);

// The closed or open interval an input's values must lie in.
struct Domain {
  double min = 0;
  double max = 0;
  bool min_open = false;
  bool max_open = false;

  bool contains(double value) const;
  std::string describe() const;  // "in (0, 1]", "> 0"
};

struct Param {
  DistributionKind kind = DistributionKind::fixed;
  // fixed: mode is the value; uniform: low, high; triangular and pert: low, mode, high;
  // lognormal: low = p5, high = p95 (a calibrated 90 % interval).
  double low = 0;
  double mode = 0;
  double high = 0;
  std::string key;  // how --set and sensitivity name it: "segment.ads.dependency"
  Location where;   // where it was written

  static Param fixed(double value, std::string key = {}, Location where = {});

  // The central value of docs/model.md: the value, midpoint, mode, or median sqrt(p5 * p95).
  double central() const;
  // The value at cumulative probability `probability` in (0, 1) (inverse CDF).
  double quantile(double probability) const;
  // P(X <= x) (a fixed value: 0 below it, 1 from it on).
  double cdf(double x) const;
  // P(X in domain): the probability that a draw needs no truncation.
  double probability_within(const Domain& domain) const;
  // The quantile of the distribution truncated to `domain` (the same as quantile() when the
  // support lies inside it).
  double truncated_quantile(double probability, const Domain& domain) const;
  bool is_uncertain() const { return kind != DistributionKind::fixed; }
  // Smallest and largest values a draw can take (lognormal: 0 and infinity).
  double support_min() const;
  double support_max() const;
  // The same distribution with every parameter multiplied by `factor` (> 0): unit changes.
  Param scaled(double factor) const;
  // Lognormal parameters from the 90 % interval: mu = (ln p5 + ln p95) / 2,
  // sigma = (ln p95 - ln p5) / (2 z95).
  double lognormal_mu() const;
  double lognormal_sigma() const;
  // "0.5", "uniform [0.2, 0.8]", "pert [1, 2, 4]", for messages and listings.
  std::string describe() const;
};

// The triangular distribution's inverse CDF at `probability` (Param::quantile, and the samplers'
// loops: one expression, so the same bytes).
inline double triangular_quantile(double probability, double low, double mode, double high) {
  const double width = high - low;
  const double split = (mode - low) / width;
  if (probability < split) return low + std::sqrt(probability * width * (mode - low));
  return high - std::sqrt((1 - probability) * width * (high - mode));
}

// Checks the parameters' order and finiteness (low < high, low <= mode <= high,
// 0 < p5 < p95 for lognormal). Returns an empty string when valid, else what is wrong.
std::string check_distribution_parameters(const Param& param);

}  // namespace outage
