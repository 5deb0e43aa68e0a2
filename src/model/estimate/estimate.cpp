#include "model/estimate/estimate.hpp"

#include <fmt/format.h>

#include <cmath>

#include "model/covers/cover.hpp"
#include "model/scenario/inputs.hpp"
#include "util/time.hpp"

namespace outage {

namespace {

// Each cover's X and payout, and every segment's insured loss (docs/risk.md, "Covers").
void add_cover_results(const Scenario& scenario, const ModelInputs& inputs, const Vector& net,
                       Estimate& estimate) {
  Vector insured = Vector::Zero(net.size());
  std::vector<double> payouts;
  std::vector<std::pair<double, Vector>> covered;  // X per waiting period
  const auto after = [&](double wait) {
    covered.emplace_back(wait, net_loss_after(inputs, wait, net));
    return covered.back().second;
  };
  add_insured_losses(scenario.covers, after, insured, &payouts);
  estimate.total.insured_loss = 0.0;
  for (std::size_t i = 0; i < estimate.segments.size(); ++i) {
    estimate.segments[i].insured_loss = insured[static_cast<Eigen::Index>(i)];
    *estimate.total.insured_loss += insured[static_cast<Eigen::Index>(i)];
  }
  for (std::size_t c = 0; c < scenario.covers.size(); ++c) {
    const Cover& cover = scenario.covers[c];
    double x = 0;
    for (const auto& [wait, values] : covered) {
      if (wait == cover.waiting_period_hours) x = covered_total(cover, values);
    }
    estimate.covers.push_back({cover.name, x, payouts[c]});
  }
  for (std::size_t i = 0; i < estimate.segments.size(); ++i) {
    const SegmentEstimate& segment = estimate.segments[i];
    if (*segment.insured_loss > segment.net_loss * (1 + 1e-12) + 1e-9) {
      estimate.warnings.push_back(fmt::format(
          "segment '{}': its covers pay {:.4g}, more than its net loss {:.4g}: covers that "
          "overlap each pay in full (docs/risk.md), so check whether they should",
          segment.id, *segment.insured_loss, segment.net_loss));
    }
  }
}

}  // namespace

namespace {

// The total segment `i`'s losses add to (model/scenario/rollup.hpp): the market total, or the
// welfare total (made when the first welfare segment comes).
TotalEstimate& total_of(const Rollup& rollup, std::size_t i, Estimate& estimate) {
  if (!rollup.is_welfare(i)) return estimate.total;
  if (!estimate.welfare_total) estimate.welfare_total.emplace();
  return *estimate.welfare_total;
}

// value_added_loss of each segment that gives a share, and of its total: central share x net.
void add_value_added(const Rollup& rollup, Estimate& estimate) {
  for (std::size_t i = 0; i < rollup.size(); ++i) {
    const double share = rollup.value_added_share(i);
    if (std::isnan(share)) continue;
    SegmentEstimate& segment = estimate.segments[i];
    segment.value_added_loss = Rollup::value_added(share, segment.net_loss);
    TotalEstimate& total = total_of(rollup, i, estimate);
    total.value_added_loss = total.value_added_loss.value_or(0.0) + *segment.value_added_loss;
  }
}

}  // namespace

Estimate estimate_point(const PreparedScenario& prepared) {
  const Scenario& scenario = prepared.scenario();
  const ModelInputs& inputs = prepared.central();
  const SegmentLosses& losses = prepared.central_solution().losses;
  Estimate estimate;
  estimate.scenario = scenario.name;
  estimate.currency = scenario.currency;
  estimate.model = scenario.model;
  estimate.start_unix_seconds = scenario.outage.start_unix_seconds;
  estimate.duration_hours = inputs.duration_hours;
  estimate.severity = inputs.phases.front().second;
  const Rollup& rollup = prepared.rollup();
  for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    SegmentEstimate segment;
    segment.id = scenario.segments[i].id;
    segment.name = scenario.segments[i].name;
    segment.gross_loss = losses.gross[k];
    segment.net_loss = losses.net[k];
    segment.direct_loss = losses.direct[k];
    segment.indirect_loss = losses.indirect[k];
    segment.peak_inoperability = losses.peak[k];
    // Equilibrium inoperability above 1 (with a tolerance for rounding): docs/model.md asks for a
    // warning, never a silent clip.
    segment.saturated = losses.peak[k] > 1.0 + 1e-12;
    if (segment.saturated) {
      estimate.warnings.push_back(fmt::format(
          "segment '{}': equilibrium inoperability {:.4g} exceeds 1: the links overstate its "
          "dependencies (losses are not clipped)",
          segment.id, losses.peak[k]));
    }
    segment.kind = scenario.segments[i].kind;
    TotalEstimate& total = total_of(rollup, i, estimate);
    total.gross_loss += segment.gross_loss;
    total.net_loss += segment.net_loss;
    total.direct_loss += segment.direct_loss;
    total.indirect_loss += segment.indirect_loss;
    estimate.segments.push_back(std::move(segment));
  }
  if (!scenario.covers.empty()) add_cover_results(scenario, inputs, losses.net, estimate);
  add_value_added(rollup, estimate);
  return estimate;
}

}  // namespace outage
