#include "model/risk_outages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "model/estimate.hpp"
#include "model/validate.hpp"
#include "util/dense_lu.hpp"

namespace outage {
namespace {

constexpr double kBoundSlack = 1e-12;
constexpr double kPoissonPiece = 500;
constexpr std::uint64_t kEventShift = 32;
// Scenario::params(): outage.duration and outage.severity come first; the process replaces them.
constexpr std::size_t kFirstSegmentParam = 2;

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

OutageEvaluator::OutageEvaluator(const Scenario& scenario, const RiskProcess& process,
                                 std::uint64_t seed, bool central)
    : m_scenario(scenario),
      m_process(process),
      m_seed(seed),
      m_central(central),
      m_rate(process.rate),
      m_duration(process.duration_hours),
      m_severity(process.severity),
      m_central_inputs(central_inputs(scenario)) {
  for (const Param* param : scenario.params()) {
    m_inputs.emplace_back(*param);
  }
  for (const auto& segment : scenario.segments) {
    m_inputs_uncertain |= segment.revenue_per_hour.is_uncertain() ||
                          segment.dependency.is_uncertain() || segment.deferred.is_uncertain();
    m_structure_uncertain |= segment.recovery_hours.is_uncertain();
  }
  for (const auto& link : scenario.links) m_structure_uncertain |= link.share.is_uncertain();
  m_pricer = std::make_unique<OutagePricer>(m_central_inputs);
  m_precomputed = m_pricer->is_exact() && (central || !m_structure_uncertain);
  if (m_precomputed) m_pricer->unit_response(m_central_inputs.dependency, m_central_response);
}

std::int64_t OutageEvaluator::draw_count(std::int64_t year) const {
  RandomStream stream(m_seed, static_cast<std::uint64_t>(year), 0);
  const double rate = m_rate.draw(stream);
  if (!(rate >= 0)) bad_draw(m_process.rate, year, 0, rate, "[0, infinity)");
  return draw_poisson(stream, rate);
}

OutageDraw OutageEvaluator::draw_outage(std::int64_t year, std::int64_t event) const {
  RandomStream stream(m_seed, event_draw(year, event), 0);
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

// SECONDARY UNCERTAINTY ADAPTER (to be replaced by the lead's input table, issue 10): draws the
// scenario's uncertain inputs for outage `event` of `year` in Scenario::params() order, input k
// from its own stream (seed, year + event * 2^32, 1 + k), and checks each as DrawEvaluator does.
// The outage's own duration and severity (params 0 and 1) come from the process instead.
void OutageEvaluator::draw_inputs(std::int64_t year, std::int64_t event,
                                  OutageScratch& scratch) const {
  const std::uint64_t draw = event_draw(year, event);
  std::size_t index = kFirstSegmentParam;
  const auto take = [&](const Param& param) {
    const std::size_t k = index++;
    if (!param.is_uncertain()) return param.mode;
    RandomStream stream(m_seed, draw, static_cast<std::uint32_t>(1 + k));
    return m_inputs[k].draw(stream);
  };
  const auto share = [&](const Param& param) {
    const double value = take(param);
    if (value < -kBoundSlack || value > 1 + kBoundSlack)
      bad_draw(param, year, event, value, "[0, 1]");
    return value;
  };
  const auto n = static_cast<Eigen::Index>(m_scenario.segments.size());
  scratch.revenue.resize(n);
  scratch.dependency.resize(n);
  scratch.kept.resize(n);
  scratch.recovery.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Segment& segment = m_scenario.segments[static_cast<std::size_t>(i)];
    scratch.revenue[i] = take(segment.revenue_per_hour);
    if (scratch.revenue[i] < 0) {
      bad_draw(segment.revenue_per_hour, year, event, scratch.revenue[i], "[0, infinity)");
    }
    scratch.dependency[i] = share(segment.dependency);
    scratch.kept[i] = 1.0 - share(segment.deferred);
    scratch.recovery[i] = take(segment.recovery_hours);
    if (!(scratch.recovery[i] > 0)) {
      bad_draw(segment.recovery_hours, year, event, scratch.recovery[i], "(0, infinity) hours");
    }
  }
  if (!m_structure_uncertain) return;
  scratch.interdependency = m_central_inputs.interdependency;
  for (const auto& link : m_scenario.links) {
    const double value = take(link.share);
    if (value < 0) bad_draw(link.share, year, event, value, "[0, infinity)");
    if (link.segment == link.depends_on && !(value < 1)) {
      bad_draw(link.share, year, event, value, "[0, 1) for a self-link");
    }
    scratch.interdependency(static_cast<Eigen::Index>(link.segment),
                            static_cast<Eigen::Index>(link.depends_on)) = value;
  }
  if (!m_scenario.links.empty() && !(spectral_radius(scratch.interdependency) < 1.0 - 1e-10)) {
    throw Error(m_scenario.links.front().share.where,
                fmt::format("year {}, outage {}: the links' spectral radius is >= 1: narrow the "
                            "link shares' distributions",
                            year, event));
  }
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
  if (drawn && m_structure_uncertain && price_drawn_structure(outage, scratch, net)) return;
  if (!m_precomputed) {
    price_with_solver(outage, scratch, net);
    return;
  }
  const Vector* response = &m_central_response;
  if (drawn) {
    m_pricer->unit_response(scratch.dependency, scratch.response);
    response = &scratch.response;
  }
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

void OutageEvaluator::price_with_solver(const OutageDraw& outage, OutageScratch& scratch,
                                        Vector& net) const {
  ModelInputs inputs = m_central_inputs;
  inputs.revenue_per_hour = scratch.revenue;
  inputs.dependency = scratch.dependency;
  inputs.deferred = (1.0 - scratch.kept.array()).matrix();
  inputs.recovery_hours = scratch.recovery;
  if (!m_central && m_structure_uncertain) inputs.interdependency = scratch.interdependency;
  inputs.duration_hours = outage.duration_hours;
  inputs.phases.assign(1, {0.0, outage.severity});
  inputs.start_hour_of_week = outage.start_hour_of_week;
  net = solve_losses(inputs).net;
}

}  // namespace outage
