// Monte Carlo estimates (docs/model.md, "Uncertainty"): N draws of every uncertain input, each from
// its own random stream, evaluated in parallel and reduced in draw order, so the same seed gives
// the same bytes whatever the number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/estimate/estimate.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

constexpr std::uint64_t kDefaultSeed = 20240305;
// Draws made when a scenario has uncertain inputs and --samples is not given: the headline is
// then a statistic of the distribution (docs/model.md, "Version 2 additions").
constexpr std::int64_t kHeadlineSamples = 10000;

struct SamplingOptions {
  std::int64_t samples = 0;
  std::uint64_t seed = kDefaultSeed;
  int threads = 1;
  std::vector<double> extra_percentiles;  // in percent, e.g. {1, 99}
  // Called now and then from the calling thread with the number of draws done.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
  bool keep_inputs = false;  // keep every uncertain input's draws (for --draws)
  // Input k's random stream (common_streams); empty: its position in the input table.
  std::vector<std::uint32_t> streams;
};

// Net losses of every draw: segment-major blocks of `samples` values, the total last.
struct SampledLosses {
  std::int64_t samples = 0;
  std::size_t segments = 0;
  std::vector<double> net;
  std::vector<double> insured;  // with covers: the insured losses, laid out as `net`
  // With SamplingOptions::keep_inputs: the uncertain inputs' names (--set names) and their
  // draws, input-major blocks of `samples` values.
  std::vector<std::string> input_names;
  std::vector<double> inputs;
  bool fast_path = false;  // every draw through the unit-response matrices (no solve)
  // Every draw priced in closed form from precomputed tails (duration, recovery times or link
  // shares drawn; a draw the closed form cannot take is solved).
  bool closed_form_path = false;
  bool flat_path = false;  // flat demand: phases and build-up in closed form (FlatPricer)
  double seconds = 0;      // wall time of the draws
  // The total is of the market segments only (a welfare segment is never summed with them).
  // Mean value_added_loss (drawn share x drawn net) per segment, the total last; NaN where no
  // segment gives a share.
  std::vector<double> value_added_mean;
  const double* segment(std::size_t index) const {
    return net.data() + index * static_cast<std::size_t>(samples);
  }
  const double* total() const { return segment(segments); }
  const double* insured_segment(std::size_t index) const {
    return insured.data() + index * static_cast<std::size_t>(samples);
  }
};

// Memory the draws need, in bytes; sample_net_losses refuses runs above `max_bytes`.
std::size_t sampling_memory_bytes(const Scenario& scenario, std::int64_t samples);

// Draws `options.samples` scenarios and returns each draw's net losses. Throws Error naming the
// parameter when a draw breaks a constraint (a share outside [0, 1], a spectral radius >= 1).
SampledLosses sample_net_losses(const PreparedScenario& prepared, const SamplingOptions& options);

// Mean, p5, p50, p95, sample standard deviation and the extra percentiles of `values`
// (percentiles interpolate linearly between order statistics, numpy's default), with the
// Monte Carlo standard errors of the mean, p5, p50 and p95. `values` hold no NaN.
LossStats summarize_losses(const double* values, std::size_t count,
                           const std::vector<double>& extra_percentiles);
LossStats summarize_losses(const std::vector<double>& values,
                           const std::vector<double>& extra_percentiles);

// --samples auto: draws until the total's p5, p50 and p95 each have a Monte Carlo standard
// error within `relative` of their value (0.005: 0.5 %), starting at kHeadlineSamples and
// growing by the factor the standard errors ask for, up to kMaxAutoSamples (or the memory
// limit); the estimate's `samples` says how many it took, a warning when the cap was reached.
constexpr std::int64_t kMaxAutoSamples = 20'000'000;
Estimate estimate_to_precision(const PreparedScenario& prepared, SamplingOptions options,
                               double relative, SampledLosses* keep_draws = nullptr);

// The point estimate plus, when options.samples > 0, statistics of every segment and the total.
Estimate estimate_with_uncertainty(const PreparedScenario& prepared, const SamplingOptions& options,
                                   SampledLosses* keep_draws = nullptr);

}  // namespace outage
