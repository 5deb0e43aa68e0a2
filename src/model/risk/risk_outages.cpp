#include "model/risk/risk_outages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "model/covers/cover.hpp"
#include "model/scenario/inputs.hpp"
#include "util/dense_lu.hpp"
#include "util/parse.hpp"

namespace outage {
namespace {

constexpr double kBoundSlack = 1e-12;
constexpr double kPoissonPiece = 500;
constexpr std::uint64_t kEventShift = 32;
// The process's own stream (the count, each outage's duration, severity and start): a stream
// index no scenario input uses (inputs use their position in the input table).
constexpr std::uint32_t kProcessStream = 0xFFFFFFFFu;

std::uint64_t event_draw(std::int64_t year, std::int64_t event) {
  return static_cast<std::uint64_t>(year) + (static_cast<std::uint64_t>(event) << kEventShift);
}

[[noreturn]] void bad_draw(const Param& param, std::int64_t year, std::int64_t event, double value,
                           const char* expected) {
  throw Error(param.where,
              fmt::format("year {}, outage {}: {} = {} is outside {}: narrow its distribution",
                          year, event, param.key, value, expected));
}

std::int64_t poisson_piece(RandomStream& stream, double mean) {
  const double u = stream.uniform();
  double probability = std::exp(-mean);
  double cumulative = probability;
  std::int64_t count = 0;
  const auto limit = static_cast<std::int64_t>(mean + 40.0 * std::sqrt(mean) + 60.0);
  while (u > cumulative && count < limit) {
    ++count;
    probability *= mean / static_cast<double>(count);
    cumulative += probability;
  }
  return count;
}

}  // namespace

std::int64_t draw_poisson(RandomStream& stream, double mean) {
  std::int64_t count = 0;
  while (mean > kPoissonPiece) {
    count += poisson_piece(stream, kPoissonPiece);
    mean -= kPoissonPiece;
  }
  return count + (mean > 0 ? poisson_piece(stream, mean) : 0);
}

OutageEvaluator::OutageEvaluator(const PreparedScenario& prepared, const RiskProcess& process,
                                 std::uint64_t seed, bool central)
    : m_prepared(prepared),
      m_scenario(prepared.scenario()),
      m_process(process),
      m_seed(seed),
      m_central(central),
      // Draws stay inside the caps that the parameters are checked against (docs/risk.md).
      m_rate(process.rate, Domain{0, kMaxOutagesPerYear, false, false}),
      m_duration(process.duration_hours, Domain{0, kMaxDurationHours, true, false}),
      m_severity(process.severity, Domain{0, 1, true, false}),
      m_table(prepared.table()),
      m_sampler(m_table, seed),
      m_central_inputs(prepared.central()) {
  const Scenario& scenario = m_scenario;
  bool buildup = false;
  bool structure_drawn = false;  // links or build-up times drawn per outage
  for (const Input& input : m_table.inputs()) {
    const bool uncertain = input.param->is_uncertain();
    switch (input.target) {
      case InputTarget::revenue:
      case InputTarget::dependency:
      case InputTarget::deferred:
        m_inputs_uncertain |= uncertain;
        break;
      case InputTarget::recovery:
        m_structure_uncertain |= uncertain;
        break;
      case InputTarget::link:
        m_structure_uncertain |= uncertain;
        structure_drawn |= uncertain && !central;
        break;
      case InputTarget::buildup:
        buildup |= uncertain || input.param->central() != 0;
        structure_drawn |= uncertain && !central;
        // A drawn buildup is drawn per outage too (it was left at its central value when no
        // other input was uncertain): the outage is then solved with the drawn values.
        m_structure_uncertain |= uncertain;
        break;
      default:  // the outage's own duration, severity and phases: replaced by the process
        break;
    }
  }
  m_pricer = std::make_unique<OutagePricer>(m_central_inputs);
  // A gradual build-up of the cascade is not in the precomputed tails: every outage is solved.
  m_drawn_path = !buildup;
  m_precomputed = !buildup && m_pricer->is_exact() && (central || !m_structure_uncertain);
  if (m_precomputed) m_pricer->unit_response(m_central_inputs.dependency, m_central_response);
  const bool flat_demand = FlatPricer::applies_at_any_start(m_central_inputs);
  const bool tails_cover_it = m_precomputed || (m_drawn_path && m_structure_uncertain);
  if (!tails_cover_it && flat_demand && !structure_drawn) {
    m_flat = std::make_unique<FlatPricer>(m_central_inputs);
  }
  if (!scenario.covers.empty() && m_drawn_path) {
    ModelInputs window = m_central_inputs;
    window.model = ModelKind::static_model;
    window.horizon_hours.reset();
    m_window_pricer = std::make_unique<OutagePricer>(window);
    if (!m_window_pricer->is_exact()) m_window_pricer.reset();
  }
}

std::int64_t OutageEvaluator::draw_count(std::int64_t year) const {
  RandomStream stream(m_seed, static_cast<std::uint64_t>(year), kProcessStream);
  const double rate = m_rate.draw(stream);
  if (!(rate >= 0)) bad_draw(m_process.rate, year, 0, rate, "[0, infinity)");
  return draw_poisson(stream, rate);
}

OutageDraw OutageEvaluator::draw_outage(std::int64_t year, std::int64_t event) const {
  RandomStream stream(m_seed, event_draw(year, event), kProcessStream);
  OutageDraw outage;
  if (m_process.from_history) {
    const auto rows = m_process.history.size();
    const auto row =
        std::min(rows - 1, static_cast<std::size_t>(stream.uniform() * static_cast<double>(rows)));
    const HistoryOutage& chosen = m_process.history[row];
    outage.duration_hours = chosen.duration_hours;
    outage.severity = chosen.severity;
    const double uniform = stream.uniform();
    outage.start_hour_of_week = chosen.start_hour_of_week.value_or(uniform * kHoursPerWeek);
    return outage;
  }
  outage.duration_hours = m_duration.draw(stream);
  if (!(outage.duration_hours > 0)) {
    bad_draw(m_process.duration_hours, year, event, outage.duration_hours, "(0, infinity) hours");
  }
  outage.severity = m_severity.draw(stream);
  if (!(outage.severity > 0 && outage.severity <= 1 + kBoundSlack)) {
    bad_draw(m_process.severity, year, event, outage.severity, "(0, 1]");
  }
  const auto& cumulative = m_process.start_cumulative;
  if (cumulative.empty()) {
    outage.start_hour_of_week = stream.uniform() * kHoursPerWeek;
  } else {
    const double target = stream.uniform() * cumulative.back();
    const auto hour = std::min<std::ptrdiff_t>(
        kHoursPerWeek - 1,
        std::upper_bound(cumulative.begin(), cumulative.end(), target) - cumulative.begin());
    outage.start_hour_of_week = static_cast<double>(hour) + stream.uniform();
  }
  return outage;
}

// The scenario's uncertain inputs for outage `event` of `year`, drawn by the input table's
// sampler (correlations and truncation included) as its draw year + event * 2^32: input k reads
// the stream (seed, year + event * 2^32, k). The outage's own duration, severity and phases are
// drawn but not used: the process replaces them.
void OutageEvaluator::draw_inputs(std::int64_t year, std::int64_t event,
                                  OutageScratch& scratch) const {
  m_sampler.draw(event_draw(year, event), scratch.values);
  scratch.revenue = m_central_inputs.revenue_per_hour;
  scratch.dependency = m_central_inputs.dependency;
  scratch.kept = (1.0 - m_central_inputs.deferred.array()).matrix();
  scratch.recovery = m_central_inputs.recovery_hours;
  if (m_structure_uncertain) scratch.interdependency = m_central_inputs.interdependency;
  for (const std::size_t k : m_sampler.uncertain()) {
    const Input& input = m_table[k];
    const auto i = static_cast<Eigen::Index>(input.index);
    const double value = scratch.values[k];
    switch (input.target) {
      case InputTarget::revenue:
        scratch.revenue[i] = value;
        break;
      case InputTarget::dependency:
        scratch.dependency[i] = value;
        break;
      case InputTarget::deferred:
        scratch.kept[i] = 1.0 - value;
        break;
      case InputTarget::recovery:
        scratch.recovery[i] = value;
        break;
      case InputTarget::link: {
        const Link& link = m_scenario.links[input.index];
        scratch.interdependency(static_cast<Eigen::Index>(link.segment),
                                static_cast<Eigen::Index>(link.depends_on)) = value;
        break;
      }
      default:
        break;
    }
  }
  (void)year;
}

void OutageEvaluator::price(std::int64_t year, std::int64_t event, const OutageDraw& outage,
                            OutageScratch& scratch, Vector& net) const {
  const bool drawn = !m_central && (m_inputs_uncertain || m_structure_uncertain);
  if (drawn) {
    draw_inputs(year, event, scratch);
  } else {
    scratch.revenue = m_central_inputs.revenue_per_hour;
    scratch.dependency = m_central_inputs.dependency;
    scratch.kept = (1.0 - m_central_inputs.deferred.array()).matrix();
    scratch.recovery = m_central_inputs.recovery_hours;
  }
  scratch.priced_response = nullptr;
  if (m_flat) {
    price_flat(outage, scratch, net);
    return;
  }
  if (drawn && m_structure_uncertain && m_drawn_path &&
      price_drawn_structure(outage, scratch, net)) {
    scratch.priced_response = &scratch.response;
    return;
  }
  if (!m_precomputed) {
    price_with_solver(outage, scratch, net);
    return;
  }
  const Vector* response = &m_central_response;
  if (drawn) {
    m_pricer->unit_response(scratch.dependency, scratch.response);
    response = &scratch.response;
  }
  scratch.priced_response = response;
  m_pricer->integrate(outage.start_hour_of_week, outage.duration_hours, *response, scratch.work,
                      scratch.integral);
  net.array() =
      outage.severity * scratch.kept.array() * scratch.revenue.array() * scratch.integral.array();
}

bool OutageEvaluator::price_drawn_structure(const OutageDraw& outage, OutageScratch& scratch,
                                            Vector& net) const {
  if (m_central_inputs.model == ModelKind::static_model) {
    if (!m_pricer->is_exact()) return false;
    // No recovery: only u = (I - A*)^-1 d depends on the drawn links.
    const auto n = scratch.interdependency.rows();
    scratch.response =
        DenseLu(Matrix::Identity(n, n) - scratch.interdependency).solve(scratch.dependency);
    m_pricer->integrate(outage.start_hour_of_week, outage.duration_hours, scratch.response,
                        scratch.work, scratch.integral);
  } else if (!m_pricer->integrate_drawn(outage.start_hour_of_week, outage.duration_hours,
                                        scratch.recovery, scratch.interdependency,
                                        scratch.dependency, scratch.work, scratch.response,
                                        scratch.integral)) {
    return false;
  }
  net.array() =
      outage.severity * scratch.kept.array() * scratch.revenue.array() * scratch.integral.array();
  return true;
}

bool OutageEvaluator::price_flat(const OutageDraw& outage, OutageScratch& scratch,
                                 Vector& net) const {
  scratch.phases.assign(1, {0.0, outage.severity});
  m_flat->integrate(scratch.dependency, scratch.recovery, outage.duration_hours, scratch.phases,
                    std::nullopt, scratch.flat, scratch.integral);
  net.array() = scratch.kept.array() * scratch.revenue.array() * scratch.integral.array();
  return true;
}

ModelInputs OutageEvaluator::solver_inputs(const OutageDraw& outage,
                                           const OutageScratch& scratch) const {
  ModelInputs inputs = m_central_inputs;
  if (!m_central && !scratch.values.empty()) {
    for (const std::size_t k : m_sampler.uncertain()) m_table.apply(k, scratch.values[k], inputs);
  }
  inputs.duration_hours = outage.duration_hours;
  inputs.phases.assign(1, {0.0, outage.severity});
  inputs.start_hour_of_week = outage.start_hour_of_week;
  return inputs;
}

void OutageEvaluator::price_with_solver(const OutageDraw& outage, OutageScratch& scratch,
                                        Vector& net) const {
  net = solve_losses(solver_inputs(outage, scratch)).net;
}

void OutageEvaluator::covered_after(const OutageDraw& outage, double wait, OutageScratch& scratch,
                                    const Vector& net, Vector& covered) const {
  if (wait <= 0) {
    covered = net;
    return;
  }
  const std::optional<double>& horizon = m_central_inputs.horizon_hours;
  if (outage.duration_hours <= wait || (horizon && *horizon <= wait)) {
    covered.setZero(net.size());
    return;
  }
  if (m_flat) {
    // What accrued before the wait, from the same closed form cut there.
    m_flat->integrate(scratch.dependency, scratch.recovery, outage.duration_hours, scratch.phases,
                      wait, scratch.flat, scratch.covered);
    covered =
        (net.array() - scratch.kept.array() * scratch.revenue.array() * scratch.covered.array())
            .max(0.0)
            .matrix();
    return;
  }
  if (!scratch.priced_response || !m_window_pricer) {
    covered = net_loss_after(solver_inputs(outage, scratch), wait, net);
    return;
  }
  // Before the waiting period ends the outage is still on: what accrues is its integral over
  // the first `wait` hours, counted as a static model counts it.
  m_window_pricer->integrate(outage.start_hour_of_week, wait, *scratch.priced_response,
                             scratch.work, scratch.covered);
  // price() left the outage's r and 1 - f in the scratch, whichever path it took.
  covered = (net.array() - outage.severity * scratch.kept.array() * scratch.revenue.array() *
                               scratch.covered.array())
                .max(0.0)
                .matrix();
}

}  // namespace outage
