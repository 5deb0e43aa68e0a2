// One Monte Carlo draw of a scenario: its inputs drawn (InputSampler) and its losses priced by
// the one outage pricer (model/pricing/pricer.hpp), whose plan follows from which inputs are
// uncertain. Every plan agrees with solve_losses to 1e-9 relative
// (tests/model/test_draw_paths.cpp).
#pragma once

#include <cstdint>
#include <vector>

#include "model/pricing/pricer.hpp"
#include "model/scenario/input_sampler.hpp"
#include "model/scenario/prepared.hpp"

namespace outage {

// Working space of one thread: the pricer's, and every input's value in this draw (InputTable
// order).
struct DrawScratch : PricerScratch {
  std::vector<double> values;
};

// Built once and shared by the worker threads (read-only); each thread brings its own
// DrawScratch.
class DrawEvaluator {
 public:
  // `streams`: input k's random stream (common_streams); empty: its position in the table.
  DrawEvaluator(const PreparedScenario& prepared, std::uint64_t seed,
                std::vector<std::uint32_t> streams = {});

  PricingPlan path() const { return m_pricer.plan(); }
  bool is_fast() const { return path() == PricingPlan::linear; }
  const InputSampler& sampler() const { return m_sampler; }
  DrawScratch scratch() const;

  // Writes draw `draw`'s net loss per segment into `net` (size n); the draw's input values
  // are left in scratch.values.
  void evaluate(std::int64_t draw, DrawScratch& scratch, Vector& net) const;
  // The same for a draw whose uncertain inputs are already in scratch.values (from
  // sampler().draw_block()).
  void evaluate_drawn(DrawScratch& scratch, Vector& net) const;

  // With covers: draw `draw`'s insured loss per segment into scratch.insured, once evaluate()
  // has left the draw's inputs in `scratch` and its net losses in `net`.
  void insure(DrawScratch& scratch, const Vector& net) const { m_pricer.insure(scratch, net); }

 private:
  const InputTable& m_table;
  InputSampler m_sampler;
  Pricer m_pricer;
};

}  // namespace outage
