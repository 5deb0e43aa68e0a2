#include "model/sensitivity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/estimate.hpp"
#include "model/inoperability.hpp"
#include "model/sampling.hpp"

namespace outage {
namespace {

constexpr double kLowProbability = 0.05;
constexpr double kHighProbability = 0.95;

enum class InputKind {
  duration,
  severity,
  phase_after,
  phase_severity,
  revenue,
  dependency,
  deferred,
  recovery,
  link
};

struct InputSlot {
  InputKind kind;
  std::size_t index;  // phase, segment or link index
};

// Where each entry of Scenario::params() goes in ModelInputs (same order as params()).
std::vector<InputSlot> input_slots(const Scenario& scenario) {
  std::vector<InputSlot> slots = {{InputKind::duration, 0}, {InputKind::severity, 0}};
  for (std::size_t p = 0; p < scenario.outage.phases.size(); ++p) {
    slots.push_back({InputKind::phase_after, p + 1});
    slots.push_back({InputKind::phase_severity, p + 1});
  }
  for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
    for (InputKind kind :
         {InputKind::revenue, InputKind::dependency, InputKind::deferred, InputKind::recovery}) {
      slots.push_back({kind, i});
    }
  }
  for (std::size_t l = 0; l < scenario.links.size(); ++l) slots.push_back({InputKind::link, l});
  return slots;
}

// Keeps a swung fixed value inside the input's valid range.
double clamp_to_range(InputKind kind, double value) {
  switch (kind) {
    case InputKind::severity:
      return std::clamp(value, 1e-9, 1.0);
    case InputKind::phase_severity:
    case InputKind::dependency:
    case InputKind::deferred:
      return std::clamp(value, 0.0, 1.0);
    default:
      return std::max(value, 0.0);
  }
}

void set_input(ModelInputs& inputs, const Scenario& scenario, const InputSlot& slot, double value) {
  const auto i = static_cast<Eigen::Index>(slot.index);
  switch (slot.kind) {
    case InputKind::duration:
      inputs.duration_hours = value;
      break;
    case InputKind::severity:
      inputs.phases[0].second = value;
      break;
    case InputKind::phase_after:
      inputs.phases[slot.index].first = value;
      break;
    case InputKind::phase_severity:
      inputs.phases[slot.index].second = value;
      break;
    case InputKind::revenue:
      inputs.revenue_per_hour[i] = value;
      break;
    case InputKind::dependency:
      inputs.dependency[i] = value;
      break;
    case InputKind::deferred:
      inputs.deferred[i] = value;
      break;
    case InputKind::recovery:
      inputs.recovery_hours[i] = value;
      break;
    case InputKind::link: {
      const Link& link = scenario.links[slot.index];
      inputs.interdependency(static_cast<Eigen::Index>(link.segment),
                             static_cast<Eigen::Index>(link.depends_on)) = value;
      break;
    }
  }
}

// The total net loss with one input moved; throws Error at the input when that breaks a rule.
double total_with(const Scenario& scenario, const ModelInputs& central, const InputSlot& slot,
                  const Param& param, double value) {
  ModelInputs inputs = central;
  set_input(inputs, scenario, slot, value);
  const auto fail = [&](const std::string& what) {
    throw Error(param.where, fmt::format("{} at {}: {}", param.key, value, what));
  };
  if (!(inputs.duration_hours > 0)) fail("the duration must be > 0");
  for (std::size_t p = 1; p < inputs.phases.size(); ++p) {
    if (!(inputs.phases[p].first > inputs.phases[p - 1].first &&
          inputs.phases[p].first < inputs.duration_hours)) {
      fail("the phases must stay in order and before the end of the outage");
    }
  }
  if (slot.kind == InputKind::recovery && !(value > 0)) fail("recovery must be > 0");
  if (slot.kind == InputKind::link) {
    const Link& link = scenario.links[slot.index];
    if (link.segment == link.depends_on && !(value < 1)) fail("a self-link needs 1 - a*_ii > 0");
    const double radius = spectral_radius(inputs.interdependency);
    if (!(radius < 1.0 - 1e-10)) {
      fail(fmt::format("the links' spectral radius becomes {:.6g}, it must be < 1", radius));
    }
  }
  return solve_losses(inputs).net.sum();
}

std::vector<double> average_ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double rank = 0.5 * static_cast<double>(i + j) + 1.0;
    for (std::size_t k = i; k <= j; ++k) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

}  // namespace

double rank_correlation(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) return 0;
  const std::vector<double> rx = average_ranks(x);
  const std::vector<double> ry = average_ranks(y);
  const double mean = 0.5 * static_cast<double>(x.size() + 1);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  if (sxx == 0 || syy == 0) return 0;
  return sxy / std::sqrt(sxx * syy);
}

Sensitivity sensitivity_analysis(const Scenario& scenario, const SensitivityOptions& options) {
  const ModelInputs central = central_inputs(scenario);
  Sensitivity result;
  result.scenario = scenario.name;
  result.currency = scenario.currency;
  result.central_total = solve_losses(central).net.sum();
  const std::vector<const Param*> params = scenario.params();
  const std::vector<InputSlot> slots = input_slots(scenario);

  std::vector<std::size_t> chosen;  // indexes into params
  for (std::size_t k = 0; k < params.size(); ++k) {
    const Param& param = *params[k];
    if (!param.is_uncertain() && !options.all_inputs) continue;
    InputSensitivity entry;
    entry.input = param.key;
    entry.from_distribution = param.is_uncertain();
    if (entry.from_distribution) {
      entry.low_value = param.quantile(kLowProbability);
      entry.high_value = param.quantile(kHighProbability);
    } else {
      entry.low_value = clamp_to_range(slots[k].kind, param.mode * (1 - options.fixed_swing));
      entry.high_value = clamp_to_range(slots[k].kind, param.mode * (1 + options.fixed_swing));
    }
    entry.total_at_low = total_with(scenario, central, slots[k], param, entry.low_value);
    entry.total_at_high = total_with(scenario, central, slots[k], param, entry.high_value);
    entry.swing = std::fabs(entry.total_at_high - entry.total_at_low);
    result.inputs.push_back(std::move(entry));
    chosen.push_back(k);
  }

  if (options.sampling.samples > 0) {
    const SampledLosses draws = sample_net_losses(scenario, options.sampling);
    const auto count = static_cast<std::size_t>(draws.samples);
    const std::vector<double> totals(draws.total(), draws.total() + count);
    for (std::size_t c = 0; c < chosen.size(); ++c) {
      const std::size_t k = chosen[c];
      if (!params[k]->is_uncertain()) continue;
      // Draw j's value of input k, regenerated from its own stream (monte_carlo.cpp).
      const Sampler sampler(*params[k]);
      std::vector<double> values(count);
      for (std::size_t j = 0; j < count; ++j) {
        RandomStream stream(options.sampling.seed, j, static_cast<std::uint32_t>(k));
        values[j] = sampler.draw(stream);
      }
      const double correlation = rank_correlation(values, totals);
      result.inputs[c].rank_correlation_squared = correlation * correlation;
    }
    result.samples = draws.samples;
    result.seed = options.sampling.seed;
  }

  std::stable_sort(result.inputs.begin(), result.inputs.end(),
                   [](const auto& a, const auto& b) { return a.swing > b.swing; });
  if (options.top && result.inputs.size() > *options.top) result.inputs.resize(*options.top);
  return result;
}

}  // namespace outage
