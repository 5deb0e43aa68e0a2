#include "model/estimate/draw_evaluator.hpp"

#include <algorithm>
#include <cmath>

#include "model/covers/cover.hpp"
#include "model/estimate/estimate.hpp"
#include "model/iim/buildup.hpp"
#include "model/scenario/inputs.hpp"

namespace outage {

DrawEvaluator::DrawEvaluator(const PreparedScenario& prepared, std::uint64_t seed,
                             std::vector<std::uint32_t> streams)
    : m_table(prepared.table()),
      m_sampler(m_table, seed, std::move(streams)),
      m_central(prepared.central()) {
  m_path = choose_path();
  if (m_path == DrawPath::linear) {
    for (std::size_t p = 0; p < m_central.phases.size(); ++p) {
      m_responses.push_back(unit_response_matrix(m_central, p));
    }
    prepare_covers();
    return;
  }
  if (m_path == DrawPath::solve) return;
  if (m_path == DrawPath::flat) {
    m_flat = std::make_unique<FlatPricer>(m_central);
    return;
  }
  // Without a start the model ignores profiles (WeightSchedule is flat): so does the pricer.
  ModelInputs priced = m_central;
  if (priced.start_hour_of_week) {
    m_start_hour = *priced.start_hour_of_week;
  } else {
    for (auto& profile : priced.profiles) profile = nullptr;
  }
  m_pricer = std::make_unique<OutagePricer>(priced);
  const bool usable = m_path == DrawPath::drawn ? m_pricer->has_drawn_path() : m_pricer->is_exact();
  if (!usable) {
    m_pricer.reset();
    m_path = DrawPath::solve;
  }
}

void DrawEvaluator::prepare_covers() {
  // With covers, the loss before each waiting period the same way: the counted window ends
  // there (a horizon), and the duration is fixed on this path.
  for (const double wait : distinct_waiting_periods(m_table.scenario().covers)) {
    std::vector<Matrix> before;
    if (wait > 0 && wait < m_central.duration_hours) {
      ModelInputs until_wait = m_central;
      until_wait.horizon_hours =
          std::min(wait, m_central.horizon_hours.value_or(static_cast<double>(INFINITY)));
      for (std::size_t p = 0; p < m_central.phases.size(); ++p) {
        before.push_back(unit_response_matrix(until_wait, p));
      }
    }
    m_responses_before.emplace_back(wait, std::move(before));
  }
}

DrawPath DrawEvaluator::choose_path() const {
  bool duration = false;
  bool shape = false;           // recovery times or links
  bool other = false;           // phase starts, build-up
  bool fixed_structure = true;  // links and build-up times (FlatPricer's matrices)
  for (const std::size_t k : m_sampler.uncertain()) {
    switch (m_table[k].target) {
      case InputTarget::duration:
        duration = true;
        break;
      case InputTarget::recovery:
        shape = true;
        break;
      case InputTarget::link:
        shape = true;
        fixed_structure = false;
        break;
      case InputTarget::phase_after:
        other = true;
        break;
      case InputTarget::buildup:
        other = true;
        fixed_structure = false;
        break;
      default:
        break;
    }
  }
  if (!duration && !shape && !other) return DrawPath::linear;
  if (other || m_central.phases.size() != 1 || BuildupDynamics::needed(m_central)) {
    return fixed_structure && FlatPricer::applies(m_central) ? DrawPath::flat : DrawPath::solve;
  }
  return shape ? DrawPath::drawn : DrawPath::duration;
}

DrawScratch DrawEvaluator::scratch() const {
  DrawScratch scratch;
  scratch.values = m_sampler.central_values();
  scratch.inputs = m_central;
  return scratch;
}

void DrawEvaluator::evaluate(std::int64_t draw, DrawScratch& scratch, Vector& net) const {
  m_sampler.draw(static_cast<std::uint64_t>(draw), scratch.values);
  evaluate_drawn(scratch, net);
}

void DrawEvaluator::evaluate_drawn(DrawScratch& scratch, Vector& net) const {
  ModelInputs& inputs = scratch.inputs;
  for (const std::size_t k : m_sampler.uncertain()) m_table.apply(k, scratch.values[k], inputs);
  switch (m_path) {
    case DrawPath::linear:
      evaluate_linear(scratch, net);
      return;
    case DrawPath::duration:
    case DrawPath::drawn:
      if (evaluate_priced(scratch, net)) return;
      break;
    case DrawPath::flat:
      evaluate_flat(scratch, std::nullopt, net);
      return;
    case DrawPath::solve:
      break;
  }
  net = solve_losses(inputs).net;
}

void DrawEvaluator::evaluate_linear(DrawScratch& scratch, Vector& net) const {
  const ModelInputs& inputs = scratch.inputs;
  const auto n = inputs.dependency.size();
  scratch.response.setZero(n);
  for (std::size_t p = 0; p < inputs.phases.size(); ++p) {
    if (inputs.phases[p].second == 0) continue;
    scratch.phase_response.noalias() = m_responses[p] * inputs.dependency;
    scratch.response += inputs.phases[p].second * scratch.phase_response;
  }
  net.array() =
      (1.0 - inputs.deferred.array()) * inputs.revenue_per_hour.array() * scratch.response.array();
}

void DrawEvaluator::evaluate_flat(DrawScratch& scratch, std::optional<double> until,
                                  Vector& net) const {
  const ModelInputs& inputs = scratch.inputs;
  m_flat->integrate(inputs, until, scratch.flat, scratch.integral);
  net.array() = (1.0 - inputs.deferred.array()) *
                (inputs.revenue_per_hour.array() * scratch.integral.array());
}

bool DrawEvaluator::evaluate_priced(DrawScratch& scratch, Vector& net) const {
  const ModelInputs& inputs = scratch.inputs;
  if (m_path == DrawPath::duration) {
    m_pricer->unit_response(inputs.dependency, scratch.response);
    m_pricer->integrate(m_start_hour, inputs.duration_hours, scratch.response, scratch.work,
                        scratch.integral);
  } else if (!m_pricer->integrate_drawn(m_start_hour, inputs.duration_hours, inputs.recovery_hours,
                                        inputs.interdependency, inputs.dependency, scratch.work,
                                        scratch.response, scratch.integral)) {
    return false;
  }
  const double severity = inputs.phases.front().second;
  net.array() = (1.0 - inputs.deferred.array()) *
                (inputs.revenue_per_hour.array() * (severity * scratch.integral.array()));
  return true;
}

void DrawEvaluator::insure(DrawScratch& scratch, const Vector& net) const {
  const std::vector<Cover>& covers = m_table.scenario().covers;
  const ModelInputs& inputs = scratch.inputs;
  scratch.insured.setZero(net.size());
  const auto after = [&](double wait) -> Vector {
    if (m_path == DrawPath::flat) {
      // What accrues after the wait: the net loss less what accrued before it (none when the
      // outage ends first).
      if (wait <= 0) return net;
      if (inputs.duration_hours <= wait) return Vector::Zero(net.size());
      Vector before(net.size());
      evaluate_flat(scratch, wait, before);
      return (net - before).cwiseMax(0.0);
    }
    if (m_path != DrawPath::linear) return net_loss_after(inputs, wait, net);
    return linear_loss_after(inputs, wait, net);
  };
  add_insured_losses(covers, after, scratch.insured);
}

Vector DrawEvaluator::linear_loss_after(const ModelInputs& inputs, double wait,
                                        const Vector& net) const {
  if (wait <= 0) return net;
  const auto found = std::find_if(m_responses_before.begin(), m_responses_before.end(),
                                  [&](const auto& entry) { return entry.first == wait; });
  if (found->second.empty() || (inputs.horizon_hours && *inputs.horizon_hours <= wait)) {
    return Vector::Zero(net.size());
  }
  Vector response = Vector::Zero(net.size());
  for (std::size_t p = 0; p < inputs.phases.size(); ++p) {
    if (inputs.phases[p].second == 0) continue;
    response += inputs.phases[p].second * (found->second[p] * inputs.dependency);
  }
  const Vector before =
      ((1.0 - inputs.deferred.array()) * inputs.revenue_per_hour.array() * response.array())
          .matrix();
  return (net - before).cwiseMax(0.0);
}

}  // namespace outage
