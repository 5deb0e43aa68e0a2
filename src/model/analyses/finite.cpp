#include "model/analyses/finite.hpp"

#include <fmt/format.h>

#include <cmath>

#include "model/scenario/inputs.hpp"
#include "util/text_safety.hpp"

namespace outage {
namespace {

bool finite_stats(const std::optional<LossStats>& stats) {
  if (!stats) return true;
  for (const double value : {stats->mean, stats->p5, stats->p50, stats->p95, stats->stddev}) {
    if (!std::isfinite(value)) return false;
  }
  for (const auto& [percent, value] : stats->extra_percentiles) {
    if (!std::isfinite(value)) return false;
  }
  return true;
}

[[noreturn]] void fail(const Param& param, const std::string& what) {
  throw Error(param.where, fmt::format("{} = {}: {} (not a finite number); use a larger currency "
                                       "unit (thousands, millions) or a narrower range",
                                       param.key, param.describe(), what));
}

// The uncertain input with the largest upper value: the one whose draws overflow first.
const Param* widest_distribution(const Scenario& scenario) {
  const Param* widest = nullptr;
  const InputTable table(scenario);
  for (const Input& input : table.inputs()) {
    const Param* param = input.param;
    if (param->is_uncertain() && (!widest || param->high > widest->high)) widest = param;
  }
  return widest;
}

// The segment with the largest central revenue per hour.
const Segment& largest_revenue(const Scenario& scenario) {
  const Segment* largest = &scenario.segments.front();
  for (const auto& segment : scenario.segments) {
    if (segment.revenue_per_hour.central() > largest->revenue_per_hour.central()) {
      largest = &segment;
    }
  }
  return *largest;
}

bool finite_losses(double gross, double net, double direct, double indirect) {
  return std::isfinite(gross) && std::isfinite(net) && std::isfinite(direct) &&
         std::isfinite(indirect);
}

}  // namespace

void check_finite_losses(const Estimate& estimate, const Scenario& scenario) {
  for (std::size_t i = 0; i < estimate.segments.size() && i < scenario.segments.size(); ++i) {
    const SegmentEstimate& segment = estimate.segments[i];
    if (!finite_losses(segment.gross_loss, segment.net_loss, segment.direct_loss,
                       segment.indirect_loss) ||
        !std::isfinite(segment.peak_inoperability)) {
      fail(scenario.segments[i].revenue_per_hour,
           fmt::format("the losses of segment '{}' overflow", segment.id));
    }
  }
  const TotalEstimate& total = estimate.total;
  if (!finite_losses(total.gross_loss, total.net_loss, total.direct_loss, total.indirect_loss) &&
      !scenario.segments.empty()) {
    fail(largest_revenue(scenario).revenue_per_hour, "the total loss over all segments overflows");
  }
  bool stats_finite = finite_stats(total.stats);
  for (const auto& segment : estimate.segments) stats_finite &= finite_stats(segment.stats);
  if (!stats_finite) {
    const Param* widest = widest_distribution(scenario);
    if (widest) fail(*widest, "its draws make the sampled losses overflow");
    throw Error(Location{scenario.path, 0, 0}, "the sampled losses overflow");
  }
}

void check_finite_losses(const SegmentLosses& losses, const Scenario& scenario,
                         const Location& where) {
  double totals[4] = {0, 0, 0, 0};
  for (Eigen::Index i = 0; i < losses.gross.size(); ++i) {
    const double values[4] = {losses.gross[i], losses.net[i], losses.direct[i], losses.indirect[i]};
    for (int c = 0; c < 4; ++c) totals[c] += values[c];
    if (!finite_losses(values[0], values[1], values[2], values[3]) ||
        !std::isfinite(losses.peak[i])) {
      const auto& segment = scenario.segments.at(static_cast<std::size_t>(i));
      throw Error(where, fmt::format("the losses of segment '{}' overflow (not a finite number): "
                                     "{} = {} is too large for this incident",
                                     segment.id, segment.revenue_per_hour.key,
                                     segment.revenue_per_hour.describe()));
    }
  }
  if (!finite_losses(totals[0], totals[1], totals[2], totals[3])) {
    throw Error(where,
                fmt::format("the total loss over all segments overflows (not a finite number): "
                            "{} is too large for this incident",
                            largest_revenue(scenario).revenue_per_hour.key));
  }
}

void check_finite_losses(const Sensitivity& sensitivity, const Scenario& scenario) {
  if (!std::isfinite(sensitivity.central_total) && !scenario.segments.empty()) {
    fail(largest_revenue(scenario).revenue_per_hour, "the total loss overflows");
  }
  for (const auto& input : sensitivity.inputs) {
    if (std::isfinite(input.total_at_low) && std::isfinite(input.total_at_high) &&
        std::isfinite(input.swing)) {
      continue;
    }
    const InputTable table(scenario);
    if (const std::size_t k = table.find(input.input); k < table.size()) {
      fail(*table[k].param, "the total loss at its p5 or p95 overflows");
    }
    throw Error(Location{scenario.path, 0, 0},
                fmt::format("the total loss with {} at its p5 or p95 overflows", input.input));
  }
}

namespace {

[[noreturn]] void overflowed(const Location& where, const std::string& what, double value) {
  throw Error(where, fmt::format("{} = {}: the losses overflow a double; the outage process or "
                                 "the scenario's revenues or durations are too large",
                                 what, value));
}

void check_measures(const RiskMeasures& m, const std::string& name, const Location& where) {
  if (!std::isfinite(m.aal)) overflowed(where, name + " AAL", m.aal);
  if (!std::isfinite(m.aal_stderr)) overflowed(where, name + " AAL standard error", m.aal_stderr);
  if (!std::isfinite(m.sd)) overflowed(where, name + " SD", m.sd);
  for (const EpPoint& p : m.ep) {
    for (const double value : {p.aep, p.aep_tvar, p.oep, p.oep_tvar}) {
      if (!std::isfinite(value)) {
        overflowed(where, fmt::format("{} loss at return period {:g}", name, p.return_period),
                   value);
      }
    }
  }
}

}  // namespace

void check_finite_risk(const RiskResult& result, const Location& where) {
  for (std::size_t i = 0; i < result.segments.size(); ++i) {
    check_measures(result.segments[i], "segment '" + excerpt(result.segment_ids[i]) + "'", where);
  }
  check_measures(result.total, "the total", where);
  for (std::size_t i = 0; i < result.insured_segments.size(); ++i) {
    check_measures(result.insured_segments[i],
                   "segment '" + excerpt(result.segment_ids[i]) + "' insured", where);
  }
  if (result.insured_total) check_measures(*result.insured_total, "the total insured", where);
}

void check_finite_comparison(const Comparison& comparison, const Location& where) {
  for (const ComparisonRow& row : comparison.rows) {
    const std::string name = fmt::format("'{}' {}", excerpt(row.segment), row.measure);
    for (const double value : {row.a, row.b, row.difference}) {
      if (!std::isfinite(value)) overflowed(where, name, value);
    }
    if (row.difference_stderr && !std::isfinite(*row.difference_stderr)) {
      overflowed(where, name + " standard error", *row.difference_stderr);
    }
  }
}

}  // namespace outage
