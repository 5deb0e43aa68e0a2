// A prepared scenario (docs/ARCHITECTURE.md, "The prepared scenario and the one pricer"): a
// Scenario that has passed every input check, with what each model entry point would otherwise
// rebuild: its input table, its model inputs at central values, the certified spectral radius of
// its links and its roll-up, and, for an estimate of the scenario's own outage, that outage solved
// with the factorisation of I - A* it used. Made once by prepare(); every model entry point takes a
// `const PreparedScenario&`, so "already checked" is a type, not a convention.
#pragma once

#include <memory>
#include <tl/expected.hpp>

#include "model/iim/inoperability.hpp"
#include "model/iim/spectral_radius.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/rollup.hpp"
#include "model/scenario/scenario.hpp"
#include "util/error.hpp"

namespace outage {

// What the scenario is prepared for.
enum class Purpose {
  check,      // checked only (check, presets): nothing is solved
  estimate,   // its own outage (estimate, sensitivity, compare): the outage is solved once
  incidents,  // outages read from a log (batch): each brings its duration, severity and start
              // (profiles still need outage.start: an incident's start may be empty)
  risk,       // simulated outages (risk): each brings its own start, so profiles need none
};

class PreparedScenario {
 public:
  const Scenario& scenario() const { return m_state->scenario; }
  Purpose purpose() const { return m_state->purpose; }
  const InputTable& table() const { return m_state->table; }
  // The model inputs at central values (profiles point into scenario()).
  const ModelInputs& central() const { return m_state->central; }
  // The certified spectral radius of A* at central values.
  const SpectralCertificate& certificate() const { return m_state->certificate; }
  const Rollup& rollup() const { return *m_state->rollup; }
  // Purpose::estimate: the scenario's outage at central values, solved (solve_outage).
  const Solution& central_solution() const;

 private:
  struct State {
    // The scenario and its input table; complete() the rest, once the inputs are checked.
    State(Scenario scenario, Purpose purpose);
    State(const State&) = delete;  // the table and the central inputs point into `scenario`
    State& operator=(const State&) = delete;
    void complete();
    Scenario scenario;
    Purpose purpose;
    InputTable table;
    ModelInputs central;
    SpectralCertificate certificate;
    std::optional<Rollup> rollup;
    std::optional<Solution> solution;
  };
  explicit PreparedScenario(std::unique_ptr<State> state) : m_state(std::move(state)) {}
  friend tl::expected<PreparedScenario, Error> prepare(Scenario scenario, Purpose purpose);

  // Behind a pointer: the table, the central inputs and the roll-up point into the scenario,
  // which must not move when the prepared scenario does.
  std::unique_ptr<const State> m_state;
};

// Checks every input (check_inputs; Purpose::risk also refuses phases, which a simulated outage
// does not have) and prepares the scenario; the Error names the input and where it was written.
tl::expected<PreparedScenario, Error> prepare(Scenario scenario,
                                              Purpose purpose = Purpose::estimate);
// prepare() that throws its Error.
PreparedScenario prepare_or_throw(Scenario scenario, Purpose purpose = Purpose::estimate);

}  // namespace outage
