#include "model/pricing/pricer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "model/covers/cover.hpp"
#include "model/iim/buildup.hpp"
#include "util/dense_lu.hpp"

namespace outage {
namespace {

// Bounded caches: memory stays flat however many outages a log has.
constexpr std::size_t kMaxCachedParts = 1 << 14;

bool any_profile(const ModelInputs& inputs) {
  return std::any_of(inputs.profiles.begin(), inputs.profiles.end(),
                     [](const auto* profile) { return profile != nullptr; });
}

}  // namespace

std::size_t PricerScratch::KeyHash::operator()(const Key& key) const {
  std::uint64_t a = 0, b = 0;
  std::memcpy(&a, &key.duration_hours, sizeof a);
  std::memcpy(&b, &key.start_hour_of_week, sizeof b);
  return static_cast<std::size_t>(a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull));
}

Variation drawn_variation(const InputTable& table, const std::vector<std::size_t>& uncertain) {
  Variation variation;
  for (const std::size_t k : uncertain) {
    switch (table[k].target) {
      case InputTarget::duration:
        variation.duration = true;
        break;
      case InputTarget::severity:
      case InputTarget::phase_severity:
        variation.severity = true;
        break;
      case InputTarget::phase_after:
        variation.phase_starts = true;
        break;
      case InputTarget::revenue:
      case InputTarget::dependency:
      case InputTarget::deferred:
        variation.amounts = true;
        break;
      case InputTarget::recovery:
        variation.recovery = true;
        break;
      case InputTarget::link:
        variation.links = true;
        break;
      case InputTarget::buildup:
        variation.buildup = true;
        break;
      case InputTarget::value_added_share:  // scales the net loss afterwards
        break;
    }
  }
  return variation;
}

const char* pricing_plan_name(PricingPlan plan) {
  switch (plan) {
    case PricingPlan::linear:
      return "linear";
    case PricingPlan::closed_form:
      return "closed form";
    case PricingPlan::drawn:
      return "closed form, drawn structure";
    case PricingPlan::flat:
      return "flat closed form";
    case PricingPlan::phased:
      return "phased";
    case PricingPlan::by_parts:
      return "solved by parts";
    case PricingPlan::solve:
      break;
  }
  return "full (a solve per outage)";
}

Pricer::Pricer(const PreparedScenario& prepared, const Variation& variation)
    : m_prepared(prepared),
      m_central(prepared.central()),
      m_variation(variation),
      m_waits(distinct_waiting_periods(prepared.scenario().covers)),
      m_uses_profiles(any_profile(prepared.central())) {
  m_plan = choose(variation);
  prepare_engines();
}

PricingPlan Pricer::choose(const Variation& variation) const {
  const bool buildup = BuildupDynamics::needed(m_central);
  const bool phases = m_central.phases.size() != 1;
  if (variation.every_part) {
    // The parts' plans price at central r, d, f, links and recovery: only the duration, the
    // start and the first phase's severity may vary.
    if (variation.amounts || variation.recovery || variation.links || variation.buildup ||
        variation.phase_starts) {
      throw std::logic_error("Pricer: every_part prices only the duration, start and severity");
    }
    // With a build-up, the peak of a phased outage is not a sum of the phases' peaks.
    if (phases && buildup) return PricingPlan::solve;
    return PricingPlan::phased;  // by_parts when PhasedPricer does not apply
  }
  const bool timing = variation.duration || variation.start;
  const bool shape = variation.recovery || variation.links;
  const bool other = variation.phase_starts || variation.buildup;
  if (!timing && !shape && !other) return PricingPlan::linear;
  if (other || phases || buildup) return PricingPlan::flat;  // solve when flat does not apply
  return shape ? PricingPlan::drawn : PricingPlan::closed_form;
}

void Pricer::prepare_linear() {
  for (std::size_t p = 0; p < m_central.phases.size(); ++p) {
    m_responses.push_back(unit_response_matrix(m_central, p));
  }
  // With covers, the loss before each waiting period the same way: the counted window ends
  // there (a horizon), and the duration is fixed on this plan.
  for (const double wait : m_waits) {
    std::vector<Matrix> before;
    if (wait > 0 && wait < m_central.duration_hours) {
      ModelInputs until_wait = m_central;
      until_wait.horizon_hours =
          std::min(wait, m_central.horizon_hours.value_or(static_cast<double>(INFINITY)));
      for (std::size_t p = 0; p < m_central.phases.size(); ++p) {
        before.push_back(unit_response_matrix(until_wait, p));
      }
    }
    m_responses_before.push_back(std::move(before));
  }
}

bool Pricer::prepare_closed_form() {
  // Without a start (and none per outage) the model ignores profiles: so does the pricer.
  ModelInputs priced = m_central;
  if (!m_variation.start && !priced.start_hour_of_week) {
    for (auto& profile : priced.profiles) profile = nullptr;
  }
  m_closed_form = std::make_unique<OutagePricer>(priced);
  // A static model's drawn links change only u = (I - A*)^-1 d (no recovery is counted): u is
  // solved per outage and integrated with the fixed tails; a dynamic one needs the sums of
  // exponentials.
  m_static = m_central.model == ModelKind::static_model;
  const bool usable = m_plan == PricingPlan::drawn && !m_static ? m_closed_form->has_drawn_path()
                                                                : m_closed_form->is_exact();
  if (!usable) {
    m_closed_form.reset();
    return false;
  }
  if (m_plan == PricingPlan::closed_form && !m_variation.amounts) {
    m_closed_form->unit_response(m_central.dependency, m_central_response);
  }
  if (!m_waits.empty()) {
    ModelInputs window = priced;
    window.model = ModelKind::static_model;
    window.horizon_hours.reset();
    m_window = std::make_unique<OutagePricer>(window);
    if (!m_window->is_exact()) m_window.reset();
  }
  return true;
}

void Pricer::prepare_engines() {
  const bool flat_applies = !m_variation.links && !m_variation.buildup &&
                            (m_variation.start ? FlatPricer::applies_at_any_start(m_central)
                                               : FlatPricer::applies(m_central));
  switch (m_plan) {
    case PricingPlan::linear:
      prepare_linear();
      return;
    case PricingPlan::closed_form:
    case PricingPlan::drawn:
      if (prepare_closed_form()) return;
      // The flat closed form where it applies, else a solve per outage.
      m_plan = m_plan == PricingPlan::closed_form && flat_applies ? PricingPlan::flat
                                                                  : PricingPlan::solve;
      prepare_engines();
      return;
    case PricingPlan::flat:
      if (flat_applies) {
        m_flat = std::make_unique<FlatPricer>(m_central);
      } else {
        m_plan = PricingPlan::solve;
      }
      return;
    case PricingPlan::phased:
      m_phased = std::make_unique<PhasedPricer>(m_central, m_central.phases.size());
      if (!m_phased->usable()) {
        m_phased.reset();
        m_plan = PricingPlan::by_parts;
      }
      return;
    case PricingPlan::by_parts:
    case PricingPlan::solve:
      return;
  }
}

PricerScratch Pricer::scratch() const {
  PricerScratch scratch;
  scratch.inputs = m_central;
  return scratch;
}

double Pricer::start_of(const ModelInputs& inputs) const {
  return inputs.start_hour_of_week.value_or(0.0);
}

void Pricer::net(PricerScratch& scratch, Vector& net) const {
  scratch.priced_response = nullptr;
  switch (m_plan) {
    case PricingPlan::linear:
      net_linear(scratch, net);
      return;
    case PricingPlan::closed_form:
    case PricingPlan::drawn:
      if (net_closed_form(scratch, net)) return;
      break;
    case PricingPlan::flat:
      net_flat(scratch, std::nullopt, net);
      return;
    case PricingPlan::phased:
    case PricingPlan::by_parts:
      net = losses(scratch).net;
      return;
    case PricingPlan::solve:
      break;
  }
  net = solve_losses(scratch.inputs).net;
}

void Pricer::net_linear(PricerScratch& scratch, Vector& net) const {
  const ModelInputs& inputs = scratch.inputs;
  const auto n = inputs.dependency.size();
  scratch.response.setZero(n);
  for (std::size_t p = 0; p < inputs.phases.size(); ++p) {
    if (inputs.phases[p].second == 0) continue;
    scratch.phase_response.noalias() = m_responses[p] * inputs.dependency;
    scratch.response += inputs.phases[p].second * scratch.phase_response;
  }
  net.array() =
      (1.0 - inputs.deferred.array()) * inputs.revenue_per_hour.array() * scratch.response.array();
}

bool Pricer::net_closed_form(PricerScratch& scratch, Vector& net) const {
  const ModelInputs& inputs = scratch.inputs;
  const double start = start_of(inputs);
  if (m_plan == PricingPlan::closed_form) {
    const Vector* response = &m_central_response;
    if (m_variation.amounts) {
      m_closed_form->unit_response(inputs.dependency, scratch.response);
      response = &scratch.response;
    }
    m_closed_form->integrate(start, inputs.duration_hours, *response, scratch.work,
                             scratch.integral);
    scratch.priced_response = response;
  } else if (m_static) {
    const auto n = inputs.interdependency.rows();
    scratch.response =
        DenseLu(Matrix::Identity(n, n) - inputs.interdependency).solve(inputs.dependency);
    m_closed_form->integrate(start, inputs.duration_hours, scratch.response, scratch.work,
                             scratch.integral);
    scratch.priced_response = &scratch.response;
  } else {
    if (!m_closed_form->integrate_drawn(start, inputs.duration_hours, inputs.recovery_hours,
                                        inputs.interdependency, inputs.dependency, scratch.work,
                                        scratch.response, scratch.integral)) {
      return false;
    }
    scratch.priced_response = &scratch.response;
  }
  const double severity = inputs.phases.front().second;
  net.array() = (1.0 - inputs.deferred.array()) *
                (inputs.revenue_per_hour.array() * (severity * scratch.integral.array()));
  return true;
}

void Pricer::net_flat(PricerScratch& scratch, std::optional<double> until, Vector& net) const {
  const ModelInputs& inputs = scratch.inputs;
  m_flat->integrate(inputs, until, scratch.flat, scratch.integral);
  net.array() = (1.0 - inputs.deferred.array()) *
                (inputs.revenue_per_hour.array() * scratch.integral.array());
}

const SegmentLosses& Pricer::losses(PricerScratch& scratch) const {
  const ModelInputs& inputs = scratch.inputs;
  scratch.priced_response = nullptr;
  if (m_plan == PricingPlan::phased) {
    m_phased->losses(inputs.duration_hours, start_of(inputs), inputs.phases, scratch.phased,
                     scratch.losses);
    return scratch.losses;
  }
  if (m_plan != PricingPlan::by_parts) {
    scratch.losses = solve_losses(inputs);
    return scratch.losses;
  }
  // Losses are linear in the first phase's severity: the parts at severity 1, scaled.
  const PricerScratch::Parts& parts = parts_of(scratch);
  const double severity = inputs.phases.front().second;
  SegmentLosses& result = scratch.losses;
  const bool has_later = inputs.phases.size() > 1;
  result.gross = severity * parts.first_phase.gross;
  result.direct = severity * parts.first_phase.direct;
  if (has_later) {
    result.gross += parts.later_phases.gross;
    result.direct += parts.later_phases.direct;
  }
  result.indirect = result.gross - result.direct;
  result.net = (1.0 - inputs.deferred.array()).matrix().cwiseProduct(result.gross);
  result.peak = std::max(severity, parts.later_peak_severity) * parts.first_phase.peak;
  return result;
}

const PricerScratch::Parts& Pricer::parts_of(PricerScratch& scratch) const {
  const ModelInputs& inputs = scratch.inputs;
  const PricerScratch::Key key{inputs.duration_hours, m_uses_profiles ? start_of(inputs) : 0.0};
  auto found = scratch.parts.find(key);
  if (found != scratch.parts.end()) return found->second;
  if (scratch.parts.size() >= kMaxCachedParts) scratch.parts.clear();
  PricerScratch::Parts parts;
  ModelInputs first = inputs;
  for (std::size_t p = 0; p < first.phases.size(); ++p) first.phases[p].second = p == 0 ? 1.0 : 0.0;
  parts.first_phase = solve_losses(first);
  if (inputs.phases.size() > 1) {
    ModelInputs later = inputs;
    later.phases[0].second = 0.0;
    parts.later_phases = solve_losses(later);
    const double counted_end = inputs.horizon_hours
                                   ? std::min(inputs.duration_hours, *inputs.horizon_hours)
                                   : inputs.duration_hours;
    for (std::size_t p = 1; p < inputs.phases.size(); ++p) {
      if (inputs.phases[p].first < counted_end) {
        parts.later_peak_severity = std::max(parts.later_peak_severity, inputs.phases[p].second);
      }
    }
  }
  return scratch.parts.emplace(key, std::move(parts)).first->second;
}

void Pricer::prefetch(double duration_hours, double start_hour_of_week) const {
  if (m_phased) m_phased->prefetch(duration_hours, start_hour_of_week);
}

}  // namespace outage
