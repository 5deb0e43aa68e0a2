// One Monte Carlo draw of a scenario: its inputs drawn (InputSampler) and its net losses
// evaluated by the cheapest exact path that its uncertain inputs allow:
//  - linear: only r, d, f and severities vary, so the loss is a fixed matrix times d
//    (unit_response_matrix), scaled by r, (1 - f) and the severities;
//  - duration: the duration varies too (one phase, no build-up): OutagePricer::integrate,
//    the profile's prefix sums over the outage and precomputed recovery tails;
//  - drawn: recovery times or link shares vary too (one phase, no build-up, a dynamic model
//    without horizon, links without a cycle): OutagePricer::integrate_drawn, exp(M t) as a sum
//    of exponentials integrated in closed form against the week's profile;
//  - flat: no demand profile in use and the links and build-up times fixed (any phases, a
//    build-up, drawn recovery times and durations): FlatPricer, exp(G t) applied to vectors
//    and solves with the one factorisation of I - A*;
//  - solve: anything else, or a draw the closed forms refuse: solve_losses.
// Every path agrees with solve_losses to 1e-9 relative (tests/model/test_draw_paths.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "model/iim/closed_form.hpp"
#include "model/iim/flat_pricer.hpp"
#include "model/iim/inoperability.hpp"
#include "model/scenario/input_sampler.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/prepared.hpp"

namespace outage {

// Working space of one thread: reused from draw to draw.
struct DrawScratch {
  std::vector<double> values;  // every input's value in this draw (InputTable order)
  ModelInputs inputs;          // central values, overwritten by the uncertain inputs
  Vector response, phase_response, integral;
  std::vector<Vector> work;
  FlatScratch flat;
  Vector insured;  // with covers
};

enum class DrawPath { linear, duration, drawn, flat, solve };

// Built once and shared by the worker threads (read-only); each thread brings its own
// DrawScratch.
class DrawEvaluator {
 public:
  // `streams`: input k's random stream (common_streams); empty: its position in the table.
  DrawEvaluator(const PreparedScenario& prepared, std::uint64_t seed,
                std::vector<std::uint32_t> streams = {});

  DrawPath path() const { return m_path; }
  bool is_fast() const { return m_path == DrawPath::linear; }
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
  void insure(DrawScratch& scratch, const Vector& net) const;

 private:
  void evaluate_linear(DrawScratch& scratch, Vector& net) const;
  // False when the closed form does not apply to this draw (then solve_losses).
  bool evaluate_priced(DrawScratch& scratch, Vector& net) const;
  DrawPath choose_path() const;
  void prepare_covers();
  Vector linear_loss_after(const ModelInputs& inputs, double wait, const Vector& net) const;

  const InputTable& m_table;
  InputSampler m_sampler;
  const ModelInputs& m_central;
  DrawPath m_path = DrawPath::solve;
  std::vector<Matrix> m_responses;  // linear: one per phase
  // Linear, with covers: per waiting period, the unit responses counted until it ends (empty
  // when the outage never outlasts it).
  std::vector<std::pair<double, std::vector<Matrix>>> m_responses_before;
  std::unique_ptr<OutagePricer> m_pricer;  // duration and drawn
  std::unique_ptr<FlatPricer> m_flat;      // flat
  // flat: net loss per unit integral, (1 - f) r, when neither is drawn (else from the draw).
  void evaluate_flat(DrawScratch& scratch, std::optional<double> until, Vector& net) const;
  double m_start_hour = 0;
};

}  // namespace outage
