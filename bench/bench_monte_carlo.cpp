// Times Monte Carlo estimates of the default preset (issue 3's targets):
//  - "linear": revenues, dependencies, deferred shares and severity uncertain (the fast path);
//  - "flat": the same with flat profiles, as bench/numpy_monte_carlo.py models it;
//  - "full": duration, recovery times and link shares uncertain too (a solve per draw).
// Usage: bench_monte_carlo [DRAWS] [THREADS] [REPETITIONS]
#include <fmt/format.h>

#include <cstdlib>

#include "bench_timing.hpp"
#include "model/inputs.hpp"
#include "model/monte_carlo.hpp"
#include "model/scenario_loader.hpp"

using namespace outage;

int main(int argc, char** argv) {
  const std::int64_t draws = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  const int repetitions = argc > 3 ? std::atoi(argv[3]) : 5;
  const std::vector<Override> fix_structure = {
      {"outage.duration", "\"2h\"", "--set"},
      {"segment.meta_ads.recovery", "\"30m\"", "--set"},
      {"segment.advertisers.recovery", "\"1h\"", "--set"},
      {"segment.social_sellers.recovery", "\"1h\"", "--set"},
      {"segment.delivery_payments.recovery", "\"4h\"", "--set"},
      {"link.delivery_payments.social_sellers", "0.9", "--set"}};
  // The numpy comparison (bench/numpy_monte_carlo.py) models flat profiles.
  std::vector<Override> flat = fix_structure;
  for (const char* id : {"meta_ads", "advertisers", "social_sellers", "delivery_payments"}) {
    flat.push_back({fmt::format("segment.{}.profile", id), "\"flat\"", "--set"});
  }
  for (const auto& [name, overrides] : {std::pair{"linear", fix_structure}, std::pair{"flat", flat},
                                        std::pair{"full", std::vector<Override>{}}}) {
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
