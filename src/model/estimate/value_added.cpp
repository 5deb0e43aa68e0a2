#include "model/estimate/value_added.hpp"

#include <cmath>
#include <optional>

#include "model/scenario/rollup.hpp"

namespace outage {

void add_draw_value_added(const Vector& shares, const Vector& net, double* sums) {
  const auto n = static_cast<std::size_t>(net.size());
  for (std::size_t i = 0; i < n; ++i) {
    const double share = shares[static_cast<Eigen::Index>(i)];
    if (std::isnan(share)) continue;
    const double value_added = Rollup::value_added(share, net[static_cast<Eigen::Index>(i)]);
    sums[i] += value_added;
    sums[n] += value_added;
  }
}

std::vector<double> mean_value_added(const Scenario& scenario, const std::vector<double>& chunks,
                                     std::int64_t samples) {
  const std::size_t n = scenario.segments.size();
  std::vector<double> mean(n + 1, NAN);
  for (std::size_t i = 0; i < n; ++i) {
    if (!scenario.segments[i].value_added_share) continue;
    mean[i] = 0;
    mean[n] = 0;
  }
  for (std::size_t c = 0; c < chunks.size(); c += n + 1) {
    for (std::size_t i = 0; i <= n; ++i) mean[i] += chunks[c + i];
  }
  for (double& value : mean) value /= static_cast<double>(samples);
  return mean;
}

// The mean value added of each segment and of the market total, and the welfare
// total's statistics (the sum of the welfare segments' draws), into `estimate`.
void add_sampled_value_added_and_welfare(const PreparedScenario& prepared,
                                         const SampledLosses& draws, const SamplingOptions& options,
                                         Estimate& estimate) {
  const std::size_t n = prepared.scenario().segments.size();
  const auto known = [](double value) {
    return std::isnan(value) ? std::nullopt : std::optional{value};
  };
  for (std::size_t i = 0; i < n; ++i) {
    estimate.segments[i].value_added_loss_mean = known(draws.value_added_mean[i]);
  }
  estimate.total.value_added_loss_mean = known(draws.value_added_mean[n]);
  if (!estimate.welfare_total) return;
  const Rollup& rollup = prepared.rollup();
  std::vector<double> welfare(static_cast<std::size_t>(draws.samples), 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!rollup.is_welfare(i)) continue;
    const double* values = draws.segment(i);
    for (std::size_t j = 0; j < welfare.size(); ++j) welfare[j] += values[j];
  }
  estimate.welfare_total->stats = summarize_losses(welfare, options.extra_percentiles);
}

}  // namespace outage
