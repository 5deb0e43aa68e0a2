#include "model/covers/year_insurance.hpp"

#include <algorithm>

namespace outage {

YearInsurance::YearInsurance(const std::vector<Cover>& covers, Eigen::Index segments)
    : m_covers(covers),
      m_waits(distinct_waiting_periods(covers)),
      m_paid(covers.size(), 0.0),
      m_allowed(covers.size(), 0.0),
      m_covered(covers.size(), Vector::Zero(segments)) {}

void YearInsurance::start_year() {
  std::fill(m_paid.begin(), m_paid.end(), 0.0);
  std::fill(m_allowed.begin(), m_allowed.end(), 0.0);
  for (auto& covered : m_covered) covered.setZero();
}

void YearInsurance::year_insured(Vector& insured) const {
  insured.setZero();
  for (std::size_t c = 0; c < m_covers.size(); ++c) {
    const Cover& cover = m_covers[c];
    const double paid =
        cover.aggregate_limit ? std::min(*cover.aggregate_limit, m_paid[c]) : m_paid[c];
    allocate_payout(cover, paid, m_covered[c], insured);
  }
}

}  // namespace outage
