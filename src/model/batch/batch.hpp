// Many outages of one scenario: incidents read from a log, each priced at the scenario's
// central values with its own duration, start and severity, by the one outage pricer
// (model/pricing/pricer.hpp: every part of the losses, and what covers pay).
#pragma once

#include <memory>

#include "model/incidents/incident.hpp"
#include "model/pricing/pricer.hpp"
#include "model/scenario/prepared.hpp"

namespace outage {

// What varies from incident to incident: duration, start and the first phase's severity; every
// part of the losses is wanted.
Variation incident_variation();

// Prices the incidents of one thread; threads share one Pricer.
class IncidentEstimator {
 public:
  // With a pricer of its own (`prepared` must outlive the estimator).
  explicit IncidentEstimator(const PreparedScenario& prepared);
  // With a pricer shared by several estimators (made with incident_variation()).
  explicit IncidentEstimator(std::shared_ptr<const Pricer> pricer);

  // The losses of one incident; throws Error at `where` when the incident breaks a constraint
  // (duration <= 0, severity outside (0, 1], a phase not before its end).
  const SegmentLosses& estimate(const Incident& incident, const Location& where);
  // With covers: what they pay per segment for the incident estimate() has just priced, whose
  // net losses are `net`.
  const Vector& insured(const Vector& net) { return m_pricer->insure(m_scratch, net); }
  // A hint that estimate(incident) comes next: starts fetching the tables it will read (an
  // incident ahead, the cache misses of a log's random starts overlap the work). Never throws;
  // changes nothing.
  void prefetch(const Incident& incident) const;

  std::size_t cache_size() const { return m_scratch.parts.size(); }
  const Pricer& pricer() const { return *m_pricer; }

 private:
  std::shared_ptr<const Pricer> m_pricer;
  const ModelInputs& m_central;
  PricerScratch m_scratch;
};

}  // namespace outage
