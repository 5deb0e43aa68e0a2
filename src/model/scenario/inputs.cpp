#include "model/scenario/inputs.hpp"

#include <cmath>

#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {

Domain domain_of(InputKind kind) {
  switch (kind) {
    // Durations are capped where they are written (docs/reliability.md), and so are their draws.
    case InputKind::duration:
      return {0, kMaxDurationHours, true, false};
    case InputKind::lag:
      return {0, kMaxDurationHours, false, false};
    case InputKind::money_rate:
    case InputKind::link_share:
      return {0, INFINITY, false, false};
    case InputKind::severity:
      return {0, 1, true, false};
    case InputKind::share:
      return {0, 1, false, false};
    case InputKind::self_link_share:
      return {0, 1, false, true};
  }
  return {};
}

std::string Input::expected() const {
  Domain range = domain();
  // A duration over the cap is refused where it is written, with its own message: here the
  // lower bound is what is said.
  if (kind == InputKind::duration || kind == InputKind::lag) range.max = INFINITY;
  const std::string text = range.max == INFINITY ? range.describe() : "in " + range.describe();
  if (kind == InputKind::self_link_share) return text + " (a self-link needs 1 - a*_ii > 0)";
  return kind == InputKind::duration || kind == InputKind::lag ? text + " hours" : text;
}

bool Input::is_truncated() const {
  const Domain range = domain();
  return param->is_uncertain() &&
         (param->support_min() < range.min || param->support_max() > range.max);
}

double Input::probability_cut_off() const {
  return is_truncated() ? 1.0 - param->probability_within(domain()) : 0.0;
}

InputTable::InputTable(const Scenario& scenario) : m_scenario(&scenario) {
  const auto add = [this](const Param& param, InputKind kind, InputTarget target,
                          std::size_t index) {
    m_inputs.push_back(Input{param.key, kind, target, index, &param});
  };
  const Outage& outage = scenario.outage;
  add(outage.duration_hours, InputKind::duration, InputTarget::duration, 0);
  add(outage.severity, InputKind::severity, InputTarget::severity, 0);
  for (std::size_t p = 0; p < outage.phases.size(); ++p) {
    add(outage.phases[p].after_hours, InputKind::duration, InputTarget::phase_after, p + 1);
    add(outage.phases[p].severity, InputKind::share, InputTarget::phase_severity, p + 1);
  }
  for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
    const Segment& segment = scenario.segments[i];
    add(segment.revenue_per_hour, InputKind::money_rate, InputTarget::revenue, i);
    add(segment.dependency, InputKind::share, InputTarget::dependency, i);
    add(segment.deferred, InputKind::share, InputTarget::deferred, i);
    add(segment.recovery_hours, InputKind::duration, InputTarget::recovery, i);
  }
  for (std::size_t l = 0; l < scenario.links.size(); ++l) {
    const Link& link = scenario.links[l];
    add(link.share,
        link.segment == link.depends_on ? InputKind::self_link_share : InputKind::link_share,
        InputTarget::link, l);
  }
  // Version 2 inputs: after every version 1 input, so that its streams keep their numbers.
  for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
    add(scenario.segments[i].buildup_hours, InputKind::lag, InputTarget::buildup, i);
  }
  // Value-added shares, of the segments that give one: last, for the same reason.
  for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
    const auto& share = scenario.segments[i].value_added_share;
    if (share) add(*share, InputKind::share, InputTarget::value_added_share, i);
  }
}

std::size_t InputTable::find(std::string_view name) const {
  for (std::size_t k = 0; k < m_inputs.size(); ++k) {
    if (m_inputs[k].name == name) return k;
  }
  return m_inputs.size();
}

bool has_uncertain_inputs(const Scenario& scenario) {
  const InputTable table(scenario);
  for (const Input& input : table.inputs()) {
    if (input.param->is_uncertain()) return true;
  }
  return false;
}

bool name_matches(std::string_view pattern, std::string_view name) {
  for (;;) {
    const std::size_t pattern_dot = pattern.find('.');
    const std::size_t name_dot = name.find('.');
    const std::string_view pattern_part = pattern.substr(0, pattern_dot);
    const std::string_view name_part = name.substr(0, name_dot);
    if (pattern_part != "*" && pattern_part != name_part) return false;
    if (pattern_dot == std::string_view::npos || name_dot == std::string_view::npos) {
      return pattern_dot == name_dot;
    }
    pattern.remove_prefix(pattern_dot + 1);
    name.remove_prefix(name_dot + 1);
  }
}

std::vector<std::size_t> InputTable::match(std::string_view pattern) const {
  std::vector<std::size_t> found;
  for (std::size_t k = 0; k < m_inputs.size(); ++k) {
    if (name_matches(pattern, m_inputs[k].name)) found.push_back(k);
  }
  return found;
}

void InputTable::apply(std::size_t index, double value, ModelInputs& inputs) const {
  const Input& input = m_inputs[index];
  const auto i = static_cast<Eigen::Index>(input.index);
  switch (input.target) {
    case InputTarget::duration:
      inputs.duration_hours = value;
      break;
    case InputTarget::severity:
      inputs.phases[0].second = value;
      break;
    case InputTarget::phase_after:
      inputs.phases[input.index].first = value;
      break;
    case InputTarget::phase_severity:
      inputs.phases[input.index].second = value;
      break;
    case InputTarget::revenue:
      inputs.revenue_per_hour[i] = value;
      break;
    case InputTarget::dependency:
      inputs.dependency[i] = value;
      break;
    case InputTarget::deferred:
      inputs.deferred[i] = value;
      break;
    case InputTarget::recovery:
      inputs.recovery_hours[i] = value;
      break;
    case InputTarget::buildup:
      inputs.buildup_hours[i] = value;
      break;
    case InputTarget::value_added_share:
      inputs.value_added_share[i] = value;
      break;
    case InputTarget::link: {
      const Link& link = m_scenario->links[input.index];
      inputs.interdependency(static_cast<Eigen::Index>(link.segment),
                             static_cast<Eigen::Index>(link.depends_on)) = value;
      break;
    }
  }
}

Matrix central_interdependency(const Scenario& scenario) {
  const auto n = static_cast<Eigen::Index>(scenario.segments.size());
  Matrix matrix = uninitialised_matrix(n, n);
  matrix.setZero();
  for (const auto& link : scenario.links) {
    matrix(static_cast<Eigen::Index>(link.segment), static_cast<Eigen::Index>(link.depends_on)) =
        link.share.central();
  }
  return matrix;
}

ModelInputs central_inputs(const Scenario& scenario) {
  const auto n = static_cast<Eigen::Index>(scenario.segments.size());
  ModelInputs inputs;
  inputs.revenue_per_hour.resize(n);
  inputs.dependency.resize(n);
  inputs.deferred.resize(n);
  inputs.recovery_hours.resize(n);
  inputs.buildup_hours.resize(n);
  inputs.value_added_share = Vector::Constant(n, NAN);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Segment& segment = scenario.segments[static_cast<std::size_t>(i)];
    inputs.revenue_per_hour[i] = segment.revenue_per_hour.central();
    inputs.dependency[i] = segment.dependency.central();
    inputs.deferred[i] = segment.deferred.central();
    inputs.recovery_hours[i] = segment.recovery_hours.central();
    inputs.buildup_hours[i] = segment.buildup_hours.central();
    if (segment.value_added_share)
      inputs.value_added_share[i] = segment.value_added_share->central();
    inputs.profiles.push_back(segment.profile.is_flat() ? nullptr : &segment.profile.weights);
    inputs.profile_utc_offset_hours.push_back(segment.profile_utc_offset_hours);
  }
  inputs.interdependency = central_interdependency(scenario);
  inputs.duration_hours = scenario.outage.duration_hours.central();
  inputs.phases.emplace_back(0.0, scenario.outage.severity.central());
  for (const auto& phase : scenario.outage.phases) {
    inputs.phases.emplace_back(phase.after_hours.central(), phase.severity.central());
  }
  inputs.model = scenario.model;
  inputs.horizon_hours = scenario.horizon_hours;
  if (scenario.outage.start_unix_seconds) {
    inputs.start_hour_of_week = hour_of_week(*scenario.outage.start_unix_seconds);
  }
  return inputs;
}

}  // namespace outage
