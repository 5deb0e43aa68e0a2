// exp(M t) q for a large n x n generator M without forming exp(M t): the Arnoldi method
// (Saad 1992, "Analysis of some Krylov subspace approximations to the matrix exponential
// operator"; EXPOKIT, Sidje 1998). One Krylov basis built from q serves the whole trajectory
// q(t) = exp(M t) q, t = h1, h1 + h2, ... (every hour of a recovery weighted by a profile), so a
// recovery costs some tens of matrix-vector products instead of an n x n matrix exponential.
#pragma once

#include "util/eigen.hpp"

namespace outage {

class KrylovPropagator {
 public:
  // `generator` must outlive the propagator.
  explicit KrylovPropagator(const Matrix& generator);

  // exp(M hours) q. When q is the last result, the trajectory goes on in the same basis, which
  // grows until Saad's error estimate is below kTolerance ||q0||; past kMaxDimension it starts
  // again from q, and a step still too long for that is halved.
  Vector propagate(double hours, const Vector& q);

  static constexpr double kTolerance = 1e-14;
  static constexpr Eigen::Index kMaxDimension = 96;

 private:
  void restart(const Vector& q);
  void extend();
  bool approximate(double hours, Vector& result) const;

  const Matrix& m_generator;
  Matrix m_basis;       // n x (kMaxDimension + 1), orthonormal columns V
  Matrix m_hessenberg;  // (kMaxDimension + 1) x kMaxDimension, M V_m = V_(m+1) H
  Eigen::Index m_dimension = 0;
  bool m_invariant = false;  // the basis spans an invariant subspace: exact
  double m_norm = 0;         // ||q0||
  double m_elapsed = 0;      // t of the last result
  Vector m_last;
};

}  // namespace outage
