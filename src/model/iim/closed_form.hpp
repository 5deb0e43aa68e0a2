// Pricing one outage fast and exactly (docs/risk.md). With recovery times and links
// fixed, an outage's loss is linear in its severity and in r, d and 1 - f, and depends on its
// start and duration only through the week's profiles and a few matrix exponentials:
//
//   integral_i = W_i(start, end) u_i + T_i(end) u,   u = (I - A*)^-1 d,
//
// where W_i is the profile's weight integrated over the outage (prefix sums over the week) and
// T_i(x) = integral over t >= 0 of p_i(x + t) e_i' exp(M t) dt is the recovery tail (Lian &
// Haimes 2006), precomputed at every whole local hour of the week and carried to any end time
// x = H + phi by one step exp(M (1 - phi)) (a precomputed grid times a short Taylor series).
// Exact up to rounding: tested against solve_losses to 1e-9 relative.
#pragma once

#include <Eigen/LU>
#include <optional>
#include <vector>

#include "model/iim/inoperability.hpp"

namespace outage {

class OutagePricer {
 public:
  // Uses `inputs`' recovery times, links, model, horizon, profiles and offsets (not r, d, f,
  // the duration or the phases). Profiles must outlive the pricer.
  explicit OutagePricer(const ModelInputs& inputs);

  // False when this model needs the general solver (a dynamic model with a horizon past the
  // outage, more than kMaxSegments segments, or recovery too fast for the grid).
  bool is_exact() const { return m_exact; }

  // u = (I - A*)^-1 d: the equilibrium inoperability per unit severity.
  void unit_response(const Vector& dependency, Vector& response) const;

  // integral_i of p_i q_i for one outage at unit severity (gross_i = r_i s integral_i), given
  // u from unit_response. `work` is scratch space reused between calls.
  void integrate(double start_hour_of_week, double duration_hours, const Vector& response,
                 std::vector<Vector>& work, Vector& integral) const;

  // The same integral and u for an outage whose recovery times and link shares are drawn for it
  // (`links` has the scenario's pattern of links). Works when the links form no cycle (self-links
  // aside): M = -K (I - A*) is then triangular in a fixed order, exp(M t) a sum of exponentials
  // exp(lambda_l t), lambda_l = -ln(100) / tau_l, with coefficients from Parlett's recurrence,
  // and each segment's recovery tail a sum of Laplace transforms of its weekly profile. Returns
  // false (the caller then solves the outage in full) when that does not apply: links with a
  // cycle, a horizon, or two recovery rates too close for the coefficients to be exact.
  bool integrate_drawn(double start_hour_of_week, double duration_hours, const Vector& recovery,
                       const Matrix& links, const Vector& dependency, std::vector<Vector>& work,
                       Vector& response, Vector& integral) const;
  bool has_drawn_path() const { return !m_order.empty(); }

  // For many outages with the same u (batch, risk --central): tabulates exp(M g / S) u for
  // S steps per hour (a multiple of 3,600: whole seconds), so that integrate_fixed carries u to
  // any end time with the table's nearest column and a Taylor series of under half a step (no
  // term when durations and starts are whole seconds). `response` as from unit_response.
  void fix_response(const Vector& response);
  // integrate() for the response given to fix_response.
  void integrate_fixed(double start_hour_of_week, double duration_hours, std::vector<Vector>& work,
                       Vector& integral) const;
  // Asks the processor to fetch what integrate_fixed will read for this outage (the table's
  // column, the tails' rows at the end hour): batch calls it an incident ahead, so that the
  // cache misses of random starts overlap the work on the incident before. Only a hint.
  void prefetch_fixed(double start_hour_of_week, double duration_hours) const;

  static constexpr Eigen::Index kMaxSegments = 200;
  static constexpr Eigen::Index kMaxDrawnSegments = 24;

 private:
  struct Group {  // segments with profiles whose local hours share a fractional part
    double fraction = 0;
    std::vector<Eigen::Index> segments;
  };
  // Where a group's recovery starts, for an outage ending at `end` (hour of the week): the
  // local hour of its first segment and the rest of that hour.
  struct GroupEnd {
    double hour = 0;
    double rest = 0;
  };
  GroupEnd group_end(const Group& group, double end) const;
  // Segment i's local hour of the week in which its recovery starts.
  std::size_t start_hour(const Group& group, const GroupEnd& at, Eigen::Index i) const;
  // The response table's column nearest `hours`.
  int response_column(double hours) const;
  void build_recovery(const ModelInputs& inputs);
  void clean_isolated_rows(Matrix& matrix, double hours) const;
  void propagate(double hours, const Vector& response, Vector& result, Vector& term,
                 Vector& product) const;
  // The outage itself: W_i(start, end) u_i.
  void integrate_outage(double start_hour_of_week, double duration_hours, const Vector& response,
                        Vector& integral) const;
  // exp(M hours) u for the fixed response, from its table.
  void propagate_fixed(double hours, Vector& result, Vector& term, Vector& next) const;
  void integrate_groups(double end_hour_of_week, const Vector& response, bool fixed,
                        std::vector<Vector>& work, Vector& integral) const;
  double outage_weight(Eigen::Index segment, double from_hour, double hours) const;
  void order_links(const ModelInputs& inputs);
  // `step` = exp(rate) and `step_minus_one` = expm1(rate), computed once per rate by the caller.
  double profile_transform(Eigen::Index segment, double rate, double step, double step_minus_one,
                           double local_hour) const;
  // lambda_p = M_pp and row p of exp(M t) as coefficients (q, l) of exp(lambda_l t), positions
  // in dependency order; false when two rates are too close.
  bool exponential_coefficients(const Vector& recovery, const Matrix& links, Vector& lambda,
                                std::vector<Matrix>& coefficients) const;
  // Whether every nonzero drawn link is in the pattern m_reaches was built from.
  bool links_within_pattern(const Matrix& links) const;
  // u = (I - A*)^-1 d for drawn links, by substitution in dependency order (m_order).
  void solve_drawn_response(const Matrix& links, const Vector& dependency, Vector& response) const;
  // T_i(H) for every whole local hour H of segment i's week (see the file comment).
  void build_tails(Eigen::Index segment, const Matrix& hour, const Matrix& hour_integral,
                   const Eigen::PartialPivLU<Matrix>& periodic);

  bool m_exact = true;
  bool m_recovery = false;                // a dynamic model counted to the end of recovery
  std::optional<double> m_counted_hours;  // a horizon cuts the outage
  Eigen::Index m_size = 0;
  Matrix m_leontief_inverse;  // (I - A*)^-1
  std::vector<const std::vector<double>*> m_profiles;
  std::vector<double> m_offsets;
  std::vector<std::vector<double>> m_prefix;  // per segment with a profile, 169 prefix sums
  std::vector<bool> m_isolated;               // a zero row of A*: recovers alone
  Vector m_rates;                             // k_i
  Matrix m_generator_inverse;                 // M^-1
  Matrix m_flat_tail;                         // -M^-1 rows: the tail of a flat segment
  std::vector<Matrix> m_grid;                 // exp(M g / G), g = 0..G
  double m_grid_step = 1;
  Matrix m_generator;  // M
  std::vector<Group> m_groups;
  // Per segment with a profile: 168 rows T_i(H), H = local hour; row-major, as each use reads
  // one row (a row of a column-major matrix was a cache line per segment).
  std::vector<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> m_tails;
  Vector m_fixed_response;
  Vector m_fixed_flat_tail;  // the tails of flat segments for it
  Matrix m_response_table;   // column g: exp(M g / S) u, g = 0..S
  double m_response_step = 1;
  // Segments ordered so that each comes after those it depends on (empty: a cycle, or not needed),
  // and which segments each one depends on, directly or not (itself included).
  std::vector<Eigen::Index> m_order;
  std::vector<std::vector<bool>> m_reaches;
  // Per position p in m_order: the positions q <= p that p reaches (itself included),
  // ascending. exp(M t)'s row p has terms in exp(lambda_l t) only for such q and l.
  std::vector<std::vector<Eigen::Index>> m_reach_positions;
};

}  // namespace outage
