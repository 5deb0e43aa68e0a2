// The losses of one outage of a batch from the per-hour-of-week precomputations of `risk`
// (closed_form.hpp), with several phases by superposition: an outage whose severity steps by
// s_p - s_(p-1) at t_p is the sum of outages starting at t_p at unit severity, each recovering
// from the same end (the model is linear in the severity). One OutagePricer prices the coupled
// model (gross) and one with A* = 0 the direct losses. Exact to rounding; the CLI's `batch`
// then costs a few n-vector products per incident however fine its durations and starts.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "model/iim/closed_form.hpp"
#include "model/iim/inoperability.hpp"

namespace outage {

// Working space of one thread.
struct PhasedScratch {
  std::vector<Vector> work;
  Vector integral, coupled_sum, isolated_sum;
};

class PhasedPricer {
 public:
  // `inputs` gives the recovery times, links, model, horizon, profiles, r, d and f (not the
  // duration, start or phases); its profiles must outlive the pricer.
  explicit PhasedPricer(const ModelInputs& inputs, std::size_t phase_count);

  // False when solve_losses is needed instead: a buildup, a model the pricer cannot precompute
  // (see OutagePricer::is_exact), or phases cut by a static model's horizon.
  bool usable() const { return m_usable; }

  // What solve_losses returns for these inputs with this duration, start and phases (sorted,
  // the first at 0, each before the end).
  void losses(double duration_hours, double start_hour_of_week,
              const std::vector<std::pair<double, double>>& phases, PhasedScratch& scratch,
              SegmentLosses& result) const;
  // A hint that losses() comes next for this outage (OutagePricer::prefetch_fixed), for its
  // first phase (a scenario's later phases are few and read the same tables).
  void prefetch(double duration_hours, double start_hour_of_week) const;

 private:
  ModelInputs m_inputs;
  bool m_usable = false;
  std::optional<OutagePricer> m_coupled;
  std::optional<OutagePricer> m_isolated;
  Vector m_response;          // (I - A*)^-1 d
  std::vector<bool> m_alone;  // a zero row of A*: gross = direct exactly
};

}  // namespace outage
