#include "model/iim/spectral_radius.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>

#include "model/iim/inoperability.hpp"

namespace outage {
namespace {

using Index = Eigen::Index;

// Components up to this size go to Eigen's eigen solver when the bracket does not close
// (about a second at 1,000); larger ones keep iterating.
constexpr std::size_t kMaxEigenSolverSize = 1200;
// Multiply-adds spent on iterates of one component before the eigen solver.
constexpr double kIterationWork = 4e8;
// Iterations without a tenth of a percent of progress before giving up on the iterates.
constexpr long kStalledIterations = 50;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// The positive entries of a matrix, row by row (compressed sparse rows).
struct SparseRows {
  std::vector<std::size_t> start;  // rows + 1 offsets
  std::vector<std::size_t> column;
  std::vector<double> value;
  std::size_t rows() const { return start.size() - 1; }
};

// The off-diagonal positive entries of `matrix` as a graph: i -> j when a_ij > 0, with a_ij.
// Two passes over the matrix in storage order (count, then fill): no list of pairs.
SparseRows graph_of(const Matrix& matrix) {
  const auto n = static_cast<std::size_t>(matrix.rows());
  const double* data = matrix.data();
  SparseRows graph;
  graph.start.assign(n + 1, 0);
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t i = 0; i < n; ++i) {
      if (data[j * n + i] > 0 && i != j) ++graph.start[i + 1];
    }
  }
  for (std::size_t i = 0; i < n; ++i) graph.start[i + 1] += graph.start[i];
  graph.column.resize(graph.start.back());
  graph.value.resize(graph.start.back());
  std::vector<std::size_t> next(graph.start.begin(), graph.start.end() - 1);
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t i = 0; i < n; ++i) {
      if (data[j * n + i] > 0 && i != j) {
        const std::size_t at = next[i]++;
        graph.column[at] = j;
        graph.value[at] = data[j * n + i];
      }
    }
  }
  return graph;
}

// Tarjan's strongly connected components, with an explicit stack (a 10,000-segment chain
// would overflow a recursive one). Each component's rows come out in no particular order.
std::vector<std::vector<std::size_t>> strongly_connected_components(const SparseRows& graph) {
  const std::size_t n = graph.rows();
  std::vector<std::size_t> order(n, kNone), low(n);
  std::vector<char> on_stack(n, 0);
  std::vector<std::size_t> stack;
  std::vector<std::pair<std::size_t, std::size_t>> calls;  // (vertex, next edge)
  std::vector<std::vector<std::size_t>> components;
  std::size_t counter = 0;
  const auto visit = [&](std::size_t v) {
    order[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = 1;
    calls.emplace_back(v, graph.start[v]);
  };
  for (std::size_t root = 0; root < n; ++root) {
    if (order[root] != kNone) continue;
    visit(root);
    while (!calls.empty()) {
      const std::size_t v = calls.back().first;
      const std::size_t edge = calls.back().second;
      if (edge < graph.start[v + 1]) {
        ++calls.back().second;
        const std::size_t w = graph.column[edge];
        if (order[w] == kNone) {
          visit(w);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], order[w]);
        }
        continue;
      }
      calls.pop_back();
      if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[v]);
      if (low[v] != order[v]) continue;
      std::vector<std::size_t> component;
      std::size_t w = kNone;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = 0;
        component.push_back(w);
      } while (w != v);
      components.push_back(std::move(component));
    }
  }
  return components;
}

// The submatrix of one component (diagonal included), in local indices; `local` maps every
// row of the matrix to kNone, and is left so.
SparseRows component_matrix(const std::vector<double>& diagonal, const SparseRows& graph,
                            const std::vector<std::size_t>& rows, std::vector<std::size_t>& local) {
  for (std::size_t k = 0; k < rows.size(); ++k) local[rows[k]] = k;
  SparseRows sub;
  sub.start.push_back(0);
  for (const std::size_t i : rows) {
    if (const double self = diagonal[i]; self > 0) {
      sub.column.push_back(local[i]);
      sub.value.push_back(self);
    }
    for (std::size_t e = graph.start[i]; e < graph.start[i + 1]; ++e) {
      const std::size_t j = local[graph.column[e]];
      if (j == kNone) continue;
      sub.column.push_back(j);
      sub.value.push_back(graph.value[e]);
    }
    sub.start.push_back(sub.column.size());
  }
  for (const std::size_t i : rows) local[i] = kNone;
  return sub;
}

struct Bracket {
  double lower = 0;
  double upper = std::numeric_limits<double>::infinity();
  double radius = 0;
  const char* method = "row/column sums";
  void narrow(double low, double high) {
    lower = std::max(lower, low);
    upper = std::min(upper, high);
  }
  bool closed(double tolerance) const { return upper - lower <= tolerance * upper; }
  Bracket& settle() {
    radius = 0.5 * (lower + upper);
    return *this;
  }
};

// Collatz-Wielandt: min and max of (B x)_i / x_i; false when some x_i is not > 0.
bool collatz_wielandt(const SparseRows& b, const Vector& x, Vector& bx, double& low, double& high) {
  low = std::numeric_limits<double>::infinity();
  high = 0;
  const double* in = x.data();
  double* out = bx.data();
  for (std::size_t i = 0; i < b.rows(); ++i) {
    double sum = 0;
    for (std::size_t e = b.start[i]; e < b.start[i + 1]; ++e) sum += b.value[e] * in[b.column[e]];
    out[i] = sum;
    if (!(in[i] > 0)) return false;
    low = std::min(low, sum / in[i]);
    high = std::max(high, sum / in[i]);
  }
  return true;
}

// The eigen solver on the component, its Perron vector as a certificate when it is positive.
void eigen_bracket(const SparseRows& b, Bracket& bracket) {
  const auto m = static_cast<Index>(b.rows());
  Matrix dense = Matrix::Zero(m, m);
  for (std::size_t i = 0; i < b.rows(); ++i) {
    for (std::size_t e = b.start[i]; e < b.start[i + 1]; ++e) {
      dense(static_cast<Index>(i), static_cast<Index>(b.column[e])) = b.value[e];
    }
  }
  const Eigen::EigenSolver<Matrix> solver(dense, true);
  bracket.method = "eigen solver";
  if (solver.info() != Eigen::Success) {
    bracket.settle();
    return;
  }
  Index perron = 0;
  solver.eigenvalues().real().maxCoeff(&perron);
  const double radius = solver.eigenvalues().cwiseAbs().maxCoeff();
  Vector x = solver.eigenvectors().col(perron).real();
  if (x.sum() < 0) x = -x;
  Vector bx(m);
  double low = 0, high = 0;
  if (collatz_wielandt(b, x, bx, low, high)) bracket.narrow(low, high);
  if (!(radius >= bracket.lower && radius <= bracket.upper)) {
    bracket.settle();  // the certified bracket wins over a value outside it
    return;
  }
  // Without a positive Perron vector (entries lost to rounding), Eigen's value is the answer.
  const double slack = 1e-11 * std::max(1.0, radius);
  if (!bracket.closed(1e-9)) bracket.narrow(radius - slack, radius + slack);
  bracket.radius = radius;
}

// Brackets the radius of an irreducible non-negative matrix (at least 2 rows).
Bracket irreducible_bracket(const SparseRows& b, double tolerance) {
  const auto m = static_cast<Index>(b.rows());
  Bracket bracket;
  Vector x = Vector::Ones(m), bx(m), columns = Vector::Zero(m);
  double low = 0, high = 0;
  collatz_wielandt(b, x, bx, low, high);  // row sums
  bracket.narrow(low, high);
  for (std::size_t e = 0; e < b.value.size(); ++e) columns.data()[b.column[e]] += b.value[e];
  bracket.narrow(columns.minCoeff(), columns.maxCoeff());
  if (bracket.closed(tolerance)) return bracket.settle();
  bracket.method = "iteration";
  const double work = static_cast<double>(b.value.size() + b.rows());
  const auto iterations = static_cast<long>(std::clamp(kIterationWork / work, 50.0, 20000.0));
  double last_width = bracket.upper - bracket.lower;
  double shift = 0;  // B x stays positive: B is irreducible
  for (long k = 0, stalled = 0; k < iterations && stalled < kStalledIterations; ++k) {
    x = bx + shift * x;
    x /= x.maxCoeff();
    if (!collatz_wielandt(b, x, bx, low, high)) break;  // underflow
    bracket.narrow(low, high);
    if (bracket.closed(tolerance)) return bracket.settle();
    const double width = bracket.upper - bracket.lower;
    stalled = width < last_width * (1 - 1e-3) ? 0 : stalled + 1;
    last_width = std::min(last_width, width);
    if (stalled == kStalledIterations / 5 && shift == 0) {
      // Periodic (a cycle): the iterates of B oscillate. Those of B + cI (c > 0, primitive)
      // converge, fastest with c near the radius (the other eigenvalues spread around a circle
      // of that radius).
      shift = 0.5 * (bracket.lower + bracket.upper);
      stalled = 0;
    }
  }
  if (b.rows() <= kMaxEigenSolverSize) {
    eigen_bracket(b, bracket);
    return bracket;
  }
  return bracket.settle();
}

SpectralCertificate whole_matrix_eigen(const Matrix& matrix) {
  SpectralCertificate certificate;
  certificate.method = "eigen solver";
  if (!matrix.allFinite()) {
    certificate.lower = certificate.radius = std::numeric_limits<double>::quiet_NaN();
    certificate.upper = std::numeric_limits<double>::infinity();
    return certificate;
  }
  const double radius =
      Eigen::EigenSolver<Matrix>(matrix, false).eigenvalues().cwiseAbs().maxCoeff();
  certificate.lower = certificate.upper = certificate.radius = radius;
  for (Index i = 0; i < matrix.rows(); ++i)
    certificate.component.push_back(static_cast<std::size_t>(i));
  return certificate;
}

// The certificate of a non-negative matrix given as its off-diagonal graph and its diagonal.
SpectralCertificate certify(const SparseRows& graph, const std::vector<double>& diagonal,
                            double tolerance) {
  SpectralCertificate certificate;
  std::vector<std::size_t> local(graph.rows(), kNone);
  for (auto& rows : strongly_connected_components(graph)) {
    Bracket bracket;
    if (rows.size() == 1) {
      const double self = diagonal[rows[0]];
      if (!(self > 0)) continue;  // no cycle through this segment
      bracket = Bracket{self, self, self, "self-link"};
    } else {
      bracket = irreducible_bracket(component_matrix(diagonal, graph, rows, local), tolerance);
    }
    certificate.lower = std::max(certificate.lower, bracket.lower);
    certificate.upper = std::max(certificate.upper, bracket.upper);
    if (certificate.component.empty() || bracket.radius > certificate.radius) {
      certificate.radius = bracket.radius;
      certificate.method = bracket.method;
      std::sort(rows.begin(), rows.end());
      certificate.component = std::move(rows);
    }
  }
  return certificate;
}

}  // namespace

SpectralCertificate spectral_radius_certificate(const Matrix& matrix, double tolerance) {
  if (matrix.size() == 0) return {};
  if (!matrix.allFinite() || (matrix.array() < 0).any()) return whole_matrix_eigen(matrix);
  const Vector diagonal = matrix.diagonal();
  return certify(graph_of(matrix), std::vector<double>(diagonal.begin(), diagonal.end()),
                 tolerance);
}

SpectralCertificate spectral_radius_certificate(std::size_t size, std::vector<MatrixEntry> entries,
                                                double tolerance) {
  if (size == 0) return {};
  const bool dense_only = std::any_of(entries.begin(), entries.end(), [&](const MatrixEntry& e) {
    return !(e.value >= 0) || !std::isfinite(e.value) || e.row >= size || e.column >= size;
  });
  if (dense_only) {
    Matrix matrix = Matrix::Zero(static_cast<Index>(size), static_cast<Index>(size));
    for (const auto& e : entries) {
      if (e.row < size && e.column < size) {
        matrix(static_cast<Index>(e.row), static_cast<Index>(e.column)) = e.value;
      }
    }
    return spectral_radius_certificate(matrix, tolerance);
  }
  // A later entry for the same place replaces an earlier one, as it would in a matrix.
  std::stable_sort(entries.begin(), entries.end(), [](const MatrixEntry& a, const MatrixEntry& b) {
    return a.row != b.row ? a.row < b.row : a.column < b.column;
  });
  std::vector<double> diagonal(size, 0.0);
  SparseRows graph;
  graph.start.assign(size + 1, 0);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const MatrixEntry& e = entries[k];
    const bool replaced =
        k + 1 < entries.size() && entries[k + 1].row == e.row && entries[k + 1].column == e.column;
    if (replaced) continue;
    if (e.row == e.column) {
      diagonal[e.row] = e.value;
    } else if (e.value > 0) {
      graph.column.push_back(e.column);
      graph.value.push_back(e.value);
      ++graph.start[e.row + 1];
    }
  }
  for (std::size_t i = 0; i < size; ++i) graph.start[i + 1] += graph.start[i];
  return certify(graph, diagonal, tolerance);
}

double spectral_radius(const Matrix& matrix) {
  return spectral_radius_certificate(matrix).radius;
}

}  // namespace outage
