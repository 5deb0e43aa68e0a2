#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <vector>

#include "model/estimate/monte_carlo.hpp"
#include "model/stats/beta_quantile.hpp"
#include "model/stats/order_statistics.hpp"
#include "model/stats/quantile_table.hpp"
#include "model/stats/sampling.hpp"
#include "param_builder.hpp"

using namespace outage;
using outage::testing::make_param;

namespace {

// Probabilities that visit every cell of every octave, each cell's edges, the octaves' edges,
// and beyond the table on both sides.
std::vector<double> probes() {
  std::vector<double> probabilities = {1e-60,         1e-20,     1e-9,         1e-6,
                                       0x1.0p-13,     0x1.0p-12, 0.5,          0.5 + 0x1.0p-53,
                                       1 - 0x1.0p-13, 1 - 1e-6,  1 - 0x1.0p-53};
  for (int octave = 0; octave < QuantileTable::kOctaves; ++octave) {
    const double start = std::ldexp(1.0, -(octave + 2));
    for (int k = 0; k <= 4 * QuantileTable::kCells; ++k) {
      const double p = start * (1 + k / (4.0 * QuantileTable::kCells));
      for (const double q : {p, std::nextafter(p, 0.0)}) {
        probabilities.push_back(q);
        probabilities.push_back(1 - q);
      }
    }
  }
  for (int k = 1; k < 5000; ++k) probabilities.push_back(k / 5000.0);
  return probabilities;
}

}  // namespace

TEST_CASE("the beta-PERT quantile table agrees with Boost's quantile", "[sampling][quantile]") {
  const double shapes[][2] = {{4, 2}, {3, 3}, {2.6, 3.4}, {1, 5}, {5, 1}, {1.2, 4.8}, {4.99, 1.01}};
  for (const auto& shape : shapes) {
    const auto exact = std::make_shared<const BetaQuantile>(shape[0], shape[1]);
    const QuantileTable table([&](double p) { return (*exact)(p); },
                              [&](double v) { return exact->complement(v); });
    const boost::math::beta_distribution<double> beta(shape[0], shape[1]);
    double worst = 0;
    for (const double p : probes()) {
      const double expected = boost::math::quantile(beta, p);
      worst = std::max(worst, std::fabs(table(p) - expected));
      INFO("a " << shape[0] << " b " << shape[1] << " p " << p);
      // Values lie in [0, 1]: absolute error, an ulp or two of the larger values.
      REQUIRE(std::fabs(table(p) - expected) <= 1e-14);
    }
    INFO("a " << shape[0] << " b " << shape[1] << " worst " << worst);
    CHECK(worst > 0);  // the table is not the exact quantile called everywhere
  }
}

TEST_CASE("the complement entry keeps precision near 1", "[sampling][quantile]") {
  const auto exact = std::make_shared<const BetaQuantile>(2.0, 4.0);
  const boost::math::beta_distribution<double> beta(2.0, 4.0);
  for (const double v : {1e-30, 1e-12, 0x1.0p-14, 1e-3, 0.3, 0.5}) {
    const double expected = boost::math::quantile(boost::math::complement(beta, v));
    INFO("v " << v);
    CHECK(std::fabs(exact->complement(v) - expected) <= 4e-15);
  }
}

TEST_CASE("the normal quantile table agrees with Boost's quantile", "[sampling][quantile]") {
  const QuantileTable& table = normal_quantile_table();
  const boost::math::normal_distribution<double> normal;
  for (const double p : probes()) {
    const double expected = boost::math::quantile(normal, p);
    INFO("p " << p);
    REQUIRE(std::fabs(table(p) - expected) <= 1e-13 * std::max(1.0, std::fabs(expected)));
  }
  // The complement entry: Phi^-1(1 - v) = -Phi^-1(v).
  for (const double v : {1e-200, 1e-5, 0.01, 0.2, 0.5}) {
    CHECK(std::fabs(table.complement(v) + boost::math::quantile(normal, v)) <=
          1e-13 * std::max(1.0, std::fabs(boost::math::quantile(normal, v))));
  }
}

TEST_CASE("a draw is the inverse CDF of its stream's first uniform", "[sampling][quantile]") {
  const Param pert = make_param(DistributionKind::pert, 0.2, 0.5, 0.9);
  const Param lognormal = make_param(DistributionKind::lognormal, 2.0, 0.0, 8.0);
  const Param triangular = make_param(DistributionKind::triangular, 1.0, 2.0, 5.0);
  for (const Param& param : {pert, lognormal, triangular}) {
    const Sampler sampler(param);
    for (std::uint64_t draw = 0; draw < 200; ++draw) {
      RandomStream first(9, draw, 3);
      RandomStream second(9, draw, 3);
      const double u = second.uniform();
      const double value = sampler.draw(first);
      INFO(param.describe() << " draw " << draw);
      CHECK(value == sampler.from_uniform(u));
      CHECK(std::fabs(value - param.quantile(u)) <= 1e-13 * std::max(1.0, std::fabs(value)));
    }
  }
}

TEST_CASE("from_normal is the quantile at the normal's probability, also near 1",
          "[sampling][quantile]") {
  const Param pert = make_param(DistributionKind::pert, 0.2, 0.5, 0.9);
  const boost::math::normal_distribution<double> normal;
  const boost::math::beta_distribution<double> beta(1 + 4 * 0.3 / 0.7, 1 + 4 * 0.4 / 0.7);
  const Sampler sampler(pert);
  for (const double z : {-40.0, -7.5, -3.0, -1.0, -0.1, 0.0, 0.3, 1.7, 4.0, 8.0, 40.0}) {
    // Right of 0 by the complement, which 1 - Phi(z) would round away.
    const double x = z > 0 ? boost::math::quantile(boost::math::complement(
                                 beta, boost::math::cdf(boost::math::complement(normal, z))))
                           : boost::math::quantile(beta, boost::math::cdf(normal, z));
    INFO("z " << z);
    CHECK(std::fabs(sampler.from_normal(z) - (0.2 + 0.7 * x)) <= 1e-14);
  }
  const Param lognormal = make_param(DistributionKind::lognormal, 2.0, 0.0, 8.0);
  const Sampler lognormal_sampler(lognormal);
  for (const double z : {-8.0, 0.0, 1.5, 8.0}) {
    CHECK(lognormal_sampler.from_normal(z) ==
          std::exp(lognormal.lognormal_mu() + lognormal.lognormal_sigma() * z));
  }
}

TEST_CASE("beta quantiles far in the tails do not fail", "[sampling][quantile]") {
  // Boost's quantile gives up near 1e-122 for these shapes; a copula's normals can reach there.
  for (const double a : {4.0, 3.0, 2.6, 4.99}) {
    const BetaQuantile exact(a, 2.0);
    const BetaQuantile mirrored(2.0, a);
    for (const double p : {1e-122, 1e-200, 1e-300}) {
      const double x = exact(p);
      INFO("a " << a << " p " << p);
      CHECK(x > 0);
      CHECK(x < 1e-20);
      CHECK(boost::math::ibeta(a, 2.0, x) == Approx(p).epsilon(1e-12));
      const double y = mirrored.complement(p);
      CHECK((y <= 1 && y > 1 - 1e-15));
    }
  }
}

TEST_CASE("a truncated draw stays inside an open bound", "[sampling][quantile]") {
  // Uniform on [-1, 1] truncated to (0, 1]: the CDF's range is [0.5, 1].
  const Param uniform = make_param(DistributionKind::uniform, -1.0, 0.0, 1.0);
  const Domain positive = {0, 1, true, false};
  const Sampler sampler(uniform, positive);
  CHECK(sampler.from_uniform(0x1.0p-53) > 0);
  CHECK(sampler.from_uniform(1e-300) > 0);
  CHECK(sampler.from_uniform(1 - 0x1.0p-53) <= 1);
  CHECK(sampler.from_uniform(0.5) == Approx(0.5).epsilon(1e-15));
}

TEST_CASE("order statistics by buckets equal a full sort's", "[sampling][quantile]") {
  std::vector<std::vector<double>> columns;
  std::vector<double> lognormal;
  const Sampler heavy(make_param(DistributionKind::lognormal, 1.0, 0.0, 1000.0));
  for (std::uint64_t j = 0; j < 20000; ++j) {
    RandomStream stream(4, j, 0);
    lognormal.push_back(heavy.draw(stream));
  }
  columns.push_back(lognormal);
  columns.push_back(std::vector<double>(5000, 3.25));  // all equal
  std::vector<double> ties(9000, 0.0);                 // mostly zeros, some spread
  for (std::size_t i = 0; i < ties.size(); i += 7) ties[i] = -static_cast<double>(i) * 1e300;
  ties.front() = -1.7e308;
  ties.back() = 1.7e308;
  columns.push_back(ties);                           // a span above DBL_MAX
  columns.push_back({5e-324, 1e-323, 0.0, 5e-324});  // subnormal span
  columns.push_back({2.0});
  for (const auto& column : columns) {
    std::vector<double> sorted = column;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::size_t> ranks = {0,
                                      sorted.size() - 1,
                                      sorted.size() / 2,
                                      sorted.size() / 20,
                                      sorted.size() / 2,
                                      sorted.size() * 19 / 20};
    const std::vector<double> found =
        order_statistics(column.data(), column.size(), sorted.front(), sorted.back(), ranks);
    for (std::size_t r = 0; r < ranks.size(); ++r) {
      INFO("size " << column.size() << " rank " << ranks[r]);
      CHECK(found[r] == sorted[ranks[r]]);
    }
  }
}

TEST_CASE("loss statistics equal those of a sorted copy", "[sampling][quantile]") {
  std::vector<double> values;
  const Sampler sampler(make_param(DistributionKind::pert, 10.0, 30.0, 100.0));
  for (std::uint64_t j = 0; j < 10001; ++j) {
    RandomStream stream(11, j, 2);
    values.push_back(sampler.draw(stream));
  }
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  const auto percentile = [&](double percent) {
    const double position = percent / 100.0 * static_cast<double>(sorted.size() - 1);
    const auto lower = static_cast<std::size_t>(std::floor(position));
    const double fraction = position - static_cast<double>(lower);
    if (fraction == 0) return sorted[lower];
    return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower]);
  };
  const LossStats stats = summarize_losses(values, {1, 99.9});
  CHECK(stats.p5 == percentile(5));
  CHECK(stats.p50 == percentile(50));
  CHECK(stats.p95 == percentile(95));
  CHECK(stats.extra_percentiles.at(0).second == percentile(1));
  CHECK(stats.extra_percentiles.at(1).second == percentile(99.9));
  // The standard error of p50 from the order statistics n/2 -+ sqrt(n/4).
  const double n = static_cast<double>(values.size());
  const double spread = std::sqrt(n * 0.25);
  CHECK(stats.p50_stderr == 0.5 * (percentile((n * 0.5 + spread) / (n - 1) * 100) -
                                   percentile((n * 0.5 - spread) / (n - 1) * 100)));
}

TEST_CASE("uniforms four draws at a time equal one draw at a time", "[sampling][quantile]") {
  // Whichever way first_uniforms runs here (AVX2 or not), its bytes are first_uniform's:
  // counters across the 2^32 boundary of the draw, odd counts, several seeds and streams.
  for (const std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{20240305}, ~std::uint64_t{0}}) {
    for (const std::uint64_t first :
         {std::uint64_t{0}, std::uint64_t{4294967290}, ~std::uint64_t{0} - 40}) {
      for (const std::uint32_t stream : {0u, 7u, 4000000000u}) {
        std::vector<double> block(37);
        first_uniforms(seed, first, stream, block.size(), block.data());
        for (std::size_t j = 0; j < block.size(); ++j) {
          RandomStream one(seed, first + j, stream);
          INFO("seed " << seed << " draw " << first + j << " stream " << stream);
          REQUIRE(block[j] == one.uniform());
          REQUIRE(block[j] == first_uniform(seed, first + j, stream));
        }
      }
    }
  }
}
