// One simulated outage of docs/risk.md: its draws (the year's count, then each outage's duration,
// severity and start) and its price under the scenario's model, with the scenario's other
// uncertain inputs drawn afresh for each outage unless central values are asked for.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "model/pricing/pricer.hpp"
#include "model/scenario/input_sampler.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/prepared.hpp"
#include "model/scenario/risk_process.hpp"
#include "model/scenario/scenario.hpp"
#include "model/stats/sampling.hpp"

namespace outage {

struct OutageDraw {
  double start_hour_of_week = 0;
  double duration_hours = 0;
  double severity = 1;
};

// Working space of one thread: the pricer's (its inputs hold the outage being priced), and
// every scenario input's value in input-table order.
struct OutageScratch : PricerScratch {
  std::vector<double> values;
};

// Random streams: year y's count reads (seed, y, 2^32 - 1); outage e of year y reads its
// duration, severity and start from (seed, y + e * 2^32, 2^32 - 1) and scenario input k (its
// position in the input table) from (seed, y + e * 2^32, k). Nothing depends on other years or
// on threads. Each outage is priced by the one outage pricer (model/pricing/pricer.hpp).
class OutageEvaluator {
 public:
  // `prepared` (for Purpose::risk) and `process` must be valid and outlive the evaluator.
  OutageEvaluator(const PreparedScenario& prepared, const RiskProcess& process, std::uint64_t seed,
                  bool central);

  // The number of outages in year `year` (1-based): Poisson of the year's rate.
  std::int64_t draw_count(std::int64_t year) const;
  // Outage `event` (1-based) of year `year`.
  OutageDraw draw_outage(std::int64_t year, std::int64_t event) const;
  // Each segment's net loss; throws Error naming the input when a draw breaks a constraint.
  void price(std::int64_t year, std::int64_t event, const OutageDraw& outage,
             OutageScratch& scratch, Vector& net) const;

  // With covers: each segment's net loss from `wait` hours after the outage's start on (X of
  // docs/risk.md), for the outage price() has just priced into `net` with `scratch`.
  void covered_after(double wait, OutageScratch& scratch, const Vector& net,
                     Vector& covered) const {
    m_pricer.covered_after(wait, scratch, net, covered);
  }

  // True when no outage needs a solve of its own (a closed form prices every one).
  bool is_precomputed() const { return m_pricer.plan() != PricingPlan::solve; }
  const PreparedScenario& prepared() const { return m_prepared; }
  const Pricer& pricer() const { return m_pricer; }

 private:
  static Variation variation_of(const InputTable& table, bool central);

  const PreparedScenario& m_prepared;
  const RiskProcess& m_process;
  std::uint64_t m_seed;
  Sampler m_rate, m_duration, m_severity;
  InputSampler m_sampler;
  bool m_drawn = false;  // the scenario's uncertain inputs drawn per outage
  Pricer m_pricer;
};

// A Poisson count with mean `mean` >= 0, by inversion (in pieces of at most 500 for large
// means), from `stream`.
std::int64_t draw_poisson(RandomStream& stream, double mean);

}  // namespace outage
