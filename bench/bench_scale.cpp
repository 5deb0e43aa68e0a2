// Times large estimates: a synthetic n-segment static estimate (compare with
// bench/numpy_solve.py on the same matrix), a dynamic one with flat profiles and with a weekly
// profile, plus the 71-industry BEA table (tests/data/bea).
// Usage: bench_scale [STATIC_N] [DYNAMIC_N] [REPETITIONS]
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "bench_timing.hpp"
#include "model/estimate/estimate.hpp"
#include "model/iim/inoperability.hpp"
#include "model/io_tables/io_table.hpp"

using namespace outage;

namespace {

// The synthetic matrix of bench/numpy_solve.py: w_ij = ((31 i + 17 j) mod 101) / 100, rows
// scaled to sum to 0.5; d_i = ((7 i) mod 10) / 10.
ModelInputs synthetic(Eigen::Index n, ModelKind model) {
  ModelInputs inputs;
  inputs.interdependency.resize(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      inputs.interdependency(i, j) = static_cast<double>((31 * i + 17 * j) % 101) / 100.0;
    }
    inputs.interdependency.row(i) *= 0.5 / inputs.interdependency.row(i).sum();
  }
  inputs.dependency.resize(n);
  for (Eigen::Index i = 0; i < n; ++i)
    inputs.dependency[i] = static_cast<double>((7 * i) % 10) / 10.0;
  inputs.revenue_per_hour = Vector::Constant(n, 1000.0);
  inputs.deferred = Vector::Zero(n);
  inputs.recovery_hours = Vector::Constant(n, 2.0);
  inputs.duration_hours = 2.0;
  inputs.phases = {{0.0, 1.0}};
  inputs.model = model;
  inputs.profiles.assign(static_cast<std::size_t>(n), nullptr);
  inputs.profile_utc_offset_hours.assign(static_cast<std::size_t>(n), 0.0);
  return inputs;
}

void report(const std::string& name, const bench::Timing& timing, double checksum) {
  fmt::print("{:<28} median={:.4f}s min={:.4f}s max={:.4f}s (checksum {:.10g})\n", name,
             timing.median_seconds, timing.min_seconds, timing.max_seconds, checksum);
}

}  // namespace

int main(int argc, char** argv) {
  const Eigen::Index static_n = argc > 1 ? std::atol(argv[1]) : 4000;
  const Eigen::Index dynamic_n = argc > 2 ? std::atol(argv[2]) : 2000;
  const int repetitions = argc > 3 ? std::atoi(argv[3]) : 3;
  double checksum = 0;

  const std::string bea = std::string(OUTAGE_IMPACT_TEST_DATA_DIR) + "/bea/use_71_2021.csv";
  if (std::filesystem::exists(bea)) {
    IoTableOptions options;
    options.output_row = "Total industry output (basic prices)";
    options.end_column = "T001";
    options.rows_by_position = true;
    options.scale = 1e6;
    // Read the table, derive A*, and solve the dynamic model with every industry at d = 0.1.
    const auto timing = bench::time_repeated(repetitions * 10, [&] {
      const IoTable table = read_io_table(bea, options, Location{});
      ModelInputs inputs = synthetic(71, ModelKind::dynamic_model);
      inputs.interdependency = interdependency_from_io(table);
      inputs.revenue_per_hour = table.output / kHoursPerYear;
      inputs.dependency = Vector::Constant(71, 0.1);
      if (!(spectral_radius(inputs.interdependency) < 1)) std::abort();
      checksum = solve_losses(inputs).net.sum();
    });
    report("71 industries: read+solve", timing, checksum);
  } else {
    fmt::print("71 industries: skipped ({} not found)\n", bea);
  }

  for (const auto& [n, model, name] :
       {std::tuple{static_n, ModelKind::static_model, "static"},
        std::tuple{dynamic_n, ModelKind::dynamic_model, "dynamic"}}) {
    const ModelInputs inputs = synthetic(n, model);
    const auto timing =
        bench::time_repeated(repetitions, [&] { checksum = solve_losses(inputs).net.sum(); });
    report(fmt::format("{} n={} solve_losses", name, n), timing, checksum);
  }
  {
    // The dynamic case with one weekly profile on every segment and a start at a fractional
    // hour: the recovery is integrated hour by hour.
    ModelInputs inputs = synthetic(dynamic_n, ModelKind::dynamic_model);
    std::vector<double> weekly(kHoursPerWeek);
    for (int h = 0; h < kHoursPerWeek; ++h)
      weekly[h] = 1.0 + 0.5 * std::sin(6.283185307179586 * h / 24);
    inputs.profiles.assign(static_cast<std::size_t>(dynamic_n), &weekly);
    inputs.start_hour_of_week = 40.4;
    const auto timing =
        bench::time_repeated(repetitions, [&] { checksum = solve_losses(inputs).net.sum(); });
    report(fmt::format("dynamic n={} profile", dynamic_n), timing, checksum);
  }
  const ModelInputs inputs = synthetic(static_n, ModelKind::static_model);
  const auto timing = bench::time_repeated(
      repetitions, [&] { checksum = spectral_radius(inputs.interdependency); });
  report(fmt::format("spectral radius n={}", static_n), timing, checksum);
  return 0;
}
