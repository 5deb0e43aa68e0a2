#include <catch2/catch.hpp>
#include <cmath>

#include "model/stats/distribution.hpp"
#include "param_builder.hpp"

using namespace outage;
using outage::testing::make_param;

TEST_CASE("central values follow docs/model.md", "[distribution]") {
  CHECK(Param::fixed(3.0).central() == 3.0);
  CHECK(make_param(DistributionKind::uniform, 2, 0, 6).central() == 4.0);
  CHECK(make_param(DistributionKind::triangular, 1, 2, 6).central() == 2.0);
  CHECK(make_param(DistributionKind::pert, 1, 2, 6).central() == 2.0);
  CHECK(make_param(DistributionKind::lognormal, 4, 0, 9).central() == Approx(6.0));
}

TEST_CASE("quantiles invert each distribution's CDF", "[distribution]") {
  const Param uniform = make_param(DistributionKind::uniform, 2, 0, 6);
  CHECK(uniform.quantile(0.05) == Approx(2.2));
  // Triangular [0, 1, 2]: P(X <= 1) = 0.5; quantile(0.125) = 0.5 (area 0.5^2 / 2).
  const Param triangular = make_param(DistributionKind::triangular, 0, 1, 2);
  CHECK(triangular.quantile(0.5) == Approx(1.0));
  CHECK(triangular.quantile(0.125) == Approx(0.5));
  // Lognormal from a 90 % interval returns its own bounds.
  const Param lognormal = make_param(DistributionKind::lognormal, 4, 0, 9);
  CHECK(lognormal.quantile(0.05) == Approx(4.0).epsilon(1e-9));
  CHECK(lognormal.quantile(0.95) == Approx(9.0).epsilon(1e-9));
  // Symmetric PERT [0, 0.5, 1] is Beta(3, 3): median 0.5.
  const Param pert = make_param(DistributionKind::pert, 0, 0.5, 1);
  CHECK(pert.quantile(0.5) == Approx(0.5).epsilon(1e-9));
}

TEST_CASE("distribution parameters in the wrong order are refused", "[distribution]") {
  CHECK_THAT(check_distribution_parameters(make_param(DistributionKind::uniform, 3, 0, 1)),
             Catch::Contains("low < high"));
  CHECK_THAT(check_distribution_parameters(make_param(DistributionKind::triangular, 0, 5, 1)),
             Catch::Contains("mode between"));
  CHECK_THAT(check_distribution_parameters(make_param(DistributionKind::pert, 0, -1, 1)),
             Catch::Contains("mode between"));
  CHECK_THAT(check_distribution_parameters(make_param(DistributionKind::lognormal, 9, 0, 4)),
             Catch::Contains("p5 < p95"));
  CHECK_THAT(check_distribution_parameters(make_param(DistributionKind::lognormal, -1, 0, 4)),
             Catch::Contains("p5 > 0"));
  CHECK(check_distribution_parameters(make_param(DistributionKind::pert, 0, 0, 1)).empty());
}
