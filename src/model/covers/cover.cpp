#include "model/covers/cover.hpp"

#include <algorithm>
#include <cmath>

namespace outage {

Vector net_loss_after(const ModelInputs& inputs, double waiting_hours, const Vector& full) {
  const Eigen::Index n = full.size();
  if (inputs.duration_hours <= waiting_hours) return Vector::Zero(n);
  if (waiting_hours <= 0) return full;
  if (inputs.horizon_hours && *inputs.horizon_hours <= waiting_hours) return Vector::Zero(n);
  // What accrues before the waiting period ends is the loss counted to a horizon there (the
  // outage is still on, so no recovery is counted): the rest is what accrues after it.
  ModelInputs before = inputs;
  before.horizon_hours = waiting_hours;
  return (full - solve_losses(before).net).cwiseMax(0.0);
}

double cover_payout(const Cover& cover, double covered) {
  double payout = std::max(0.0, covered - cover.deductible);
  if (cover.limit) payout = std::min(payout, *cover.limit);
  return cover.share * payout;
}

std::vector<double> distinct_waiting_periods(const std::vector<Cover>& covers) {
  std::vector<double> waits;
  for (const auto& cover : covers) waits.push_back(cover.waiting_period_hours);
  std::sort(waits.begin(), waits.end());
  waits.erase(std::unique(waits.begin(), waits.end()), waits.end());
  return waits;
}

double covered_total(const Cover& cover, const Vector& covered_by_segment) {
  double total = 0;
  for (const std::size_t i : cover.segments) {
    total += covered_by_segment[static_cast<Eigen::Index>(i)];
  }
  return total;
}

void allocate_payout(const Cover& cover, double payout, const Vector& covered_by_segment,
                     Vector& insured) {
  if (payout == 0 || cover.segments.empty()) return;
  const double total = covered_total(cover, covered_by_segment);
  // In segment order, the order totals are summed in; the last segment takes what is left, so
  // the shares add up to the payout itself (pro rata by multiplication left a total above a
  // limit in the last digit).
  std::vector<std::size_t> order = cover.segments;
  std::sort(order.begin(), order.end());
  double allocated = 0;
  for (std::size_t n = 0; n < order.size(); ++n) {
    const auto k = static_cast<Eigen::Index>(order[n]);
    double share = total > 0 ? payout * (covered_by_segment[k] / total)
                             : payout / static_cast<double>(order.size());
    if (n + 1 == order.size()) share = std::max(0.0, payout - allocated);
    share = std::min(share, std::max(0.0, payout - allocated));
    // payout - allocated is rounded: step down until the running sum stays within the payout.
    while (share > 0 && allocated + share > payout) share = std::nextafter(share, 0.0);
    insured[k] += share;
    allocated += share;
  }
}

}  // namespace outage
