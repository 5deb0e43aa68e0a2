// Comparisons (docs/risk.md, "Comparisons"): B - A per segment and total, at central values, over
// paired draws (common random numbers: draw j of both sides uses the same random numbers for
// the inputs they share) and over the same simulated years (`risk`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/estimate/monte_carlo.hpp"
#include "model/risk/risk.hpp"
#include "model/scenario/prepared.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

// One row of the long form: segment (an id or "total"), measure, return period (AEP/OEP).
struct ComparisonRow {
  std::string segment;
  std::string measure;  // net_loss, net_loss_mean, net_loss_p5..., AAL, AEP, OEP
  std::optional<double> return_period;
  double a = 0;
  double b = 0;
  double difference = 0;  // b - a, or with draws the statistic of the paired differences
  // Monte Carlo standard error of the difference (AAL: of the mean of the paired years'
  // differences; drawn means: of the paired draws'), when known.
  std::optional<double> difference_stderr;
};

struct Comparison {
  std::string a;  // scenario names
  std::string b;
  std::string currency;
  std::int64_t samples = 0;  // paired draws (0: central values only)
  std::int64_t years = 0;    // simulated years (--risk)
  std::uint64_t seed = 0;
  std::vector<std::string> segment_ids;  // A's order
  std::vector<std::string> segment_names;
  std::vector<ComparisonRow> rows;  // per segment then total, measures in the order above
  std::vector<std::string> warnings;
};

// The segment of `b` for each segment of `a` (by id); throws Error at `where` naming the ids
// present on one side only, or when the currencies differ.
std::vector<std::size_t> match_segments(const Scenario& a, const Scenario& b,
                                        const Location& where);

// Central values, and with options.samples > 0 paired draws (both prepared for an estimate).
Comparison compare_estimates(const PreparedScenario& a, const PreparedScenario& b,
                             const SamplingOptions& options, const Location& where);

// AAL, AEP and OEP of both sides over the same simulated years: the same seed, so the years'
// outages share their random numbers (the same outages when the processes are the same).
Comparison compare_risk(const PreparedScenario& a, const RiskProcess& process_a,
                        const PreparedScenario& b, const RiskProcess& process_b,
                        const RiskOptions& options, const Location& where);

}  // namespace outage
