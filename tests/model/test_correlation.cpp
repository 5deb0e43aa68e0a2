// Correlated judgements (docs/model.md, "Version 2 additions"): a Gaussian copula gives the
// declared Spearman rho between the named inputs and leaves every marginal unchanged.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "model/analyses/sensitivity.hpp"
#include "model/estimate/monte_carlo.hpp"
#include "model/scenario/input_sampler.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;

namespace {

const std::string kThreeShops = R"(
[outage]
duration = "2h"
[[segment]]
id = "a"
revenue = 100
dependency = { pert = [0.2, 0.5, 0.9] }
deferred = { uniform = [0.1, 0.5] }
[[segment]]
id = "b"
revenue = { lognormal = [50, 200] }
dependency = { triangular = [0.1, 0.3, 0.8] }
[[segment]]
id = "c"
revenue = 80
dependency = { uniform = [0.4, 0.6] }
CORRELATION
)";

Scenario with_correlation(const std::string& block) {
  std::string text = kThreeShops;
  text.replace(text.find("CORRELATION"), 11, block);
  return parse_scenario(text, "correlated.toml");
}

const double* column(const SampledLosses& draws, const std::string& name) {
  const auto found = std::find(draws.input_names.begin(), draws.input_names.end(), name);
  REQUIRE(found != draws.input_names.end());
  return draws.inputs.data() + static_cast<std::size_t>(found - draws.input_names.begin()) *
                                   static_cast<std::size_t>(draws.samples);
}

std::vector<double> values_of(const SampledLosses& draws, const std::string& name) {
  const double* start = column(draws, name);
  return std::vector<double>(start, start + draws.samples);
}

}  // namespace

TEST_CASE("the copula gives each pair the declared Spearman rho", "[correlation]") {
  const Scenario scenario = with_correlation(
      "[[correlation]]\ninputs = [\"segment.*.dependency\", \"segment.b.revenue\"]\nrho = 0.6\n");
  REQUIRE(check_inputs(scenario));
  SamplingOptions options;
  options.samples = 40000;
  options.threads = 2;
  options.keep_inputs = true;
  const SampledLosses draws = sample_net_losses(prepare_or_throw(scenario), options);
  const std::vector<std::string> group = {"segment.a.dependency", "segment.b.dependency",
                                          "segment.c.dependency", "segment.b.revenue"};
  // The standard error of a Spearman estimate near 0.6 with 40,000 draws is about 0.003.
  for (std::size_t x = 0; x < group.size(); ++x) {
    for (std::size_t y = x + 1; y < group.size(); ++y) {
      CHECK(rank_correlation(values_of(draws, group[x]), values_of(draws, group[y])) ==
            Approx(0.6).margin(0.015));
    }
  }
  // Inputs outside the group stay independent of it.
  CHECK(std::fabs(rank_correlation(values_of(draws, "segment.a.deferred"),
                                   values_of(draws, "segment.a.dependency"))) < 0.015);
  // Marginals: the share of draws below each input's own quartiles is 25 %, 50 %, 75 %.
  const InputTable table(scenario);
  for (const auto& name : group) {
    const Param& param = *table[table.find(name)].param;
    const std::vector<double> values = values_of(draws, name);
    for (const double probability : {0.25, 0.5, 0.75}) {
      const double quantile = param.quantile(probability);
      const auto below = std::count_if(values.begin(), values.end(),
                                       [&](double value) { return value <= quantile; });
      CHECK(static_cast<double>(below) / 40000.0 == Approx(probability).margin(0.01));
    }
  }
  // Reproducible whatever the thread count.
  options.threads = 1;
  CHECK(sample_net_losses(prepare_or_throw(scenario), options).inputs == draws.inputs);
}

TEST_CASE("a correlation widens the total's range", "[correlation]") {
  SamplingOptions options;
  options.samples = 20000;
  options.threads = 2;
  const auto spread = [&](const Scenario& scenario) {
    const Estimate estimate = estimate_with_uncertainty(prepare_or_throw(scenario), options);
    return estimate.total.stats->p95 - estimate.total.stats->p5;
  };
  const double independent = spread(with_correlation(""));
  const double correlated =
      spread(with_correlation("[[correlation]]\ninputs = [\"segment.*.dependency\"]\nrho = 0.9\n"));
  CHECK(correlated > 1.2 * independent);
}

TEST_CASE("bad correlation groups are errors naming the group", "[correlation]") {
  const auto error_of = [](const std::string& block) {
    try {
      const auto checked = check_inputs(with_correlation(block));
      return checked ? std::string("no error") : std::string(checked.error().describe());
    } catch (const Error& error) {  // refused while reading
      return error.describe();
    }
  };
  CHECK_THAT(error_of("[[correlation]]\ninputs = [\"segment.*.dependency\"]\nrho = 0.5\n"
                      "[[correlation]]\ninputs = [\"segment.a.dependency\", "
                      "\"segment.a.deferred\"]\nrho = 0.5\n"),
             Catch::Contains("correlated.toml:") &&
                 Catch::Contains("segment.a.dependency is in two correlation groups"));
  CHECK_THAT(error_of("[[correlation]]\ninputs = [\"segment.*.recovery\"]\nrho = 0.5\n"),
             Catch::Contains("'segment.*.recovery' matches no uncertain input"));
  CHECK_THAT(error_of("[[correlation]]\ninputs = [\"segment.*.dependency\", "
                      "\"segment.a.deferred\"]\nrho = -0.5\n"),
             Catch::Contains("not positive definite"));
  CHECK_THAT(error_of("[[correlation]]\ninputs = [\"segment.*.dependency\"]\nrho = 1.5\n"),
             Catch::Contains("correlation.rho must be in (-1, 1)"));
  // A rank correlation of 1 makes the members one input, even in a group of one.
  CHECK_THAT(error_of("[[correlation]]\ninputs = [\"segment.a.dependency\"]\nrho = 1\n"),
             Catch::Contains("correlation.rho must be in (-1, 1), got 1"));
  CHECK_THAT(error_of("[[correlation]]\ninputs = [\"segment.*.dependency\"]\nrho = -1\n"),
             Catch::Contains("correlation.rho must be in (-1, 1), got -1"));
  CHECK_THAT(error_of("[[correlation]]\ninputs = [\"segment.*.dependency\"]\nrhoo = 1\n"),
             Catch::Contains("unknown key 'rhoo'"));
}

TEST_CASE("the copula's normal correlation gives Spearman rho exactly", "[correlation]") {
  // Pearson r of the normals and Spearman rho: rho = (6 / pi) asin(r / 2).
  for (const double rho : {-0.3, 0.2, 0.6, 0.95}) {
    CHECK(6 / 3.141592653589793 * std::asin(copula_correlation(rho) / 2) ==
          Approx(rho).epsilon(1e-12));
  }
}

TEST_CASE("the lowest rho named in the error is the true bound in Spearman units",
          "[correlation]") {
  // Three members: the normals' correlation must be above -1/2, so rho above
  // (6 / pi) asin(-1/4) = -0.4826; -0.48 passes and -0.49 is refused naming -0.4826.
  const auto scenario_with = [](const char* rho) {
    return check_inputs(with_correlation(
        std::string("[[correlation]]\ninputs = [\"segment.*.dependency\"]\nrho = ") + rho + "\n"));
  };
  CHECK(scenario_with("-0.48"));
  const auto refused = scenario_with("-0.49");
  REQUIRE_FALSE(refused);
  CHECK_THAT(refused.error().describe(), Catch::Contains("rho must be above -0.4826"));
}
