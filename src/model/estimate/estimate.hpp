// An estimate of one outage: the scenario's central values through the model, per segment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/iim/inoperability.hpp"
#include "model/scenario/prepared.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

// Summary statistics of a sampled loss (filled by Monte Carlo runs).
struct LossStats {
  double mean = 0;
  double p5 = 0;
  double p50 = 0;
  double p95 = 0;
  double stddev = 0;
  std::vector<std::pair<double, double>> extra_percentiles;  // (percent, value), e.g. (99, x)
  // Monte Carlo standard errors: of the mean, SD / sqrt(N); of a percentile, half the spread
  // between the order statistics one binomial standard deviation either side of its rank
  // (N p -+ sqrt(N p (1 - p))), a distribution-free estimate.
  double mean_stderr = 0;
  double p5_stderr = 0;
  double p50_stderr = 0;
  double p95_stderr = 0;
  std::size_t count = 0;  // draws summarised (0: not known)
};

struct SegmentEstimate {
  std::string id;
  std::string name;
  double gross_loss = 0;
  double net_loss = 0;
  double direct_loss = 0;
  double indirect_loss = 0;
  double peak_inoperability = 0;
  bool saturated = false;  // equilibrium inoperability above 1: the links overstate dependency
  std::optional<LossStats> stats;
  // With covers (docs/risk.md): what they pay for this segment's loss, at central values, and over
  // the draws.
  std::optional<double> insured_loss;
  std::optional<LossStats> insured_stats;
  // A welfare segment is left out of `Estimate::total` (see `welfare_total`).
  SegmentKind kind = SegmentKind::market;
  std::optional<double> value_added_loss;       // value_added_share x net_loss, when given
  std::optional<double> value_added_loss_mean;  // the same over the draws (--samples)
};

struct TotalEstimate {
  double gross_loss = 0;
  double net_loss = 0;
  double direct_loss = 0;
  double indirect_loss = 0;
  std::optional<LossStats> stats;
  std::optional<double> insured_loss;
  std::optional<LossStats> insured_stats;
  // Summed over the segments (of this total) that give a value-added share; none: empty.
  std::optional<double> value_added_loss;
  std::optional<double> value_added_loss_mean;
};

// One cover's result at central values.
struct CoverEstimate {
  std::string name;
  double covered_loss = 0;  // X: the covered segments' net loss after the waiting period
  double insured_loss = 0;  // what the cover pays
};

struct Estimate {
  std::string scenario;
  std::string currency;
  ModelKind model = ModelKind::dynamic_model;
  std::int64_t samples = 0;
  std::uint64_t seed = 0;
  std::optional<double> start_unix_seconds;
  double duration_hours = 0;
  double severity = 1;
  std::vector<SegmentEstimate> segments;
  TotalEstimate total;                // the market segments only
  std::vector<CoverEstimate> covers;  // with [[cover]] tables
  std::vector<std::string> warnings;
  // The welfare segments' sum (users' lost value), when the scenario has any: never in `total`.
  std::optional<TotalEstimate> welfare_total;
};

// The scenario's outage at its central values (prepared for Purpose::estimate).
Estimate estimate_point(const PreparedScenario& prepared);

}  // namespace outage
