// Value added and welfare in Monte Carlo runs (the rule: model/scenario/rollup.hpp): the mean value
// added over the draws, and the welfare total's statistics (welfare segments are never summed into
// the market total).
#pragma once

#include <cstdint>
#include <vector>

#include "model/estimate/estimate.hpp"
#include "model/estimate/monte_carlo.hpp"

namespace outage {

// Adds one draw's value added, share x net of each segment that gives a share (NaN: none), to
// `sums` (n values, then their total).
void add_draw_value_added(const Vector& shares, const Vector& net, double* sums);

// The mean of per-chunk sums of value added (blocks of segments + 1 values: the segments, then
// the total), summed in chunk order; NaN where the segment gives no share (the total: none does).
std::vector<double> mean_value_added(const Scenario& scenario, const std::vector<double>& chunks,
                                     std::int64_t samples);

// The mean value added of each segment and of the market total, and the welfare total's
// statistics (the sum of the welfare segments' draws), into `estimate`.
void add_sampled_value_added_and_welfare(const PreparedScenario& prepared,
                                         const SampledLosses& draws, const SamplingOptions& options,
                                         Estimate& estimate);

}  // namespace outage
