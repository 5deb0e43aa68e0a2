#include "model/risk/risk_outages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "model/scenario/inputs.hpp"
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

Variation OutageEvaluator::variation_of(const InputTable& table, bool central) {
  // The outage's own duration, severity and start come from the process; the scenario's other
  // uncertain inputs are drawn per outage unless central values are asked for.
  Variation variation;
  if (!central) {
    std::vector<std::size_t> uncertain;
    for (std::size_t k = 0; k < table.size(); ++k) {
      if (table[k].param->is_uncertain()) uncertain.push_back(k);
    }
    variation = drawn_variation(table, uncertain);
  }
  variation.duration = variation.start = variation.severity = true;
  variation.phase_starts = false;  // a simulated outage has one phase (Purpose::risk)
  return variation;
}

OutageEvaluator::OutageEvaluator(const PreparedScenario& prepared, const RiskProcess& process,
                                 std::uint64_t seed, bool central)
    : m_prepared(prepared),
      m_process(process),
      m_seed(seed),
      // Draws stay inside the caps that the parameters are checked against (docs/risk.md).
      m_rate(process.rate, Domain{0, kMaxOutagesPerYear, false, false}),
      m_duration(process.duration_hours, Domain{0, kMaxDurationHours, true, false}),
      m_severity(process.severity, Domain{0, 1, true, false}),
      m_sampler(prepared.table(), seed),
      m_pricer(prepared, variation_of(prepared.table(), central)) {
  if (prepared.purpose() != Purpose::risk) {
    throw std::logic_error("OutageEvaluator: the scenario must be prepared for Purpose::risk");
  }
  const Variation& varies = m_pricer.variation();
  m_drawn = varies.amounts || varies.recovery || varies.links || varies.buildup;
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

// The scenario's uncertain inputs for outage `event` of `year` are drawn by the input table's
// sampler (correlations and truncation included) as its draw year + event * 2^32: input k reads
// the stream (seed, year + event * 2^32, k). The outage's own duration, severity and phases are
// drawn but not used: the process replaces them.
void OutageEvaluator::price(std::int64_t year, std::int64_t event, const OutageDraw& outage,
                            OutageScratch& scratch, Vector& net) const {
  if (scratch.inputs.dependency.size() == 0) {
    static_cast<PricerScratch&>(scratch) = m_pricer.scratch();
    scratch.values = m_sampler.central_values();
  }
  ModelInputs& inputs = scratch.inputs;
  if (m_drawn) {
    m_sampler.draw(event_draw(year, event), scratch.values);
    const InputTable& table = m_prepared.table();
    for (const std::size_t k : m_sampler.uncertain()) table.apply(k, scratch.values[k], inputs);
  }
  inputs.duration_hours = outage.duration_hours;
  inputs.start_hour_of_week = outage.start_hour_of_week;
  inputs.phases.assign(1, {0.0, outage.severity});
  m_pricer.net(scratch, net);
}

}  // namespace outage
