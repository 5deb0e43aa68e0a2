#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "model/estimate/monte_carlo.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "model/stats/sampling.hpp"
#include "param_builder.hpp"

using namespace outage;
using outage::testing::make_param;

namespace {

constexpr int kDraws = 200000;
// Statistical checks allow five standard errors: a false alarm about once in 1.7 million runs
// (and the streams are fixed, so a run that passes always passes).
constexpr double kStandardErrors = 5.0;

std::vector<double> draws_of(const Param& param, std::uint64_t seed = 1) {
  const Sampler sampler(param);
  std::vector<double> values;
  values.reserve(kDraws);
  for (int j = 0; j < kDraws; ++j) {
    RandomStream stream(seed, static_cast<std::uint64_t>(j), 0);
    values.push_back(sampler.draw(stream));
  }
  return values;
}

void check_moments(const std::vector<double>& values, double mean, double variance) {
  double sum = 0;
  for (double v : values) sum += v;
  const double sample_mean = sum / static_cast<double>(values.size());
  double squares = 0;
  for (double v : values) squares += (v - sample_mean) * (v - sample_mean);
  const double sample_variance = squares / static_cast<double>(values.size() - 1);
  const double n = static_cast<double>(values.size());
  CHECK(std::fabs(sample_mean - mean) < kStandardErrors * std::sqrt(variance / n));
  // The variance of a sample variance is about 2 sigma^4 / n for near-normal shapes; allow
  // a wider margin for skewed ones.
  CHECK(std::fabs(sample_variance - variance) <
        kStandardErrors * 2.0 * variance * std::sqrt(2.0 / n));
}

// The share of draws below the distribution's own quantile must be close to the probability.
void check_quantiles(const std::vector<double>& values, const Param& param) {
  const double n = static_cast<double>(values.size());
  for (double probability : {0.05, 0.25, 0.5, 0.75, 0.95}) {
    const double threshold = param.quantile(probability);
    const double below =
        static_cast<double>(
            std::count_if(values.begin(), values.end(), [&](double v) { return v <= threshold; })) /
        n;
    INFO("probability " << probability);
    CHECK(std::fabs(below - probability) <
          kStandardErrors * std::sqrt(probability * (1 - probability) / n));
  }
}

Scenario scenario_from(const std::string& text) {
  Scenario scenario = parse_scenario(text, "test.toml");
  require_valid_inputs(scenario);
  return scenario;
}

}  // namespace

TEST_CASE("uniform draws have the mean, variance and quantiles of U(low, high)", "[sampling]") {
  const Param param = make_param(DistributionKind::uniform, 2, 0, 6);
  const auto values = draws_of(param);
  check_moments(values, 4.0, 16.0 / 12.0);
  check_quantiles(values, param);
  CHECK(*std::min_element(values.begin(), values.end()) > 2.0);
  CHECK(*std::max_element(values.begin(), values.end()) < 6.0);
}

TEST_CASE("triangular draws match the triangular distribution", "[sampling]") {
  const Param param = make_param(DistributionKind::triangular, 1, 2, 6);
  const auto values = draws_of(param);
  const double a = 1, c = 2, b = 6;
  check_moments(values, (a + b + c) / 3, (a * a + b * b + c * c - a * b - a * c - b * c) / 18);
  check_quantiles(values, param);
}

TEST_CASE("PERT draws match beta-PERT with lambda 4", "[sampling]") {
  for (const auto& [low, mode, high] : std::vector<std::tuple<double, double, double>>{
           {0, 0.6, 1}, {10, 12, 30}, {0, 0, 1}, {0, 1, 1}, {0, 0.5, 1}}) {
    const Param param = make_param(DistributionKind::pert, low, mode, high);
    const auto values = draws_of(param);
    const double mean = (low + 4 * mode + high) / 6;
    INFO("pert [" << low << ", " << mode << ", " << high << "]");
    check_moments(values, mean, (mean - low) * (high - mean) / 7);
    check_quantiles(values, param);
  }
}

TEST_CASE("lognormal draws reproduce their calibrated 90 % interval", "[sampling]") {
  const Param param = make_param(DistributionKind::lognormal, 4, 0, 9);
  const auto values = draws_of(param);
  const double mu = std::log(6.0);
  const double sigma = std::log(9.0 / 4.0) / (2 * 1.6448536269514722);
  check_moments(values, std::exp(mu + sigma * sigma / 2),
                (std::exp(sigma * sigma) - 1) * std::exp(2 * mu + sigma * sigma));
  check_quantiles(values, param);
}

TEST_CASE("streams depend only on seed, draw and input", "[sampling]") {
  RandomStream a(7, 123, 4);
  RandomStream b(7, 123, 4);
  RandomStream c(8, 123, 4);
  const double first = a.uniform();
  CHECK(first == b.uniform());
  CHECK(first != c.uniform());
  CHECK(first > 0);
  CHECK(first < 1);
}

TEST_CASE("a uniform revenue gives a uniform loss", "[sampling]") {
  // Static, d = 1, D = 1 h: the net loss is the revenue, U(100, 200).
  const Scenario scenario = scenario_from(R"(
[model]
kind = "static"
[outage]
duration = 1
[[segment]]
id = "shop"
revenue = { uniform = [100, 200] }
dependency = 1
)");
  SamplingOptions options;
  options.samples = kDraws;
  options.threads = 2;
  const Estimate estimate = estimate_with_uncertainty(prepare_or_throw(scenario), options);
  const LossStats& stats = *estimate.total.stats;
  const double n = kDraws;
  CHECK(std::fabs(stats.mean - 150.0) < kStandardErrors * (100.0 / std::sqrt(12.0)) / std::sqrt(n));
  // A quantile of U(100, 200) has standard error 100 sqrt(p (1 - p) / n) (density 1/100).
  CHECK(std::fabs(stats.p5 - 105.0) < kStandardErrors * 100.0 * std::sqrt(0.05 * 0.95 / n));
  CHECK(std::fabs(stats.p50 - 150.0) < kStandardErrors * 100.0 * std::sqrt(0.25 / n));
  CHECK(std::fabs(stats.p95 - 195.0) < kStandardErrors * 100.0 * std::sqrt(0.05 * 0.95 / n));
  CHECK(stats.stddev == Approx(100.0 / std::sqrt(12.0)).epsilon(0.02));
  // The point estimate of a linear model with symmetric inputs is the mean.
  CHECK(std::fabs(estimate.total.net_loss - stats.mean) < kStandardErrors * 29.0 / std::sqrt(n));
}

TEST_CASE("draws are identical whatever the number of threads", "[sampling]") {
  const Scenario scenario = scenario_from(R"(
[outage]
duration = { triangular = ["1h", "2h", "4h"] }
severity = { pert = [0.5, 0.9, 1.0] }
[[segment]]
id = "a"
revenue = { lognormal = [100, 400] }
dependency = { uniform = [0.2, 0.8] }
recovery = { uniform = ["10m", "2h"] }
[[segment]]
id = "b"
revenue = 50
dependency = 0.1
deferred = { pert = [0, 0.3, 0.9] }
[[link]]
segment = "b"
depends_on = "a"
share = { uniform = [0.1, 0.5] }
)");
  SamplingOptions options;
  options.samples = 5000;
  options.seed = 99;
  options.threads = 1;
  const SampledLosses one = sample_net_losses(prepare_or_throw(scenario), options);
  for (int threads : {2, 3, 8}) {
    options.threads = threads;
    CHECK(sample_net_losses(prepare_or_throw(scenario), options).net == one.net);
  }
  options.seed = 100;
  CHECK(sample_net_losses(prepare_or_throw(scenario), options).net != one.net);
}

TEST_CASE("the fast linear path agrees with full solves", "[sampling]") {
  const std::string base = R"(
[outage]
duration = "2h"
start = 2024-03-05T15:00:00Z
severity = { pert = [0.5, 0.9, 1.0] }
[[outage.phase]]
after = "1h"
severity = { uniform = [0.1, 0.4] }
[[segment]]
id = "a"
revenue = { lognormal = [100, 400] }
dependency = { uniform = [0.2, 0.8] }
deferred = { pert = [0, 0.3, 0.9] }
recovery = "30m"
[[segment]]
id = "b"
revenue = 50
dependency = 0.1
recovery = RECOVERY
[[link]]
segment = "b"
depends_on = "a"
share = 0.4
)";
  std::string fast_text = base;
  fast_text.replace(fast_text.find("RECOVERY"), 8, "\"3h\"");
  // Every structural input is fixed, so draws take the linear fast path; compare them with
  // full solves of the same drawn values.
  const Scenario scenario = scenario_from(fast_text);
  SamplingOptions options;
  options.samples = 50;
  options.threads = 1;
  options.keep_inputs = true;
  const SampledLosses sampled = sample_net_losses(prepare_or_throw(scenario), options);
  REQUIRE(sampled.fast_path);
  // Re-evaluate a few draws through solve_losses with the exported input values, applied by
  // name; each value must be the one its own stream (seed, draw, table position) gives.
  const InputTable table(scenario);
  REQUIRE(sampled.input_names.size() == 5);  // the uncertain ones
  for (std::int64_t draw : {0, 17, 49}) {
    ModelInputs inputs = central_inputs(scenario);
    for (std::size_t c = 0; c < sampled.input_names.size(); ++c) {
      const std::size_t k = table.find(sampled.input_names[c]);
      REQUIRE(k < table.size());
      const double value = sampled.inputs[c * 50 + static_cast<std::size_t>(draw)];
      RandomStream stream(options.seed, static_cast<std::uint64_t>(draw),
                          static_cast<std::uint32_t>(k));
      CHECK(value == Sampler(*table[k].param, table[k].domain()).draw(stream));
      table.apply(k, value, inputs);
    }
    const SegmentLosses losses = solve_losses(inputs);
    CHECK(sampled.segment(0)[draw] == Approx(losses.net[0]).epsilon(1e-12));
    CHECK(sampled.segment(1)[draw] == Approx(losses.net[1]).epsilon(1e-12));
    CHECK(sampled.total()[draw] == Approx(losses.net.sum()).epsilon(1e-12));
  }
}

TEST_CASE("a distribution that leaves its domain is truncated, never a failing draw",
          "[sampling]") {
  // lognormal [0.3, 0.9]: P(X > 1) = 1 - Phi((ln 1 - mu) / sigma) with mu = ln(0.3 * 0.9) / 2,
  // sigma = ln(3) / (2 * 1.6448536): z = 1.9599, about 2.5 %.
  const Scenario scenario = scenario_from(R"(
[outage]
duration = 1
[[segment]]
id = "shop"
revenue = 100
dependency = { lognormal = [0.3, 0.9] }
)");
  REQUIRE(check_inputs(scenario));
  const InputTable table(scenario);
  const Input& dependency = table[table.find("segment.shop.dependency")];
  CHECK(dependency.is_truncated());
  CHECK(dependency.probability_cut_off() == Approx(0.025).margin(2e-4));
  const auto remarks = input_remarks(scenario);
  REQUIRE(remarks.size() == 1);
  CHECK_THAT(remarks[0], Catch::Contains("segment.shop.dependency") && Catch::Contains("2.5"));
  SamplingOptions options;
  options.samples = 20000;
  options.threads = 2;
  options.keep_inputs = true;
  const SampledLosses two = sample_net_losses(prepare_or_throw(scenario), options);
  std::size_t at_top = 0;
  for (const double value : two.inputs) {
    CHECK((value >= 0 && value <= 1));
    at_top += value > 0.95;
  }
  // The truncated distribution: P(X > 0.95 | X <= 1) = (F(1) - F(0.95)) / F(1).
  const Param& param = *dependency.param;
  const double expected = (param.cdf(1) - param.cdf(0.95)) / param.cdf(1) * 20000;
  CHECK(static_cast<double>(at_top) == Approx(expected).margin(4 * std::sqrt(expected)));
  options.threads = 1;
  CHECK(sample_net_losses(prepare_or_throw(scenario), options).net == two.net);
}

TEST_CASE("a distribution mostly outside its domain is refused by the check", "[sampling]") {
  const Scenario scenario = parse_scenario(R"(
[outage]
duration = 1
[[segment]]
id = "shop"
revenue = 100
dependency = { triangular = [0.2, 0.9, 3.0] }  # P(X > 1) = 2^2 / (2.8 * 2.1)
)",
                                           "test.toml");
  const auto checked = check_inputs(scenario);
  REQUIRE_FALSE(checked);
  CHECK_THAT(checked.error().what(),
             Catch::Contains("segment.shop.dependency") && Catch::Contains("68.0% of its"));
}

TEST_CASE("a sample too large for memory is refused before allocating", "[sampling]") {
  const Scenario scenario = scenario_from(
      "[outage]\nduration = 1\n[[segment]]\nid = \"a\"\nrevenue = 1\ndependency = 1\n");
  SamplingOptions options;
  options.samples = 1'000'000'000'000;
  CHECK_THROWS_WITH(sample_net_losses(prepare_or_throw(scenario), options),
                    Catch::Contains("use fewer draws"));
}

TEST_CASE("percentiles interpolate between order statistics", "[sampling]") {
  std::vector<double> values = {5, 1, 4, 2, 3};
  const LossStats stats = summarize_losses(values, {25, 99});
  CHECK(stats.mean == 3.0);
  CHECK(stats.p50 == 3.0);
  CHECK(stats.p5 == Approx(1.2));
  CHECK(stats.p95 == Approx(4.8));
  CHECK(stats.stddev == Approx(std::sqrt(2.5)));
  CHECK(stats.extra_percentiles[0].second == Approx(2.0));
  CHECK(stats.extra_percentiles[1].second == Approx(4.96));
}

TEST_CASE("percentiles come with their Monte Carlo standard errors", "[sampling]") {
  // For N draws of U(0, 1) the p-quantile's standard error is sqrt(p (1 - p) / N) (the density
  // is 1); the order-statistic estimate must agree to a few per cent.
  const std::size_t count = 200000;
  std::vector<double> values(count);
  for (std::size_t j = 0; j < count; ++j) {
    RandomStream stream(7, j, 0);
    values[j] = stream.uniform();
  }
  const LossStats stats = summarize_losses(values, {});
  const auto expected = [&](double p) { return std::sqrt(p * (1 - p) / count); };
  CHECK(stats.p5_stderr == Approx(expected(0.05)).epsilon(0.1));
  CHECK(stats.p50_stderr == Approx(expected(0.5)).epsilon(0.1));
  CHECK(stats.p95_stderr == Approx(expected(0.95)).epsilon(0.1));
  CHECK(stats.mean_stderr == Approx(std::sqrt(1.0 / 12 / count)).epsilon(0.01));
}

TEST_CASE("samples auto draws until the total's percentiles are known to the target",
          "[sampling]") {
  const Scenario scenario = scenario_from(R"(
[outage]
duration = { uniform = ["1h", "3h"] }
[[segment]]
id = "shop"
revenue = { lognormal = [50, 500] }
dependency = 0.5
)");
  SamplingOptions options;
  options.threads = 2;
  const Estimate estimate = estimate_to_precision(prepare_or_throw(scenario), options, 0.005);
  const LossStats& total = *estimate.total.stats;
  CHECK(estimate.samples > kHeadlineSamples);
  CHECK(total.p5_stderr <= 0.005 * total.p5);
  CHECK(total.p50_stderr <= 0.005 * total.p50);
  CHECK(total.p95_stderr <= 0.005 * total.p95);
  CHECK(estimate.warnings.empty());
  // The same draws as a run of that many: draw j depends only on (seed, j).
  options.samples = estimate.samples;
  CHECK(estimate_with_uncertainty(prepare_or_throw(scenario), options).total.stats->p95 ==
        total.p95);
}
