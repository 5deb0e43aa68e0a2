#include "model/scenario/prepared.hpp"

#include <stdexcept>

namespace outage {

PreparedScenario::State::State(Scenario scenario_, Purpose purpose_)
    : scenario(std::move(scenario_)), purpose(purpose_), table(scenario) {}

void PreparedScenario::State::complete() {
  central = central_inputs(scenario);
  certificate = central_spectral_radius(scenario);
  rollup.emplace(scenario);
  if (purpose == Purpose::estimate) solution = solve_outage(central);
}

const Solution& PreparedScenario::central_solution() const {
  if (!m_state->solution) {
    throw std::logic_error("central_solution: the scenario was not prepared for an estimate");
  }
  return *m_state->solution;
}

tl::expected<PreparedScenario, Error> prepare(Scenario scenario, Purpose purpose) {
  // The table first: the check reads the inputs through it, and nothing is computed from
  // inputs that have not passed it.
  auto state = std::make_unique<PreparedScenario::State>(std::move(scenario), purpose);
  const StartRule start = purpose == Purpose::risk ? StartRule::per_outage : StartRule::scenario;
  if (auto checked = check_inputs(state->table, start); !checked) {
    return tl::unexpected(checked.error());
  }
  const Outage& outage = state->scenario.outage;
  if (purpose == Purpose::risk && !outage.phases.empty()) {
    return tl::unexpected(
        Error(outage.phases.front().after_hours.where,
              "risk: a scenario with [[outage.phase]] cannot be simulated: each simulated "
              "outage has one severity (remove the phases)"));
  }
  state->complete();
  return PreparedScenario(std::move(state));
}

PreparedScenario prepare_or_throw(Scenario scenario, Purpose purpose) {
  auto prepared = prepare(std::move(scenario), purpose);
  if (!prepared) throw prepared.error();
  return std::move(*prepared);
}

}  // namespace outage
