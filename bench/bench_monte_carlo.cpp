// Times Monte Carlo estimates of the default preset, scenario loaded:
//  - "linear": revenues, dependencies and deferred shares uncertain (the linear path), the
//    duration, recovery times and link shares fixed as bench/numpy_monte_carlo.py fixes them;
//  - "full": the preset as shipped, duration, recovery times and link shares drawn too (the
//    closed-form path of draw_evaluator).
// Usage: bench_monte_carlo [DRAWS] [THREADS] [REPETITIONS]
#include <fmt/format.h>

#include <cstdlib>

#include "bench_timing.hpp"
#include "model/estimate/monte_carlo.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;

int main(int argc, char** argv) {
  const std::int64_t draws = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  const int repetitions = argc > 3 ? std::atoi(argv[3]) : 5;
  // As bench/numpy_monte_carlo.py and bench/cli_monte_carlo.sh.
  std::vector<Override> fix_structure = {{"outage.duration", "\"1h55m\"", "--set"}};
  for (const char* id : {"meta_ads", "instagram_ads", "advertisers", "social_sellers_americas",
                         "social_sellers_asia", "social_sellers_europe_other", "delivery_payments",
                         "users_surplus"}) {
    fix_structure.push_back({fmt::format("segment.{}.recovery", id), "\"1h\"", "--set"});
  }
  for (const char* seller : {"americas", "asia", "europe_other"}) {
    fix_structure.push_back(
        {fmt::format("link.delivery_payments.social_sellers_{}", seller), "0.3", "--set"});
  }
  for (const auto& [name, overrides] :
       {std::pair{"linear", fix_structure}, std::pair{"full", std::vector<Override>{}}}) {
    const Scenario scenario = load_scenario("meta-2024-03-05", overrides);
    require_valid_inputs(scenario);
    SamplingOptions options;
    options.samples = draws;
    options.threads = threads;
    double checksum = 0;
    const auto timing = bench::time_repeated(repetitions, [&] {
      const Estimate estimate = estimate_with_uncertainty(scenario, options);
      checksum += estimate.total.stats->mean;
    });
    fmt::print(
        "{:<7} draws={} threads={} median={:.3f}s min={:.3f}s max={:.3f}s rate={:.0f} draws/s"
        " (checksum {:.6g})\n",
        name, draws, threads, timing.median_seconds, timing.min_seconds, timing.max_seconds,
        static_cast<double>(draws) / timing.median_seconds, checksum / repetitions);
  }
  return 0;
}
