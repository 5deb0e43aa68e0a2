// The insured side of one simulated year (docs/risk.md, "Covers"): each cover's payouts for the
// year's outages, its aggregate limit, and the allocation of the year's insured loss to
// segments in proportion to their part of the year's covered loss X.
#pragma once

#include <vector>

#include "model/covers/cover.hpp"

namespace outage {

class YearInsurance {
 public:
  YearInsurance(const std::vector<Cover>& covers, Eigen::Index segments);

  void start_year();

  // Adds the year's next outage: `after(w)` fills every segment's X for waiting period w.
  // Writes the outage's insured loss per segment into `outage_insured`: each cover's payout,
  // cut to what its aggregate limit still allows this year, shared by the outage's X (the
  // event loss table's and the OEP's insured loss).
  template <class After>
  void add_outage(After&& after, Vector& covered, Vector& outage_insured);

  // The year's insured loss per segment into `insured`: each cover's min(aggregate limit, sum
  // of the year's payouts), shared in proportion to its segments' part of the year's X.
  void year_insured(Vector& insured) const;

 private:
  const std::vector<Cover>& m_covers;
  std::vector<double> m_waits;
  std::vector<double> m_paid;     // per cover: the payouts so far this year, before the limit
  std::vector<double> m_allowed;  // per cover: the same, each cut to the aggregate left
  std::vector<Vector> m_covered;  // per cover: X per segment so far this year
};

template <class After>
void YearInsurance::add_outage(After&& after, Vector& covered, Vector& outage_insured) {
  outage_insured.setZero();
  for (const double wait : m_waits) {
    after(wait, covered);
    for (std::size_t c = 0; c < m_covers.size(); ++c) {
      const Cover& cover = m_covers[c];
      if (cover.waiting_period_hours != wait) continue;
      const double payout = cover_payout(cover, covered_total(cover, covered));
      double allowed = payout;
      if (cover.aggregate_limit) {
        allowed = std::min(payout, std::max(0.0, *cover.aggregate_limit - m_allowed[c]));
      }
      m_paid[c] += payout;
      m_allowed[c] += allowed;
      m_covered[c] += covered;
      allocate_payout(cover, allowed, covered, outage_insured);
    }
  }
}

}  // namespace outage
