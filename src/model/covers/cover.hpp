// Covers (docs/risk.md, "Covers"): what an insurance policy, a parametric cover or an SLA credit
// pays for one outage, and how that is shared out among the segments it covers.
#pragma once

#include <vector>

#include "model/iim/inoperability.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

// The terms of a cover are plain data in scenario.hpp (struct Cover).

// The covered net loss X of one outage per segment: the net loss that accrues from `waiting`
// hours after the outage's start onwards, recovery included; 0 when the outage is not longer
// than the waiting period. `full` is solve_losses(inputs).net.
Vector net_loss_after(const ModelInputs& inputs, double waiting_hours, const Vector& full);

// One cover's terms applied to X (the covered segments' part of X summed): share * min(limit,
// max(0, X - deductible)).
double cover_payout(const Cover& cover, double covered);

// Adds each cover's payout for one outage to `insured`, allocated to its segments in proportion
// to their part of X. `after(w)` gives every segment's X for waiting period w (called once per
// distinct waiting period). `per_cover`, when given, receives each cover's payout.
template <class After>
void add_insured_losses(const std::vector<Cover>& covers, After&& after, Vector& insured,
                        std::vector<double>* per_cover = nullptr);

// The waiting periods of `covers`, distinct, in increasing order.
std::vector<double> distinct_waiting_periods(const std::vector<Cover>& covers);

// Shares `payout` among the cover's segments in proportion to `covered_by_segment` (their X);
// equally when X is 0 (a payout then is 0 too, unless the deductible is negative: not allowed).
void allocate_payout(const Cover& cover, double payout, const Vector& covered_by_segment,
                     Vector& insured);

// The sum of X over the cover's segments.
double covered_total(const Cover& cover, const Vector& covered_by_segment);

template <class After>
void add_insured_losses(const std::vector<Cover>& covers, After&& after, Vector& insured,
                        std::vector<double>* per_cover) {
  if (per_cover) per_cover->assign(covers.size(), 0.0);
  const std::vector<double> waits = distinct_waiting_periods(covers);
  for (const double wait : waits) {
    const Vector covered = after(wait);
    for (std::size_t c = 0; c < covers.size(); ++c) {
      if (covers[c].waiting_period_hours != wait) continue;
      const double payout = cover_payout(covers[c], covered_total(covers[c], covered));
      allocate_payout(covers[c], payout, covered, insured);
      if (per_cover) (*per_cover)[c] = payout;
    }
  }
}

}  // namespace outage
