// The certified spectral radius (model/iim/spectral_radius.hpp) against closed forms, Eigen's
// eigenvalues, and the cases the power iteration got wrong.
#include <Eigen/Eigenvalues>
#include <catch2/catch.hpp>
#include <chrono>
#include <random>

#include "model/iim/inoperability.hpp"
#include "model/iim/spectral_radius.hpp"

using namespace outage;

namespace {

// A cycle 0 -> 1 -> ... -> n-1 -> 0 with the given shares (a_{i, i+1}).
Matrix cycle(const std::vector<double>& shares) {
  const auto n = static_cast<Eigen::Index>(shares.size());
  Matrix a = Matrix::Zero(n, n);
  for (Eigen::Index i = 0; i < n; ++i) a(i, (i + 1) % n) = shares[static_cast<std::size_t>(i)];
  return a;
}

double eigen_radius(const Matrix& a) {
  return Eigen::EigenSolver<Matrix>(a, false).eigenvalues().cwiseAbs().maxCoeff();
}

}  // namespace

TEST_CASE("a 401-segment cycle with radius exactly 1 is certified at 1", "[spectral]") {
  const SpectralCertificate all_ones = spectral_radius_certificate(cycle(std::vector(401, 1.0)));
  CHECK(all_ones.lower == 1.0);
  CHECK(all_ones.upper == 1.0);
  CHECK(all_ones.component.size() == 401);
  CHECK_FALSE(all_ones.below(kLargestSpectralRadius));
  // Shares 2 and 0.5 alternating, one 1: the product is 1, the row sums say nothing.
  std::vector<double> shares(401);
  for (std::size_t i = 0; i < shares.size(); ++i) shares[i] = i % 2 ? 0.5 : 2.0;
  shares[0] = 1.0;
  const SpectralCertificate mixed = spectral_radius_certificate(cycle(shares));
  CHECK(mixed.radius == Approx(1.0).epsilon(1e-12));
  CHECK(mixed.upper >= 1.0);
  CHECK_FALSE(mixed.below(kLargestSpectralRadius));
}

TEST_CASE("a cycle's radius is the geometric mean of its shares", "[spectral]") {
  std::vector<double> shares(50);
  double log_sum = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    shares[i] = 0.2 + 0.015 * static_cast<double>(i);
    log_sum += std::log(shares[i]);
  }
  const double exact = std::exp(log_sum / 50);
  const SpectralCertificate certificate = spectral_radius_certificate(cycle(shares));
  CHECK(certificate.lower <= exact * (1 + 1e-13));
  CHECK(certificate.upper >= exact * (1 - 1e-13));
  CHECK(certificate.radius == Approx(exact).epsilon(1e-11));
}

TEST_CASE("a radius above 1 is certified above 1", "[spectral]") {
  // Every segment depends on the next two with 0.6: row sums 1.2 = the radius.
  const Eigen::Index n = 30;
  Matrix a = Matrix::Zero(n, n);
  for (Eigen::Index i = 0; i < n; ++i) a(i, (i + 1) % n) = a(i, (i + 2) % n) = 0.6;
  const SpectralCertificate certificate = spectral_radius_certificate(a);
  CHECK(certificate.lower == Approx(1.2));
  CHECK(certificate.lower > 1.0);
  CHECK_FALSE(certificate.below(kLargestSpectralRadius));
}

TEST_CASE("a nilpotent 10,000-segment chain has radius 0, fast", "[spectral]") {
  const Eigen::Index n = 10000;
  Matrix a = Matrix::Zero(n, n);
  for (Eigen::Index i = 0; i + 1 < n; ++i) a(i + 1, i) = 0.9;
  const auto start = std::chrono::steady_clock::now();
  const SpectralCertificate certificate = spectral_radius_certificate(a);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(certificate.radius == 0.0);
  CHECK(certificate.upper == 0.0);
  CHECK(certificate.component.empty());
  CHECK(std::string(certificate.method) == "acyclic");
  // One pass over the 800 MB matrix (0.6 s measured on a loaded 2-core machine); the power
  // iteration it replaces took about a minute.
  CHECK(seconds < 20);
}

TEST_CASE("self-links and components: the radius is the largest component's", "[spectral]") {
  Matrix a = Matrix::Zero(5, 5);
  a(0, 0) = 0.3;            // a self-link alone
  a(1, 2) = a(2, 1) = 0.5;  // a 2-cycle: radius 0.5
  a(3, 1) = 0.9;            // a link into the cycle, on no cycle
  a(4, 3) = 0.9;
  const SpectralCertificate certificate = spectral_radius_certificate(a);
  CHECK(certificate.radius == Approx(0.5).epsilon(1e-14));
  CHECK(certificate.component == std::vector<std::size_t>{1, 2});
  CHECK(spectral_radius(Matrix::Zero(3, 3)) == 0.0);
  CHECK(spectral_radius(Matrix()) == 0.0);
}

TEST_CASE("random non-negative matrices agree with Eigen's eigenvalues to 1e-9", "[spectral]") {
  std::mt19937_64 random(20240305);
  std::uniform_real_distribution<double> uniform(0, 1);
  for (int trial = 0; trial < 200; ++trial) {
    const Eigen::Index n = 2 + trial % 70;
    const double density = uniform(random);
    const double scale = trial % 3 == 0 ? 1e-3 : 1.0 / static_cast<double>(n) * 2;
    Matrix a = Matrix::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
      for (Eigen::Index j = 0; j < n; ++j) {
        if (uniform(random) < density) a(i, j) = scale * uniform(random);
      }
    }
    const double expected = eigen_radius(a);
    const SpectralCertificate certificate = spectral_radius_certificate(a);
    INFO("trial " << trial << ", n " << n << ", density " << density);
    CHECK(certificate.radius == Approx(expected).margin(1e-9));
    CHECK(certificate.lower <= expected + 1e-9);
    CHECK(certificate.upper >= expected - 1e-9);
  }
}

TEST_CASE("a dense positive matrix closes its bracket by iteration", "[spectral]") {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> uniform(0, 1);
  const Eigen::Index n = 1500;
  Matrix a(n, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) a(i, j) = uniform(random) * 1.6 / static_cast<double>(n);
  }
  const SpectralCertificate certificate = spectral_radius_certificate(a);
  CHECK(std::string(certificate.method) == "iteration");
  CHECK(certificate.upper - certificate.lower <= 1e-12 * certificate.upper);
  CHECK(certificate.radius == Approx(0.8).epsilon(0.01));
}

TEST_CASE("the certificate from matrix entries equals the dense matrix's", "[spectral]") {
  // Sparse random matrices with self-links, cycles of several sizes and repeated entries (the
  // later one wins, as in a matrix): the same bracket, radius, method and component, bit for bit.
  std::mt19937_64 random(20261128);
  std::uniform_real_distribution<double> share(0.0, 0.3);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t n = 5 + static_cast<std::size_t>(trial) * 7;
    std::uniform_int_distribution<std::size_t> index(0, n - 1);
    std::vector<MatrixEntry> entries;
    Matrix dense = Matrix::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    const std::size_t count = n * (1 + static_cast<std::size_t>(trial % 4));
    for (std::size_t k = 0; k < count; ++k) {
      MatrixEntry entry{index(random), index(random), k % 11 == 0 ? 0.0 : share(random)};
      entries.push_back(entry);
      dense(static_cast<Eigen::Index>(entry.row), static_cast<Eigen::Index>(entry.column)) =
          entry.value;
    }
    const SpectralCertificate from_dense = spectral_radius_certificate(dense);
    const SpectralCertificate from_entries = spectral_radius_certificate(n, entries);
    INFO("trial " << trial << ", " << n << " rows, " << count << " entries");
    CHECK(from_entries.lower == from_dense.lower);
    CHECK(from_entries.upper == from_dense.upper);
    CHECK(from_entries.radius == from_dense.radius);
    CHECK(std::string(from_entries.method) == from_dense.method);
    CHECK(from_entries.component == from_dense.component);
    if (from_entries.component.empty()) {
      // No cycle: exactly 0. Eigen's eigenvalues of a nilpotent matrix are only rounding,
      // of the order of 1e-16^(1/k) for a chain of k links.
      CHECK(from_entries.radius == 0.0);
      CHECK(eigen_radius(dense) < 1e-2);
    } else {
      CHECK(from_entries.radius == Approx(eigen_radius(dense)).epsilon(1e-9));
    }
  }
}

TEST_CASE("the certificate from entries handles what the dense one hands to the eigen solver",
          "[spectral]") {
  // A negative entry: the whole matrix goes to the eigen solver, as the dense certificate does.
  const std::vector<MatrixEntry> negative = {{0, 1, 0.5}, {1, 0, -0.5}};
  Matrix dense(2, 2);
  dense << 0, 0.5, -0.5, 0;
  CHECK(spectral_radius_certificate(2, negative).radius ==
        spectral_radius_certificate(dense).radius);
  // No entries, or only zeros: radius 0, no component.
  CHECK(spectral_radius_certificate(4, {}).radius == 0.0);
  CHECK(spectral_radius_certificate(4, {{1, 2, 0.0}}).component.empty());
  // A 10,000-segment chain from its entries: exactly 0 (nilpotent), without a dense matrix.
  std::vector<MatrixEntry> chain;
  for (std::size_t i = 0; i + 1 < 10000; ++i) chain.push_back({i, i + 1, 0.9});
  const SpectralCertificate certificate = spectral_radius_certificate(10000, chain);
  CHECK(certificate.upper == 0.0);
  CHECK(certificate.component.empty());
}
