// Many outages of one scenario: incidents read from a log, each estimated at the scenario's
// central values with its own duration, start and severity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/iim/inoperability.hpp"
#include "model/iim/phased_pricer.hpp"
#include "model/incidents/incident.hpp"
#include "model/scenario/prepared.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

// What an incident's solution depends on besides its severity: the key of the bounded caches.
struct IncidentKey {
  double duration_hours;
  double start_hour_of_week;
  bool operator==(const IncidentKey& other) const {
    return duration_hours == other.duration_hours && start_hour_of_week == other.start_hour_of_week;
  }
};
struct IncidentKeyHash {
  std::size_t operator()(const IncidentKey& key) const;
};

// Estimates incidents against one scenario: from the per-hour-of-week precomputations of
// `risk` (model/iim/phased_pricer.hpp) when they apply, or else, since losses are linear in the
// first phase's severity, by solving each (duration, start hour) once and scaling it, in a bounded
// cache that keeps memory flat however many incidents are read.
class IncidentEstimator {
 public:
  // `prepared` must outlive the estimator.
  explicit IncidentEstimator(const PreparedScenario& prepared);

  // The losses of one incident; throws Error at `where` when the incident breaks a constraint
  // (duration <= 0, severity outside (0, 1], a phase not before its end).
  const SegmentLosses& estimate(const Incident& incident, const Location& where);
  // A hint that estimate(incident) comes next: starts fetching the tables it will read (an
  // incident ahead, the cache misses of a log's random starts overlap the work). Never throws;
  // changes nothing.
  void prefetch(const Incident& incident) const;

  std::size_t cache_size() const { return m_cache.size(); }

 private:
  struct Parts {
    SegmentLosses first_phase;   // the first phase at severity 1, later phases at 0
    SegmentLosses later_phases;  // the first phase at 0, later phases as in the scenario
    Vector unit_response;        // (I - A*)^-1 d
    double later_peak_severity = 0;
  };
  using Key = IncidentKey;
  using KeyHash = IncidentKeyHash;

  Parts solve_parts(double duration_hours, std::optional<double> start_hour_of_week) const;

  const ModelInputs& m_central;
  bool m_uses_profiles = false;
  bool m_solve_each = false;             // phases and a buildup: every incident solved in full
  std::optional<PhasedPricer> m_pricer;  // solve_losses from precomputations, when it applies
  std::vector<std::pair<double, double>> m_phases;
  std::unordered_map<Key, Parts, KeyHash> m_cache;
  SegmentLosses m_result;
};

}  // namespace outage
