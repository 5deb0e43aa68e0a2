// The pricer's covered loss X (docs/risk.md, "Covers"): what accrues after a waiting period,
// for each plan from the same engines as the outage's net loss.
#include <algorithm>

#include "model/covers/cover.hpp"
#include "model/pricing/pricer.hpp"

namespace outage {
namespace {

constexpr std::size_t kMaxCachedBefore = 4096;

// max(0, net - before), per segment.
void rest_after(const Vector& net, const Vector& before, Vector& covered) {
  covered = (net - before).cwiseMax(0.0);
}

}  // namespace

void Pricer::covered_after(double wait, PricerScratch& scratch, const Vector& net,
                           Vector& covered) const {
  const ModelInputs& inputs = scratch.inputs;
  if (wait <= 0) {
    covered = net;
    return;
  }
  if (inputs.duration_hours <= wait || (inputs.horizon_hours && *inputs.horizon_hours <= wait)) {
    covered.setZero(net.size());
    return;
  }
  // The plans that precompute per waiting period know the covers' own; any other wait is solved.
  const auto w = static_cast<std::size_t>(std::lower_bound(m_waits.begin(), m_waits.end(), wait) -
                                          m_waits.begin());
  const bool known_wait = w < m_waits.size() && m_waits[w] == wait;
  switch (m_plan) {
    case PricingPlan::linear:
      if (!known_wait) break;
      linear_before(w, inputs, scratch.covered);
      rest_after(net, scratch.covered, covered);
      return;
    case PricingPlan::flat:
      // What accrued before the wait, from the same closed form cut there.
      net_flat(scratch, wait, scratch.covered);
      rest_after(net, scratch.covered, covered);
      return;
    case PricingPlan::closed_form:
    case PricingPlan::drawn:
      if (scratch.priced_response && m_window) {
        // Before the waiting period ends the outage is still on: what accrues is its integral
        // over the first `wait` hours, counted as a static model counts it.
        m_window->integrate(start_of(inputs), wait, *scratch.priced_response, scratch.work,
                            scratch.integral);
        const double severity = inputs.phases.front().second;
        scratch.covered.array() =
            (1.0 - inputs.deferred.array()) *
            (inputs.revenue_per_hour.array() * (severity * scratch.integral.array()));
        rest_after(net, scratch.covered, covered);
        return;
      }
      break;
    case PricingPlan::phased:
    case PricingPlan::by_parts: {
      if (!known_wait) break;
      const auto& parts = before_of(scratch);
      if (!parts[w]) {
        covered.setZero(net.size());
        return;
      }
      scratch.covered = inputs.phases.front().second * parts[w]->first_phase;
      if (parts[w]->later_phases.size() > 0) scratch.covered += parts[w]->later_phases;
      rest_after(net, scratch.covered, covered);
      return;
    }
    case PricingPlan::solve:
      break;
  }
  covered = net_loss_after(inputs, wait, net);
}

void Pricer::linear_before(std::size_t w, const ModelInputs& inputs, Vector& before) const {
  const std::vector<Matrix>& responses = m_responses_before[w];
  Vector response = Vector::Zero(inputs.dependency.size());
  for (std::size_t p = 0; p < inputs.phases.size(); ++p) {
    if (inputs.phases[p].second == 0) continue;
    response += inputs.phases[p].second * (responses[p] * inputs.dependency);
  }
  before = ((1.0 - inputs.deferred.array()) * inputs.revenue_per_hour.array() * response.array())
               .matrix();
}

const std::vector<std::optional<BeforeWait>>& Pricer::before_of(PricerScratch& scratch) const {
  const ModelInputs& inputs = scratch.inputs;
  const PricerScratch::Key key{inputs.duration_hours, m_uses_profiles ? start_of(inputs) : 0.0};
  auto found = scratch.before.find(key);
  if (found != scratch.before.end()) return found->second;
  if (scratch.before.size() >= kMaxCachedBefore) scratch.before.clear();
  std::vector<std::optional<BeforeWait>> parts;
  for (const double wait : m_waits) {
    const bool counted = !inputs.horizon_hours || wait < *inputs.horizon_hours;
    if (wait <= 0 || wait >= inputs.duration_hours || !counted) {
      parts.emplace_back();
      continue;
    }
    ModelInputs until = inputs;
    until.horizon_hours = wait;
    BeforeWait before;
    ModelInputs first = until;
    for (std::size_t p = 0; p < first.phases.size(); ++p) first.phases[p].second = p == 0;
    before.first_phase = solve_losses(first).net;
    if (until.phases.size() > 1) {
      until.phases[0].second = 0;
      before.later_phases = solve_losses(until).net;
    }
    parts.emplace_back(std::move(before));
  }
  return scratch.before.emplace(key, std::move(parts)).first->second;
}

const Vector& Pricer::insure(PricerScratch& scratch, const Vector& net) const {
  scratch.insured.setZero(net.size());
  const auto after = [&](double wait) {
    Vector covered;
    covered_after(wait, scratch, net, covered);
    return covered;
  };
  add_insured_losses(m_prepared.scenario().covers, after, scratch.insured);
  return scratch.insured;
}

}  // namespace outage
