// One simulated outage of docs/risk.md: its draws (the year's count, then each outage's duration,
// severity and start) and its price under the scenario's model, with the scenario's other
// uncertain inputs drawn afresh for each outage unless central values are asked for.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "model/iim/closed_form.hpp"
#include "model/iim/flat_pricer.hpp"
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

// Working space of one thread.
struct OutageScratch {
  Vector revenue, dependency, kept, recovery, response, integral;
  Matrix interdependency;
  std::vector<double> values;  // every scenario input, in input-table order
  std::vector<Vector> work;
  // The u the last price() integrated against (null: it solved the outage in full).
  const Vector* priced_response = nullptr;
  Vector covered;  // X for one waiting period (covers)
  FlatScratch flat;
  std::vector<std::pair<double, double>> phases;  // the outage's one phase, for the flat pricer
};

// Random streams: year y's count reads (seed, y, 2^32 - 1); outage e of year y reads its
// duration, severity and start from (seed, y + e * 2^32, 2^32 - 1) and scenario input k (its
// position in the input table) from (seed, y + e * 2^32, k). Nothing depends on other years or
// on threads.
class OutageEvaluator {
 public:
  // `scenario` and `process` must be valid and outlive the evaluator.
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
  void covered_after(const OutageDraw& outage, double wait, OutageScratch& scratch,
                     const Vector& net, Vector& covered) const;

  // True when every outage goes through the precomputed pricer (no solve per outage).
  bool is_precomputed() const { return m_precomputed || m_flat; }
  const PreparedScenario& prepared() const { return m_prepared; }

 private:
  void draw_inputs(std::int64_t year, std::int64_t event, OutageScratch& scratch) const;
  bool price_drawn_structure(const OutageDraw& outage, OutageScratch& scratch, Vector& net) const;
  void price_with_solver(const OutageDraw& outage, OutageScratch& scratch, Vector& net) const;
  ModelInputs solver_inputs(const OutageDraw& outage, const OutageScratch& scratch) const;

  const PreparedScenario& m_prepared;
  const Scenario& m_scenario;
  const RiskProcess& m_process;
  std::uint64_t m_seed;
  bool m_central;
  Sampler m_rate, m_duration, m_severity;
  const InputTable& m_table;
  InputSampler m_sampler;
  const ModelInputs& m_central_inputs;
  std::unique_ptr<OutagePricer> m_pricer;
  // With covers: the same model counted during the outage only (static), whose integral over
  // the first W hours is what accrues before a waiting period W.
  std::unique_ptr<OutagePricer> m_window_pricer;
  // Without profiles, with links and build-up fixed: every outage in closed form (a build-up
  // included), when the precomputed tails do not apply.
  std::unique_ptr<FlatPricer> m_flat;
  bool price_flat(const OutageDraw& outage, OutageScratch& scratch, Vector& net) const;
  bool m_precomputed = false;
  bool m_drawn_path = true;  // drawn recovery and links may use the pricer's sums of exponentials
  bool m_inputs_uncertain = false;     // r, d, f drawn per outage
  bool m_structure_uncertain = false;  // recovery or links drawn per outage
  Vector m_central_response;
};

// A Poisson count with mean `mean` >= 0, by inversion (in pieces of at most 500 for large
// means), from `stream`.
std::int64_t draw_poisson(RandomStream& stream, double mean);

}  // namespace outage
