#include "model/analyses/sensitivity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "model/estimate/estimate.hpp"
#include "model/iim/buildup.hpp"
#include "model/iim/flat_pricer.hpp"
#include "model/iim/inoperability.hpp"
#include "model/iim/spectral_radius.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/rollup.hpp"
#include "util/dense_lu.hpp"
#include "util/parallel.hpp"

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

// Row or column sums of a non-negative A* below the bound prove that its radius is (the
// Collatz-Wielandt bound with x = 1): a swing computes the certificate only when they do not.
bool sums_below_bound(const Matrix& links) {
  return links.rowwise().sum().maxCoeff() < kLargestSpectralRadius ||
         links.colwise().sum().maxCoeff() < kLargestSpectralRadius;
}

// The inputs with one input moved; throws Error at the input when that breaks a rule (only a
// fixed input swung by --all can: distributions were checked by check_inputs).
ModelInputs swung_inputs(const InputTable& table, const ModelInputs& central, std::size_t k,
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
  if (input.target == InputTarget::link && !sums_below_bound(inputs.interdependency)) {
    const SpectralCertificate radius = spectral_radius_certificate(inputs.interdependency);
    if (!radius.below(kLargestSpectralRadius)) {
      fail(fmt::format("the links' spectral radius becomes {:.10g}, it must be below 1 - 1e-9",
                       radius.radius));
    }
  }
  return inputs;
}

// The model of docs/model.md in closed form when no profile applies, without horizon or buildup:
// gross = r .* (S u + s_last L K^-1 u) with L = (I - A*)^-1, u = L d, S = the sum of severity
// x phase length, K the coupled recovery rates (the recovery term only in the dynamic model).
// One LU of I - A* serves every swing; a link swing changes A* by delta e_i e_j^T, and
// Sherman-Morrison gives (I - A*')^-1 v = L v + delta (L e_i) (L v)_j / (1 - delta (L e_i)_j).
class FlatTotals {
 public:
  static bool applies(const ModelInputs& inputs) {
    return !inputs.horizon_hours && !BuildupDynamics::needed(inputs) &&
           WeightSchedule(inputs).is_flat();
  }
  explicit FlatTotals(const ModelInputs& central)
      : m_central(central),
        m_lu(Matrix::Identity(central.dependency.size(), central.dependency.size()) -
             central.interdependency) {}

  // The total net loss of `inputs`, which differ from the central ones in one input; `link`
  // is that input's link when it is one.
  double total(const ModelInputs& inputs, const Link* link) const {
    Vector column;  // L e_i
    double delta = 0;
    std::size_t j = 0;
    if (link) {
      const auto i = static_cast<Eigen::Index>(link->segment);
      j = link->depends_on;
      delta = inputs.interdependency(i, static_cast<Eigen::Index>(j)) -
              m_central.interdependency(i, static_cast<Eigen::Index>(j));
      column = m_lu.solve(Vector(Vector::Unit(inputs.dependency.size(), i)));
    }
    const auto solve = [&](const Vector& right) {
      Vector x = m_lu.solve(right);
      if (link)
        x += (delta * x[static_cast<Eigen::Index>(j)] /
              (1 - delta * column[static_cast<Eigen::Index>(j)])) *
             column;
      return x;
    };
    return net_total(inputs, solve);
  }

 private:
  template <class Solve>
  double net_total(const ModelInputs& inputs, const Solve& solve) const {
    const Vector unit_response = solve(inputs.dependency);
    double during = 0;  // S
    for (std::size_t p = 0; p < inputs.phases.size(); ++p) {
      const double begin = inputs.phases[p].first;
      const double end = std::min(
          p + 1 < inputs.phases.size() ? inputs.phases[p + 1].first : inputs.duration_hours,
          inputs.duration_hours);
      if (begin < end) during += inputs.phases[p].second * (end - begin);
    }
    double last = 0;  // the severity in force just before the end
    for (const auto& [start, severity] : inputs.phases) {
      if (start < inputs.duration_hours) last = severity;
    }
    Vector gross = during * unit_response;
    Vector direct = during * inputs.dependency;
    if (inputs.model == ModelKind::dynamic_model && last != 0) {
      const Eigen::ArrayXd tau = inputs.recovery_hours.array();
      const Eigen::ArrayXd coupled =
          kLn100 / (tau * (1.0 - inputs.interdependency.diagonal().array()));
      gross += solve(Vector(last * unit_response.array() / coupled));
      direct += Vector(last * inputs.dependency.array() * tau / kLn100);
    }
    for (Eigen::Index i = 0; i < gross.size(); ++i) {
      if (inputs.interdependency.row(i).isZero(0.0)) gross[i] = direct[i];
    }
    return ((1.0 - inputs.deferred.array()) * inputs.revenue_per_hour.array() * gross.array())
        .sum();
  }

  static constexpr double kLn100 = 4.605170185988092;  // as inoperability.cpp
  const ModelInputs& m_central;
  DenseLu m_lu;
};

// The ranks of `count` values from 1, ties sharing their average rank. Sorts (value, position)
// pairs: contiguous, where sorting positions by an indirect comparison missed the cache.
std::vector<double> average_ranks(const double* values, std::size_t count) {
  std::vector<std::pair<double, std::size_t>> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = {values[i], i};
  std::sort(order.begin(), order.end());
  std::vector<double> ranks(count);
  for (std::size_t i = 0; i < count;) {
    std::size_t j = i;
    while (j + 1 < count && order[j + 1].first == order[i].first) ++j;
    const double rank = 0.5 * static_cast<double>(i + j) + 1.0;
    for (std::size_t k = i; k <= j; ++k) ranks[order[k].second] = rank;
    i = j + 1;
  }
  return ranks;
}

// Pearson's correlation of two rank vectors of the same length (>= 2): Spearman's rho.
double correlation_of_ranks(const std::vector<double>& rx, const std::vector<double>& ry) {
  const double mean = 0.5 * static_cast<double>(rx.size() + 1);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  if (sxx == 0 || syy == 0) return 0;
  return sxy / std::sqrt(sxx * syy);
}

// The total with one input swung: in closed form without profiles (FlatTotals), from the unit
// otherwise by a solve.
class SwingTotals {
 public:
  SwingTotals(const PreparedScenario& prepared, bool needed)
      : m_table(prepared.table()), m_central(prepared.central()), m_rollup(prepared.rollup()) {
    const ModelInputs& central = m_central;
    // The closed form sums every segment: with welfare segments (never in the market total)
    // each swing is solved.
    const bool welfare = m_rollup.any_welfare();
    if (!needed) return;
    // With a build-up (or welfare segments) and no profile: the flat closed form for every
    // swing that leaves the links and build-up times as they are.
    if (FlatPricer::applies(central)) m_flat_pricer.emplace(central);
    if (welfare || !FlatTotals::applies(central)) return;
    m_flat.emplace(central);
    // The closed form must give the solve's total at the central values, or it is not used.
    const double solved = prepared.central_solution().losses.net.sum();
    if (!(std::fabs(m_flat->total(central, nullptr) - solved) <= 1e-12 * std::fabs(solved))) {
      m_flat.reset();
    }
  }

  double operator()(std::size_t k, double value) {
    const ModelInputs inputs = swung_inputs(m_table, m_central, k, value);
    const Input& input = m_table[k];
    if (m_flat) {
      const bool link = input.target == InputTarget::link;
      return m_flat->total(inputs, link ? &m_table.scenario().links[input.index] : nullptr);
    }
    if (m_flat_pricer && input.target != InputTarget::link &&
        input.target != InputTarget::buildup) {
      m_flat_pricer->integrate(inputs, std::nullopt, m_scratch, m_integral);
      const Vector net =
          (1.0 - inputs.deferred.array()) * (inputs.revenue_per_hour.array() * m_integral.array());
      return m_rollup.market(net.data());
    }
    // With profiles the unit responses (as Monte Carlo's fast path uses) stop the recovery
    // tail where the solve does not (at 1e-9 of what is left): swings by them differed from
    // the solve by up to 4e-11 (measured), so every swing there is a solve, as before.
    return m_rollup.market(solve_losses(inputs).net.data());
  }

 private:
  const InputTable& m_table;
  const ModelInputs& m_central;
  const Rollup& m_rollup;
  std::optional<FlatTotals> m_flat;
  std::optional<FlatPricer> m_flat_pricer;
  FlatScratch m_scratch;
  Vector m_integral;
};

// Each chosen input at its low and high value; `chosen` receives their positions in the table.
std::vector<InputSensitivity> swing_inputs(const PreparedScenario& prepared,
                                           const SensitivityOptions& options,
                                           std::vector<std::size_t>& chosen) {
  const InputTable& table = prepared.table();
  std::vector<InputSensitivity> swings;
  for (std::size_t k = 0; k < table.size(); ++k) {
    const Input& input = table[k];
    const Param& param = *input.param;
    if (!param.is_uncertain() && !options.all_inputs) continue;
    // A buildup the scenario does not give (fixed at 0) has nothing to swing.
    if (input.target == InputTarget::buildup && !param.is_uncertain() && param.mode == 0) continue;
    chosen.push_back(k);
  }
  SwingTotals swung_total(prepared, !chosen.empty());
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
  return correlation_of_ranks(average_ranks(x.data(), x.size()), average_ranks(y.data(), y.size()));
}

Sensitivity sensitivity_analysis(const PreparedScenario& prepared,
                                 const SensitivityOptions& options, SampledLosses* keep_draws) {
  const Scenario& scenario = prepared.scenario();
  const InputTable& table = prepared.table();
  Sensitivity result;
  result.scenario = scenario.name;
  result.currency = scenario.currency;
  result.central_total = prepared.rollup().market(prepared.central_solution().losses.net.data());

  std::vector<std::size_t> chosen;  // positions in the input table
  result.inputs = swing_inputs(prepared, options, chosen);

  if (options.sampling.samples > 0) {
    SamplingOptions sampling = options.sampling;
    sampling.keep_inputs = true;
    SampledLosses draws = sample_net_losses(prepared, sampling);
    const auto count = static_cast<std::size_t>(draws.samples);
    const std::vector<double> totals(draws.total(), draws.total() + count);
    std::vector<double> sorted = totals;
    result.total_stats = summarize_losses(sorted, options.sampling.extra_percentiles);
    // The total's ranks once; each input's on the threads (one input a chunk).
    const std::vector<double> total_ranks =
        count < 2 ? std::vector<double>{} : average_ranks(totals.data(), count);
    const auto correlate = [&](std::int64_t chunk, std::size_t) {
      const auto c = static_cast<std::size_t>(chunk);
      const auto column =
          std::find(draws.input_names.begin(), draws.input_names.end(), table[chosen[c]].name);
      if (column == draws.input_names.end()) return;  // a fixed input
      const double* values = draws.inputs.data() +
                             static_cast<std::size_t>(column - draws.input_names.begin()) * count;
      const double correlation =
          count < 2 ? 0.0 : correlation_of_ranks(average_ranks(values, count), total_ranks);
      result.inputs[c].rank_correlation_squared = correlation * correlation;
    };
    run_chunks({static_cast<std::int64_t>(chosen.size()), options.sampling.threads, 0}, correlate);
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
