// Gradual build-up of the cascade during the outage (docs/model.md, "Version 2 additions"):
// q = c + u, the direct part c = s(t) d immediate, and the part u that arrives through links
//
//   du_B/dt = K_b (A* (c + u) - u)_B      segments with a buildup (set B)
//   u_S     = (A* (c + u))_S              segments without one (set S), algebraic
//
// Eliminating u_S = H u_B + W c with H = (I - A_SS)^-1 A_SB and W = (I - A_SS)^-1 A_S. leaves
// du_B/dt = G (u_B - u_B*), G = -K_b ((I - A_BB) - A_BS H), whose equilibrium u_B* is the
// version 1 equilibrium. On an interval where c is constant the solution is exact:
// u_B(t) = u_B* + exp(G t) (u_B(0) - u_B*), and its integral is
// u_B* h + G^-1 (exp(G h) - I) (u_B(0) - u_B*).
#pragma once

#include <Eigen/LU>
#include <utility>
#include <vector>

#include "model/iim/inoperability.hpp"

namespace outage {

class BuildupDynamics {
 public:
  // Null when every segment's buildup is 0 (version 1: the cascade is immediate).
  static bool needed(const ModelInputs& inputs);
  explicit BuildupDynamics(const ModelInputs& inputs);

  // The state at the outage's start: nothing has arrived through the links yet.
  Vector initial_state() const { return Vector::Zero(static_cast<Eigen::Index>(m_slow.size())); }

  // Advances `state` (u_B) by `hours` under the constant shock c = severity * direction, whose
  // version 1 equilibrium is severity * equilibrium ((I - A*)^-1 direction), and returns the
  // integral of q over the interval (every segment).
  Vector advance(double severity, const Vector& direction, const Vector& equilibrium, double hours,
                 Vector& state);
  // q = c + u at `state` under the shock severity * direction.
  Vector inoperability(double severity, const Vector& direction, const Vector& state) const;

 private:
  const Matrix& propagator(double hours);
  // Scatters u_B and u_S into an n-vector.
  Vector assemble(const Vector& slow, const Vector& fast) const;

  Eigen::Index m_size = 0;
  std::vector<Eigen::Index> m_slow;  // B: segments with a buildup
  std::vector<Eigen::Index> m_fast;  // S: segments without one
  Matrix m_generator;                // G
  Eigen::PartialPivLU<Matrix> m_generator_lu;
  Matrix m_link_from_slow;                         // H
  Matrix m_link_from_shock;                        // W
  std::vector<std::pair<double, Matrix>> m_cache;  // exp(G h) by h
};

}  // namespace outage
