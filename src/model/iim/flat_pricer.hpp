// One outage priced in closed form when no demand profile applies (every weight is 1), with any
// phases, a gradual build-up and recovery times that change from outage to outage
// (docs/model.md, "Exact integration" and "Gradual build-up of the cascade"). With u =
// (I - A*)^-1 d the equilibrium per unit severity and w = (u - d)_B its part that arrives
// through links on the segments with a buildup (set B), during phase k of severity s_k
//
//   u_B(t) = s_k w + exp(G t) (u_B(t_k) - s_k w)
//   integral of q over the phase = s_k u h_k - (I - A*)^-1 [K_b^-1 (exp(G h_k) - I) delta_k; 0]
//
// (delta_k = u_B(t_k) - s_k w; G = -K_b S with S the Schur complement of I - A* on B, whose
// inverse is the B block of (I - A*)^-1, so one factorisation of I - A* serves every solve),
// and after the outage the recovery of the dynamic model integrates to (I - A*)^-1 K^-1 q(D)
// (Lian & Haimes 2006), K = diag(ln 100 / (tau_i (1 - a*_ii))). exp(G h) is applied to a vector
// from powers of exp(G) precomputed once (binary powers of an hour, sixteenths of an hour, and
// a Taylor series below a sixteenth). Exact up to rounding: tested against solve_losses.
#pragma once

#include <Eigen/LU>
#include <optional>
#include <vector>

#include "model/iim/inoperability.hpp"

namespace outage {

// Working space reused from outage to outage (one per thread).
struct FlatScratch {
  Vector response, state, target, deviation, propagated, term, product, slow, full, end_state;
};

class FlatPricer {
 public:
  // Whether an outage with these inputs can be priced so: no horizon, and no profile in use
  // (no start, or every segment's profile flat).
  static bool applies(const ModelInputs& inputs);
  // The same for outages that each bring their own start (risk): no horizon, no profile.
  static bool applies_at_any_start(const ModelInputs& inputs);

  // Uses `inputs`' links, buildup times and model kind, which every priced outage must share.
  explicit FlatPricer(const ModelInputs& inputs);

  // integral_i of q_i over the outage and its recovery (gross_i = r_i integral_i) for the
  // dependency, recovery times, duration and phases of `inputs`; with `until` (hours from the
  // start, before the outage ends) only what accrues before it, without recovery.
  void integrate(const ModelInputs& inputs, std::optional<double> until, FlatScratch& scratch,
                 Vector& integral) const;
  // The same from the parts that may change per outage: `phases` as ModelInputs::phases.
  void integrate(const Vector& dependency, const Vector& recovery_hours, double duration_hours,
                 const std::vector<std::pair<double, double>>& phases, std::optional<double> until,
                 FlatScratch& scratch, Vector& integral) const;

 private:
  // exp(G hours) `vector` into `result`.
  void propagate(double hours, const Vector& vector, FlatScratch& scratch, Vector& result) const;
  // Adds one phase of `hours` at `severity` to `integral`, advancing scratch.state (u_B).
  void add_phase(double severity, double hours, FlatScratch& scratch, Vector& integral) const;
  // (I - A*)^-1 applied to the slow segments' vector `slow` placed in an n-vector.
  void solve_from_slow(const Vector& slow, FlatScratch& scratch) const;

  Eigen::Index m_size = 0;
  bool m_recovery = true;  // a dynamic model: the recovery is counted
  Vector m_self_links;     // a*_ii
  Eigen::PartialPivLU<Matrix> m_leontief_lu;
  // The build-up, when some segment has one.
  std::vector<Eigen::Index> m_slow;
  Vector m_slow_rates;                  // K_b
  Matrix m_link_from_slow;              // H = (I - A_SS)^-1 A_SB (rows: every segment, B rows I)
  std::vector<Matrix> m_binary_powers;  // exp(G 2^j), j = 0, 1, ...
  std::vector<Matrix> m_sixteenths;     // exp(G g / 16), g = 0..15
  Matrix m_generator;                   // G
};

}  // namespace outage
