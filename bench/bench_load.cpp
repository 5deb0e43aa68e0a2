// Where loading and checking a large scenario spends its time: toml++'s parse
// alone, the whole reader (parse + scenario), check_inputs (whose largest part is the spectral
// radius), the spectral radius alone, the central inputs, and the static or dynamic estimate.
// Usage: bench_load SCENARIO.toml [REPETITIONS]
#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdlib>

#include "bench_timing.hpp"
#include "model/estimate/estimate.hpp"
#include "model/iim/inoperability.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;

namespace {

void report(const std::string& name, const bench::Timing& timing) {
  fmt::print("{:<34} median={:.4f}s min={:.4f}s max={:.4f}s\n", name, timing.median_seconds,
             timing.min_seconds, timing.max_seconds);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: bench_load SCENARIO.toml [REPETITIONS]\n");
    return 2;
  }
  const std::string path = argv[1];
  const int repetitions = argc > 2 ? std::atoi(argv[2]) : 3;
  report("toml++ parse_file", bench::time_repeated(repetitions, [&] {
           const toml::table table = toml::parse_file(path);
           if (table.empty()) std::abort();
         }));
  Scenario scenario;
  report("load_scenario (parse + read)",
         bench::time_repeated(repetitions, [&] { scenario = load_scenario(path, {}); }));
  report("check_inputs", bench::time_repeated(repetitions, [&] {
           if (!check_inputs(scenario)) std::abort();
         }));
  Matrix links;
  report("central_interdependency",
         bench::time_repeated(repetitions, [&] { links = central_interdependency(scenario); }));
  double radius = 0;
  report("spectral_radius (dense A*)",
         bench::time_repeated(repetitions, [&] { radius = spectral_radius(links); }));
  report("central_spectral_radius (links)", bench::time_repeated(repetitions, [&] {
           radius = central_spectral_radius(scenario).radius;
         }));
  ModelInputs inputs;
  report("central_inputs",
         bench::time_repeated(repetitions, [&] { inputs = central_inputs(scenario); }));
  double total = 0;
  report("solve_losses",
         bench::time_repeated(repetitions, [&] { total = solve_losses(inputs).net.sum(); }));
  fmt::print("{} segments, {} links, spectral radius {:.6g}, net loss {:.10g}\n",
             scenario.segments.size(), scenario.links.size(), radius, total);
  return 0;
}
