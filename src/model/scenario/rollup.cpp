#include "model/scenario/rollup.hpp"

#include <cmath>

namespace outage {

Rollup::Rollup(const Scenario& scenario) {
  for (const auto& segment : scenario.segments) {
    const bool welfare = segment.kind == SegmentKind::welfare;
    m_welfare.push_back(welfare ? 1 : 0);
    m_any_welfare |= welfare;
    m_share.push_back(segment.value_added_share ? segment.value_added_share->central() : NAN);
  }
}

RolledUp Rollup::totals(const double* values) const {
  RolledUp sums;
  for (std::size_t i = 0; i < m_welfare.size(); ++i) {
    (m_welfare[i] ? sums.welfare : sums.market) += values[i];
  }
  return sums;
}

}  // namespace outage
