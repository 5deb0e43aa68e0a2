#include "model/iim/flat_pricer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unsupported/Eigen/MatrixFunctions>

#include "model/iim/buildup.hpp"

namespace outage {
namespace {

constexpr double kLn100 = 4.605170185988092;
// Binary powers of an hour up to 2^20 h: past the longest duration accepted (1,000,000 h).
constexpr int kBinaryPowers = 21;
constexpr int kSixteenths = 16;
// The Taylor series below a sixteenth of an hour stops once a term is this small against the sum.
constexpr double kTaylorTolerance = 1e-17;
constexpr int kMaxTaylorTerms = 40;

}  // namespace

bool FlatPricer::applies_at_any_start(const ModelInputs& inputs) {
  return !inputs.horizon_hours &&
         std::all_of(inputs.profiles.begin(), inputs.profiles.end(),
                     [](const std::vector<double>* profile) { return profile == nullptr; });
}

bool FlatPricer::applies(const ModelInputs& inputs) {
  // Without a start the model ignores profiles.
  return applies_at_any_start(inputs) || (!inputs.horizon_hours && !inputs.start_hour_of_week);
}

FlatPricer::FlatPricer(const ModelInputs& inputs)
    : m_size(inputs.dependency.size()),
      m_recovery(inputs.model == ModelKind::dynamic_model),
      m_self_links(inputs.interdependency.diagonal()) {
  const Matrix identity = Matrix::Identity(m_size, m_size);
  m_leontief_lu.compute(identity - inputs.interdependency);
  if (!BuildupDynamics::needed(inputs)) return;
  std::vector<Eigen::Index> fast;
  for (Eigen::Index i = 0; i < m_size; ++i) {
    (inputs.buildup_hours[i] > 0 ? m_slow : fast).push_back(i);
  }
  const Matrix& links = inputs.interdependency;
  const auto slow_count = static_cast<Eigen::Index>(m_slow.size());
  // H, and the Schur complement of I - A* on the slow segments.
  Matrix schur = Matrix::Identity(slow_count, slow_count) - Matrix(links(m_slow, m_slow));
  m_link_from_slow = Matrix::Zero(m_size, slow_count);
  for (Eigen::Index b = 0; b < slow_count; ++b)
    m_link_from_slow(m_slow[static_cast<std::size_t>(b)], b) = 1;
  if (!fast.empty()) {
    const auto fast_count = static_cast<Eigen::Index>(fast.size());
    const Eigen::PartialPivLU<Matrix> fast_lu(Matrix::Identity(fast_count, fast_count) -
                                              Matrix(links(fast, fast)));
    const Matrix from_slow = fast_lu.solve(Matrix(links(fast, m_slow)));
    schur -= Matrix(links(m_slow, fast)) * from_slow;
    for (Eigen::Index s = 0; s < fast_count; ++s) {
      m_link_from_slow.row(fast[static_cast<std::size_t>(s)]) = from_slow.row(s);
    }
  }
  m_slow_rates.resize(slow_count);
  for (Eigen::Index b = 0; b < slow_count; ++b) {
    const Eigen::Index i = m_slow[static_cast<std::size_t>(b)];
    m_slow_rates[b] = kLn100 / (inputs.buildup_hours[i] * (1.0 - links(i, i)));
  }
  m_generator = -(m_slow_rates.asDiagonal() * schur);
  m_binary_powers.push_back(m_generator.exp());
  for (int j = 1; j < kBinaryPowers; ++j) {
    m_binary_powers.push_back(m_binary_powers.back() * m_binary_powers.back());
  }
  const Matrix sixteenth = (m_generator / kSixteenths).exp();
  m_sixteenths.push_back(Matrix::Identity(slow_count, slow_count));
  for (int g = 1; g < kSixteenths; ++g) m_sixteenths.push_back(m_sixteenths.back() * sixteenth);
}

void FlatPricer::propagate(double hours, const Vector& vector, FlatScratch& scratch,
                           Vector& result) const {
  const double whole = std::floor(hours);
  const double fraction = hours - whole;
  const auto sixteenths = std::min(kSixteenths - 1, static_cast<int>(fraction * kSixteenths));
  const double rest = fraction - static_cast<double>(sixteenths) / kSixteenths;
  result = vector;
  const auto apply = [&](const Matrix& matrix) {
    scratch.term.noalias() = matrix * result;
    result.swap(scratch.term);
  };
  // Whole hours by their binary digits; past the largest power, that power again.
  auto hours_left = static_cast<std::uint64_t>(whole);
  const std::uint64_t largest = std::uint64_t{1} << (kBinaryPowers - 1);
  for (; hours_left >= 2 * largest; hours_left -= largest) apply(m_binary_powers.back());
  for (std::size_t j = 0; hours_left > 0; ++j, hours_left >>= 1) {
    if (hours_left & 1) apply(m_binary_powers[j]);
  }
  if (sixteenths > 0) apply(m_sixteenths[static_cast<std::size_t>(sixteenths)]);
  if (rest <= 0) return;
  // exp(G r) x = sum (G r)^k x / k!, with |G r| below a sixteenth of |G|.
  scratch.term = result;
  for (int k = 1; k <= kMaxTaylorTerms; ++k) {
    scratch.product.noalias() = m_generator * scratch.term;
    scratch.term = scratch.product * (rest / k);
    result += scratch.term;
    if (scratch.term.cwiseAbs().maxCoeff() <= kTaylorTolerance * result.cwiseAbs().maxCoeff()) {
      break;
    }
  }
}

void FlatPricer::solve_from_slow(const Vector& slow, FlatScratch& scratch) const {
  scratch.term.setZero(m_size);
  for (std::size_t b = 0; b < m_slow.size(); ++b) {
    scratch.term[m_slow[b]] = slow[static_cast<Eigen::Index>(b)];
  }
  scratch.full = m_leontief_lu.solve(scratch.term);
}

void FlatPricer::add_phase(double severity, double hours, FlatScratch& scratch,
                           Vector& integral) const {
  integral += (severity * hours) * scratch.response;
  if (m_slow.empty()) return;
  scratch.deviation = scratch.state - severity * scratch.target;     // delta
  propagate(hours, scratch.deviation, scratch, scratch.propagated);  // exp(G h) delta
  scratch.slow = (scratch.propagated - scratch.deviation).cwiseQuotient(m_slow_rates);
  solve_from_slow(scratch.slow, scratch);
  integral -= scratch.full;
  scratch.state = severity * scratch.target + scratch.propagated;
}

void FlatPricer::integrate(const ModelInputs& inputs, std::optional<double> until,
                           FlatScratch& scratch, Vector& integral) const {
  integrate(inputs.dependency, inputs.recovery_hours, inputs.duration_hours, inputs.phases, until,
            scratch, integral);
}

void FlatPricer::integrate(const Vector& dependency, const Vector& recovery_hours,
                           double duration_hours,
                           const std::vector<std::pair<double, double>>& phases,
                           std::optional<double> until, FlatScratch& scratch,
                           Vector& integral) const {
  scratch.response = m_leontief_lu.solve(dependency);
  integral.setZero(m_size);
  const double duration = duration_hours;
  const bool cut = until && *until < duration;
  const double end = cut ? *until : duration;
  if (!m_slow.empty()) {
    scratch.target = (scratch.response - dependency)(m_slow);
    scratch.state.setZero(static_cast<Eigen::Index>(m_slow.size()));
  }
  double last_severity = 0;
  for (std::size_t p = 0; p < phases.size() && phases[p].first < end; ++p) {
    const double next = p + 1 < phases.size() ? std::min(phases[p + 1].first, end) : end;
    last_severity = phases[p].second;
    if (next > phases[p].first) add_phase(last_severity, next - phases[p].first, scratch, integral);
  }
  if (cut || !m_recovery) return;
  // q(D) = s u + lift(u_B - s w), then its recovery: (I - A*)^-1 K^-1 q(D).
  scratch.end_state = last_severity * scratch.response;
  if (!m_slow.empty()) {
    scratch.deviation = scratch.state - last_severity * scratch.target;
    scratch.end_state.noalias() += m_link_from_slow * scratch.deviation;
  }
  scratch.term = scratch.end_state.cwiseProduct(recovery_hours)
                     .cwiseProduct((1.0 - m_self_links.array()).matrix()) /
                 kLn100;
  scratch.full = m_leontief_lu.solve(scratch.term);
  integral += scratch.full;
}

}  // namespace outage
