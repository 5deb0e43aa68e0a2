// The model's time grid (which profile weights apply when).
#include <algorithm>
#include <cmath>

#include "model/iim/inoperability.hpp"

namespace outage {
namespace {

// Two times closer than this (hours, about 4 microseconds) are the same breakpoint.
constexpr double kBoundaryToleranceHours = 1e-9;

}  // namespace

WeightSchedule::WeightSchedule(const ModelInputs& inputs) : m_inputs(&inputs) {
  const auto n = static_cast<Eigen::Index>(inputs.profiles.size());
  m_max_weights = Vector::Ones(n);
  bool any_profile = false;
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto* weights = inputs.profiles[static_cast<std::size_t>(i)];
    if (weights) {
      any_profile = true;
      m_max_weights[i] = *std::max_element(weights->begin(), weights->end());
    }
  }
  m_flat = !any_profile || !inputs.start_hour_of_week;
  if (m_flat) {
    m_max_weights.setOnes();
    return;
  }
  m_start_hour_of_week = *inputs.start_hour_of_week;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!inputs.profiles[static_cast<std::size_t>(i)]) continue;
    const double local =
        m_start_hour_of_week + inputs.profile_utc_offset_hours[static_cast<std::size_t>(i)];
    const double fraction = local - std::floor(local);
    const bool known = std::any_of(m_fractions.begin(), m_fractions.end(), [&](double f) {
      return std::fabs(f - fraction) < kBoundaryToleranceHours;
    });
    if (!known) m_fractions.push_back(fraction);
  }
}

double WeightSchedule::next_boundary(double t) const {
  if (m_flat) return INFINITY;
  double next = INFINITY;
  for (const double fraction : m_fractions) {
    // Boundaries at t = m - fraction for integers m.
    double boundary = std::floor(t + fraction) + 1.0 - fraction;
    if (boundary - t < kBoundaryToleranceHours) boundary += 1.0;
    next = std::min(next, boundary);
  }
  return next;
}

void WeightSchedule::weights_at(double t, Vector& weights) const {
  const std::size_t n = m_inputs->profiles.size();
  weights.resize(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const auto* profile = m_inputs->profiles[i];
    if (!profile || m_flat) {
      weights[static_cast<Eigen::Index>(i)] = 1.0;
      continue;
    }
    double hour = std::fmod(m_start_hour_of_week + m_inputs->profile_utc_offset_hours[i] + t,
                            static_cast<double>(kHoursPerWeek));
    if (hour < 0) hour += kHoursPerWeek;
    const auto index = std::min(static_cast<std::size_t>(hour), std::size_t{kHoursPerWeek - 1});
    weights[static_cast<Eigen::Index>(i)] = (*profile)[index];
  }
}

}  // namespace outage
