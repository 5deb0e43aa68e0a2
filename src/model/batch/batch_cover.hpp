// What the scenario's covers pay for each incident of a log (`batch` with [[cover]] tables).
#pragma once

#include <unordered_map>
#include <vector>

#include "model/batch/batch.hpp"

namespace outage {

// Losses before each waiting period are linear in the first phase's severity, as the totals
// are: the parts for each (duration, start hour) are solved once and scaled, in a bounded cache.
class IncidentInsurer {
 public:
  // `prepared` must have covers and outlive the insurer.
  explicit IncidentInsurer(const PreparedScenario& prepared);

  // The insured loss per segment of `incident`, whose net losses (from IncidentEstimator, which
  // has checked the incident) are `net`.
  const Vector& insured(const Incident& incident, const Vector& net);

 private:
  struct Before {
    Vector first_phase;   // net loss counted until the waiting period, first phase at severity 1
    Vector later_phases;  // the same with the first phase at 0 (empty with one phase)
  };
  using Key = IncidentKey;
  using KeyHash = IncidentKeyHash;

  // Per distinct waiting period (increasing): what accrues before it, or nothing when the
  // outage does not outlast it.
  std::vector<std::optional<Before>> solve_before(const ModelInputs& inputs) const;

  const Scenario& m_scenario;
  const ModelInputs& m_central;
  std::vector<double> m_waits;
  std::unordered_map<Key, std::vector<std::optional<Before>>, KeyHash> m_cache;
  Vector m_result;
};

}  // namespace outage
