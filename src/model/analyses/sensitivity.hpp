// One-at-a-time sensitivity (a tornado): the total net loss with one input at its p5 and at its
// p95 while every other input stays central; and, from Monte Carlo draws, a variance-based
// ranking by squared rank correlation.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/estimate/monte_carlo.hpp"
#include "model/scenario/prepared.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

struct InputSensitivity {
  std::string input;  // as --set names it: "segment.ads.dependency", "outage.duration"
  double low_value = 0;
  double high_value = 0;
  double total_at_low = 0;
  double total_at_high = 0;
  double swing = 0;                                // |total_at_high - total_at_low|
  bool from_distribution = true;                   // false: a fixed input swung by +-20 % (--all)
  std::optional<double> rank_correlation_squared;  // with --samples
};

struct SensitivityOptions {
  bool all_inputs = false;         // also fixed inputs, swung by +-20 %
  double fixed_swing = 0.2;        // relative swing of fixed inputs
  std::optional<std::size_t> top;  // keep the N largest swings
  SamplingOptions sampling;        // samples > 0: add the rank-correlation ranking
  // Called before each input's swings and at the end with (inputs done, inputs to swing).
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

struct Sensitivity {
  std::string scenario;
  std::string currency;
  double central_total = 0;              // total net loss at central values
  std::optional<LossStats> total_stats;  // with samples: the total's mean, p5, p50, p95, SD
  std::int64_t samples = 0;
  std::uint64_t seed = 0;
  std::vector<InputSensitivity> inputs;  // sorted by swing, largest first
};

// Computes the tornado. Throws Error naming the input when a p5 or p95 value breaks a
// constraint (e.g. a link share whose p95 makes the spectral radius reach 1).
// `keep_draws` receives the draws (with their inputs) when samples were drawn.
Sensitivity sensitivity_analysis(const PreparedScenario& prepared,
                                 const SensitivityOptions& options,
                                 SampledLosses* keep_draws = nullptr);

// Spearman's rank correlation of two equally long samples (average ranks for ties); 0 when
// either sample is constant.
double rank_correlation(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace outage
