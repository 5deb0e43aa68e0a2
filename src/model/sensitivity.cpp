#include "model/sensitivity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "model/estimate.hpp"
#include "model/inoperability.hpp"
#include "model/inputs.hpp"
#include "model/spectral_radius.hpp"

namespace outage {
namespace {

constexpr double kLowProbability = 0.05;
constexpr double kHighProbability = 0.95;

// A fixed input swung by +-20 % stays inside its domain (an open bound: just inside it).
double clamp_to_domain(const Domain& domain, double value) {
  constexpr double kInside = 1e-9;
  const double low = domain.min_open ? domain.min + kInside : domain.min;
  const double high = domain.max_open ? domain.max - kInside : domain.max;
  return std::clamp(value, low, high);
}

// The total net loss with one input moved; throws Error at the input when that breaks a rule
// (only a fixed input swung by --all can: distributions were checked by check_inputs).
double total_with(const InputTable& table, const ModelInputs& central, std::size_t k,
                  double value) {
  ModelInputs inputs = central;
  table.apply(k, value, inputs);
  const Input& input = table[k];
  const auto fail = [&](const std::string& what) {
    throw Error(input.param->where, fmt::format("{} at {}: {}", input.name, value, what));
  };
  for (std::size_t p = 1; p < inputs.phases.size(); ++p) {
    if (!(inputs.phases[p].first > inputs.phases[p - 1].first &&
          inputs.phases[p].first < inputs.duration_hours)) {
      fail("the phases must stay in order and before the end of the outage");
    }
  }
  if (input.target == InputTarget::link) {
    const SpectralCertificate radius = spectral_radius_certificate(inputs.interdependency);
    if (!radius.below(kLargestSpectralRadius)) {
      fail(fmt::format("the links' spectral radius becomes {:.10g}, it must be below 1 - 1e-9",
                       radius.radius));
    }
  }
  return solve_losses(inputs).net.sum();
}

// Inputs whose swing leaves A*, the recovery, the durations and the profiles as they are: the
// loss is then linear in them, net = (1 - f) .* r .* sum_p s_p R_p d (unit_response_matrix),
// so one set of unit responses serves every such swing (an O(n^2) product instead of a solve).
bool is_linear(InputTarget target) {
  switch (target) {
    case InputTarget::revenue:
    case InputTarget::dependency:
    case InputTarget::deferred:
    case InputTarget::severity:
    case InputTarget::phase_severity:
      return true;
    default:
      return false;
  }
}

class LinearTotals {
 public:
  explicit LinearTotals(const ModelInputs& central) {
    for (std::size_t p = 0; p < central.phases.size(); ++p) {
      m_responses.push_back(unit_response_matrix(central, p));
    }
  }
  double total_with(const InputTable& table, const ModelInputs& central, std::size_t k,
                    double value) const {
    ModelInputs inputs = central;
    table.apply(k, value, inputs);
    Vector response = Vector::Zero(inputs.dependency.size());
    for (std::size_t p = 0; p < inputs.phases.size(); ++p) {
      if (inputs.phases[p].second == 0) continue;
      response += inputs.phases[p].second * (m_responses[p] * inputs.dependency);
    }
    return ((1.0 - inputs.deferred.array()) * inputs.revenue_per_hour.array() * response.array())
        .sum();
  }

 private:
  std::vector<Matrix> m_responses;
};

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

// Each chosen input at its low and high value; `chosen` receives their positions in the table.
std::vector<InputSensitivity> swing_inputs(const InputTable& table, const ModelInputs& central,
                                           const SensitivityOptions& options,
                                           std::vector<std::size_t>& chosen) {
  std::vector<InputSensitivity> swings;
  for (std::size_t k = 0; k < table.size(); ++k) {
    const Input& input = table[k];
    const Param& param = *input.param;
    if (!param.is_uncertain() && !options.all_inputs) continue;
    // A buildup the scenario does not give (fixed at 0) has nothing to swing.
    if (input.target == InputTarget::buildup && !param.is_uncertain() && param.mode == 0) continue;
    chosen.push_back(k);
  }
  std::optional<LinearTotals> linear;
  const auto swung_total = [&](std::size_t k, double value) {
    if (!is_linear(table[k].target)) return total_with(table, central, k, value);
    if (!linear) linear.emplace(central);
    return linear->total_with(table, central, k, value);
  };
  for (std::size_t c = 0; c < chosen.size(); ++c) {
    if (options.progress)
      options.progress(static_cast<std::int64_t>(c), static_cast<std::int64_t>(chosen.size()));
    const std::size_t k = chosen[c];
    const Input& input = table[k];
    const Param& param = *input.param;
    InputSensitivity entry;
    entry.input = input.name;
    entry.from_distribution = param.is_uncertain();
    if (entry.from_distribution) {
      entry.low_value = param.truncated_quantile(kLowProbability, input.domain());
      entry.high_value = param.truncated_quantile(kHighProbability, input.domain());
    } else {
      entry.low_value = clamp_to_domain(input.domain(), param.mode * (1 - options.fixed_swing));
      entry.high_value = clamp_to_domain(input.domain(), param.mode * (1 + options.fixed_swing));
    }
    entry.total_at_low = swung_total(k, entry.low_value);
    entry.total_at_high = swung_total(k, entry.high_value);
    entry.swing = std::fabs(entry.total_at_high - entry.total_at_low);
    swings.push_back(std::move(entry));
  }
  if (options.progress) {
    options.progress(static_cast<std::int64_t>(chosen.size()),
                     static_cast<std::int64_t>(chosen.size()));
  }
  return swings;
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

Sensitivity sensitivity_analysis(const Scenario& scenario, const SensitivityOptions& options,
                                 SampledLosses* keep_draws) {
  require_valid_inputs(scenario);
  const ModelInputs central = central_inputs(scenario);
  const InputTable table(scenario);
  Sensitivity result;
  result.scenario = scenario.name;
  result.currency = scenario.currency;
  result.central_total = solve_losses(central).net.sum();

  std::vector<std::size_t> chosen;  // positions in the input table
  result.inputs = swing_inputs(table, central, options, chosen);

  if (options.sampling.samples > 0) {
    SamplingOptions sampling = options.sampling;
    sampling.keep_inputs = true;
    SampledLosses draws = sample_net_losses(scenario, sampling);
    const auto count = static_cast<std::size_t>(draws.samples);
    const std::vector<double> totals(draws.total(), draws.total() + count);
    std::vector<double> sorted = totals;
    result.total_stats = summarize_losses(sorted, options.sampling.extra_percentiles);
    for (std::size_t c = 0; c < chosen.size(); ++c) {
      const auto column =
          std::find(draws.input_names.begin(), draws.input_names.end(), table[chosen[c]].name);
      if (column == draws.input_names.end()) continue;  // a fixed input
      const double* values = draws.inputs.data() +
                             static_cast<std::size_t>(column - draws.input_names.begin()) * count;
      const double correlation =
          rank_correlation(std::vector<double>(values, values + count), totals);
      result.inputs[c].rank_correlation_squared = correlation * correlation;
    }
    result.samples = draws.samples;
    result.seed = options.sampling.seed;
    if (keep_draws) *keep_draws = std::move(draws);
  }

  std::stable_sort(result.inputs.begin(), result.inputs.end(),
                   [](const auto& a, const auto& b) { return a.swing > b.swing; });
  if (options.top && result.inputs.size() > *options.top) result.inputs.resize(*options.top);
  return result;
}

}  // namespace outage
