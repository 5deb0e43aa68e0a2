// The input table: every numeric input of a scenario, once, with its --set name, its kind,
// its domain and its Param. --set, sampling streams, sensitivity swings, draw export and
// validation all go through it by name, so no other code keeps the inputs' order.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "model/iim/inoperability.hpp"
#include "model/iim/spectral_radius.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

// What an input measures, which fixes its domain and its unit in exports.
enum class InputKind {
  duration,        // hours, > 0 (outage duration, phase start, recovery)
  lag,             // hours, >= 0 (buildup)
  severity,        // share of service lost, (0, 1]
  share,           // a share in [0, 1] (dependency, deferred, a later phase's severity)
  money_rate,      // currency per hour, >= 0
  link_share,      // a*_ij >= 0
  self_link_share  // a*_ii in [0, 1)
};

Domain domain_of(InputKind kind);

// Where an input's value goes in ModelInputs.
enum class InputTarget {
  duration,
  severity,
  phase_after,
  phase_severity,
  revenue,
  dependency,
  deferred,
  recovery,
  link,
  buildup,
  value_added_share  // not a model input: scales the net loss into value added
};

struct Input {
  std::string name;  // the --set name: "outage.duration", "segment.ads.dependency"
  InputKind kind = InputKind::share;
  InputTarget target = InputTarget::duration;
  std::size_t index = 0;         // phase (1-based, the first phase is 0), segment or link index
  const Param* param = nullptr;  // points into the Scenario the table was built from

  Domain domain() const { return domain_of(kind); }
  // The domain as messages say it: "> 0 hours", "in [0, 1]".
  std::string expected() const;
  // Draws of this input are truncated to its domain (docs/model.md, docs/model.md "Truncation").
  bool is_truncated() const;
  // The share of the distribution's probability that truncation cuts off (0 when none).
  double probability_cut_off() const;
};

// Every input of a scenario in a fixed order: outage, phases, segments (revenue, dependency,
// deferred, recovery), links, then the version 2 inputs (buildups), then the value-added shares
// of the segments that give one. An input's position is
// its random stream in Monte Carlo runs, so new kinds of input are appended at the end.
class InputTable {
 public:
  explicit InputTable(const Scenario& scenario);

  std::span<const Input> inputs() const { return m_inputs; }
  std::size_t size() const { return m_inputs.size(); }
  const Input& operator[](std::size_t index) const { return m_inputs[index]; }

  // The position of the input named `name`, or size() when there is none.
  std::size_t find(std::string_view name) const;
  // Positions of the inputs whose name matches `pattern`, where `*` stands for one id
  // (one dot-free part): "segment.*.dependency".
  std::vector<std::size_t> match(std::string_view pattern) const;

  // Writes `value` where input `index` goes in `inputs`.
  void apply(std::size_t index, double value, ModelInputs& inputs) const;

  const Scenario& scenario() const { return *m_scenario; }

 private:
  const Scenario* m_scenario;
  std::vector<Input> m_inputs;
};

// Whether any input of the scenario is a distribution.
bool has_uncertain_inputs(const Scenario& scenario);

// Whether `name` matches `pattern` (`*` = one dot-free part).
bool name_matches(std::string_view pattern, std::string_view name);

// Checks every input of the scenario (the one check used by `check`, `estimate`, sampling,
// batch and sensitivity): central values inside their domains, distributions whose draws
// never break a constraint once truncated to the domain (phases before the shortest drawn
// outage, a spectral radius below 1 at the links' largest values), profiles with a start.
// On failure, the Error names the input and where it was written.
// StartRule::per_outage: each priced outage brings its own start (risk), so profiles need no
// outage.start.
enum class StartRule { scenario, per_outage };
tl::expected<void, Error> check_inputs(const Scenario& scenario,
                                       StartRule start = StartRule::scenario);
// The same with the scenario's input table already built.
tl::expected<void, Error> check_inputs(const InputTable& table,
                                       StartRule start = StartRule::scenario);

// check_inputs that throws its Error.
void require_valid_inputs(const Scenario& scenario);

// Non-fatal remarks about a valid scenario: inputs whose draws are truncated and how much
// probability that cuts off.
std::vector<std::string> input_remarks(const Scenario& scenario);

// The interdependency matrix A* at the scenario's central values.
Matrix central_interdependency(const Scenario& scenario);

// The model inputs at the scenario's central values (profiles point into `scenario`).
ModelInputs central_inputs(const Scenario& scenario);

// The certified spectral radius of A* at the central values, from the links alone (no dense
// n x n matrix: a 4,000-segment scenario's links are 32,000 entries, not 16 million).
SpectralCertificate central_spectral_radius(const Scenario& scenario);

}  // namespace outage
