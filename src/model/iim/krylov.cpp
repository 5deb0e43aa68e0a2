#include "model/iim/krylov.hpp"

#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>

namespace outage {

KrylovPropagator::KrylovPropagator(const Matrix& generator)
    : m_generator(generator),
      m_basis(generator.rows(), kMaxDimension + 1),
      m_hessenberg(Matrix::Zero(kMaxDimension + 1, kMaxDimension)) {}

void KrylovPropagator::restart(const Vector& q) {
  m_norm = q.norm();
  m_dimension = 0;
  m_elapsed = 0;
  m_invariant = m_norm == 0;
  m_hessenberg.setZero();
  if (!m_invariant) m_basis.col(0) = q / m_norm;
}

// One Arnoldi step with classical Gram-Schmidt done twice (accurate to rounding).
void KrylovPropagator::extend() {
  const Eigen::Index m = m_dimension;
  Vector w = m_generator * m_basis.col(m);
  const auto basis = m_basis.leftCols(m + 1);
  for (int pass = 0; pass < 2; ++pass) {
    const Vector coefficients = basis.transpose() * w;
    w.noalias() -= basis * coefficients;
    m_hessenberg.col(m).head(m + 1) += coefficients;
  }
  const double norm = w.norm();
  m_hessenberg(m + 1, m) = norm;
  m_dimension = m + 1;
  const double scale = m_hessenberg.col(m).head(m + 1).cwiseAbs().maxCoeff();
  if (norm <= 1e-15 * std::max(scale, 1e-300)) {
    m_invariant = true;
  } else {
    m_basis.col(m + 1) = w / norm;
  }
}

// q0 exp(t H) e1 in the basis, if Saad's estimate of the error, ||q0|| h_(m+1,m) |e_m' t
// phi1(t H) e1|, is small enough; both from one exponential of [[t H, t e1], [0, 0]].
bool KrylovPropagator::approximate(double hours, Vector& result) const {
  const Eigen::Index m = m_dimension;
  Matrix augmented = Matrix::Zero(m + 1, m + 1);
  augmented.topLeftCorner(m, m) = hours * m_hessenberg.topLeftCorner(m, m);
  augmented(0, m) = hours;
  const Matrix exponential = augmented.exp();
  const double error =
      m_invariant ? 0.0 : m_norm * m_hessenberg(m, m - 1) * std::fabs(exponential(m - 1, m));
  if (!(error <= kTolerance * m_norm)) return false;
  result.noalias() = m_basis.leftCols(m) * (m_norm * exponential.col(0).head(m));
  return true;
}

Vector KrylovPropagator::propagate(double hours, const Vector& q) {
  const bool continues = m_last.size() == q.size() && m_dimension > 0 && q == m_last;
  if (!continues) restart(q);
  if (m_norm == 0) return q;
  for (bool restarted = !continues;;) {
    const double t = m_elapsed + hours;
    Vector result;
    while (!(m_dimension > 0 && approximate(t, result))) {
      if (m_invariant || m_dimension == kMaxDimension) break;
      extend();
    }
    if (result.size() == q.size()) {
      m_elapsed = t;
      m_last = result;
      return result;
    }
    if (!restarted) {  // start again from q
      restart(q);
      restarted = true;
      continue;
    }
    // Too long a step even for a fresh basis: two halves (each continues the trajectory).
    const Vector half = propagate(0.5 * hours, q);
    return propagate(0.5 * hours, half);
  }
}

}  // namespace outage
