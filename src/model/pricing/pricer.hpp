// One outage pricer (docs/ARCHITECTURE.md, "The prepared scenario and the one pricer"): given what
// varies from one outage to the next, a pricing plan is chosen once, and every outage of a run, a
// Monte Carlo draw, an incident of a log or a simulated outage, is priced by it: its net loss per
// segment, every part of its losses (gross, direct, indirect, peak), and the loss that accrues
// after a cover's waiting period. estimate's draws, batch and risk are thin adapters that write
// each outage's values into a PricerScratch and call the pricer. The plans (each exact to rounding
// against solve_losses, tests/model/test_draw_paths.cpp and test_pricer.cpp):
//  - linear: only r, d, f and the phases' severities vary: the loss is a fixed matrix per phase
//    times d (unit_response_matrix), scaled by r, 1 - f and the severities;
//  - closed_form: the duration (and start) vary too, one phase, no build-up: OutagePricer's
//    precomputed tails over the week's profile;
//  - drawn: recovery times or link shares vary too: OutagePricer::integrate_drawn (sums of
//    exponentials), or with a static model u = (I - A*)^-1 d solved for the drawn links and
//    integrated with the fixed tails;
//  - flat: no profile in use, links and build-up times fixed (any phases, a build-up):
//    FlatPricer, exp(G t) applied to vectors and solves with one factorisation of I - A*;
//  - phased: every part of the losses for outages with their own duration, start and first
//    severity (batch) from PhasedPricer's precomputations, phases by superposition;
//  - by_parts: the same where PhasedPricer does not apply: each (duration, start) solved once
//    and scaled by the severity (losses are linear in it), in a bounded cache per scratch;
//  - solve: anything else, or an outage a closed form refuses: solve_losses.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "model/iim/closed_form.hpp"
#include "model/iim/flat_pricer.hpp"
#include "model/iim/inoperability.hpp"
#include "model/iim/phased_pricer.hpp"
#include "model/scenario/prepared.hpp"

namespace outage {

// What changes from one priced outage to the next, fixed for a run. The plan depends on which
// of these vary; `severity` never changes it (every plan is linear in the severities) but says
// what the adapters write.
struct Variation {
  bool amounts = false;       // r, d or f
  bool severity = false;      // the phases' severities (the first phase's, per outage)
  bool duration = false;      // the outage's duration
  bool start = false;         // each outage brings its own start (batch, risk)
  bool recovery = false;      // recovery times
  bool links = false;         // link shares
  bool phase_starts = false;  // when later phases begin
  bool buildup = false;       // build-up times
  // Every part of the losses is wanted (gross, direct, indirect, peak; batch), not only net.
  bool every_part = false;
};

// What varies when the inputs at positions `uncertain` of the table are drawn.
Variation drawn_variation(const InputTable& table, const std::vector<std::size_t>& uncertain);

enum class PricingPlan { linear, closed_form, drawn, flat, phased, by_parts, solve };
const char* pricing_plan_name(PricingPlan plan);

// What accrues before each waiting period (by_parts and phased, with covers): per distinct
// waiting period, the net loss counted until it ends, first phase at severity 1 and later
// phases at 0, and the later phases' part (empty with one phase); nothing when the outage
// does not outlast it.
struct BeforeWait {
  Vector first_phase;
  Vector later_phases;
};

// Working space of one thread, reused from outage to outage. `inputs` holds the outage being
// priced: central values (Pricer::scratch()), overwritten by what varies before each call.
// The rest is the pricer's: intermediate vectors (`response`: u of the outage; `integral`;
// `covered`: the loss before a waiting period; `insured`: insure()'s result), the engines'
// scratch, and the caches of the by-parts plans.
struct PricerScratch {
  ModelInputs inputs;
  Vector response, phase_response, integral, covered, insured;
  std::vector<Vector> work;
  FlatScratch flat;
  PhasedScratch phased;
  SegmentLosses losses;
  // The u the last net() integrated against (null: no closed form did); into this scratch or
  // the pricer, so a copy of a scratch is made before pricing (Pricer::scratch()), not after.
  const Vector* priced_response = nullptr;
  struct Key {
    double duration_hours;
    double start_hour_of_week;
    bool operator==(const Key& other) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const;
  };
  struct Parts {
    SegmentLosses first_phase;   // the first phase at severity 1, later phases at 0
    SegmentLosses later_phases;  // the first phase at 0, later phases as in the scenario
    double later_peak_severity = 0;
  };
  std::unordered_map<Key, Parts, KeyHash> parts;                                    // by_parts
  std::unordered_map<Key, std::vector<std::optional<BeforeWait>>, KeyHash> before;  // covers
};

// Use, per thread: scratch = pricer.scratch(); then for each outage write its values into
// scratch.inputs, call net() (or losses()), and with covers insure() or covered_after() with the
// same scratch and that outage's net loss. The pricer is read-only and shared by threads.
class Pricer {
 public:
  // `prepared` must outlive the pricer.
  Pricer(const PreparedScenario& prepared, const Variation& variation);

  PricingPlan plan() const { return m_plan; }
  const Variation& variation() const { return m_variation; }
  // Whether some segment has a demand profile (an outage then needs a start).
  bool uses_profiles() const { return m_uses_profiles; }
  const PreparedScenario& prepared() const { return m_prepared; }
  PricerScratch scratch() const;

  // The net loss per segment of the outage in scratch.inputs. Throws Error where a draw breaks
  // a constraint only through solve_losses' preconditions (checked by the callers' inputs).
  void net(PricerScratch& scratch, Vector& net) const;
  // Every part of the outage's losses (into scratch.losses): phased and by_parts from their
  // precomputations; any other plan by a full solve (solve_losses).
  const SegmentLosses& losses(PricerScratch& scratch) const;
  // X of docs/risk.md: each segment's net loss from `wait` hours after the start on, for the
  // outage net() or losses() has just priced into `net` with `scratch`. A wait that is none of
  // the covers' waiting periods is solved (net_loss_after).
  void covered_after(double wait, PricerScratch& scratch, const Vector& net, Vector& covered) const;
  // With covers: what they pay for that outage, per segment, into scratch.insured (one outage
  // alone: no aggregate limit; risk's years add that, model/covers/year_insurance.hpp).
  const Vector& insure(PricerScratch& scratch, const Vector& net) const;
  // A hint that the outage of this duration and start comes next (phased: its tables are
  // fetched). Never throws; changes nothing.
  void prefetch(double duration_hours, double start_hour_of_week) const;

 private:
  PricingPlan choose(const Variation& variation) const;
  void prepare_engines();
  void prepare_linear();
  bool prepare_closed_form();  // false: the closed form does not apply
  double start_of(const ModelInputs& inputs) const;
  void net_linear(PricerScratch& scratch, Vector& net) const;
  bool net_closed_form(PricerScratch& scratch, Vector& net) const;
  void net_flat(PricerScratch& scratch, std::optional<double> until, Vector& net) const;
  const PricerScratch::Parts& parts_of(PricerScratch& scratch) const;
  // Before the covers' w-th waiting period (linear).
  void linear_before(std::size_t w, const ModelInputs& inputs, Vector& before) const;
  const std::vector<std::optional<BeforeWait>>& before_of(PricerScratch& scratch) const;

  const PreparedScenario& m_prepared;
  const ModelInputs& m_central;
  Variation m_variation;
  PricingPlan m_plan = PricingPlan::solve;
  std::vector<double> m_waits;      // the covers' distinct waiting periods
  std::vector<Matrix> m_responses;  // linear: one per phase
  // linear, with covers: per waiting period, the unit responses counted until it ends (empty
  // when the outage never outlasts it).
  std::vector<std::vector<Matrix>> m_responses_before;
  std::unique_ptr<OutagePricer> m_closed_form;  // closed_form and drawn
  // With covers: the same links counted during the outage only (static, no horizon), whose
  // integral over the first W hours is what accrues before a waiting period W.
  std::unique_ptr<OutagePricer> m_window;
  std::unique_ptr<FlatPricer> m_flat;
  std::unique_ptr<PhasedPricer> m_phased;
  Vector m_central_response;  // closed_form without drawn d: u at central values
  bool m_static = false;      // a static model (drawn: u solved per outage, fixed tails)
  bool m_uses_profiles = false;
};

}  // namespace outage
