// The one rule for adding segment losses up (docs/model.md, "Totals"): a market segment's loss
// adds to the market total, a welfare segment's (users' lost value, not output) to the welfare
// total, and the two are never summed; a segment's value added is its value-added share times
// its net loss, and a total's value added sums the segments of that total that give a share.
#pragma once

#include <cstddef>
#include <vector>

#include "model/scenario/scenario.hpp"

namespace outage {

struct RolledUp {
  double market = 0;
  double welfare = 0;
};

class Rollup {
 public:
  // Shares at the scenario's central values.
  explicit Rollup(const Scenario& scenario);

  std::size_t size() const { return m_welfare.size(); }
  bool any_welfare() const { return m_any_welfare; }
  bool is_welfare(std::size_t segment) const { return m_welfare[segment] != 0; }
  // 1 for a welfare segment, 0 for a market one, in segment order.
  const std::vector<char>& welfare_flags() const { return m_welfare; }

  // The market and welfare totals of values[0 .. size()).
  RolledUp totals(const double* values) const;
  double market(const double* values) const { return totals(values).market; }

  // The central value-added share of `segment`; NaN when it gives none.
  double value_added_share(std::size_t segment) const { return m_share[segment]; }
  // share x net (NaN when `share` is NaN: no share given).
  static double value_added(double share, double net) { return share * net; }

 private:
  std::vector<char> m_welfare;
  std::vector<double> m_share;
  bool m_any_welfare = false;
};

}  // namespace outage
