// Nanoseconds per value of each sampler of sampling.hpp (Google Benchmark), with the default
// preset's shapes: the stream itself (Philox4x32-10 per input and draw), then each draw as an
// inverse CDF of one uniform (uniform, triangular, beta-PERT and lognormal through a
// QuantileTable), the correlated inputs' path from a normal, and the exact quantiles the
// tables are built from (Boost's, and the BetaQuantile Newton table).
// Usage: bench_samplers [--benchmark_filter=REGEX]
#include <benchmark/benchmark.h>

#include <memory>
#include <optional>
#include <vector>

#include "model/stats/beta_quantile.hpp"
#include "model/stats/quantile_table.hpp"
#include "model/stats/sampling.hpp"

using namespace outage;

namespace {

Param param(DistributionKind kind, double low, double mode, double high) {
  Param p;
  p.kind = kind;
  p.low = low;
  p.mode = mode;
  p.high = high;
  return p;
}

void draw_values(benchmark::State& state, const Param& p) {
  const Sampler sampler(p);
  std::uint64_t draw = 0;
  for (auto _ : state) {
    RandomStream stream(20240305, draw++, 7);
    benchmark::DoNotOptimize(sampler.draw(stream));
  }
}

// A golden-ratio sequence of probabilities: every cell of a table, no random-number cost.
template <typename F>
void over_probabilities(benchmark::State& state, F&& f) {
  double u = 0.000123;
  for (auto _ : state) {
    u += 0.6180339887498949;
    if (u >= 1) u -= 1;
    benchmark::DoNotOptimize(f(u));
  }
}

const Param kPert = param(DistributionKind::pert, 0.3, 0.5, 0.8);
const Param kTriangular = param(DistributionKind::triangular, 0.5, 1.0, 3.0);
const Param kLognormal = param(DistributionKind::lognormal, 1.6e10, 3.8e10, 3.8e10);
const Param kUniform = param(DistributionKind::uniform, 0.3, 0.5, 0.8);

void BM_stream_uniform(benchmark::State& state) {
  std::uint64_t draw = 0;
  for (auto _ : state) {
    RandomStream stream(20240305, draw++, 7);
    benchmark::DoNotOptimize(stream.uniform());
  }
}
void BM_uniform(benchmark::State& state) {
  draw_values(state, kUniform);
}
void BM_triangular(benchmark::State& state) {
  draw_values(state, kTriangular);
}
void BM_pert(benchmark::State& state) {
  draw_values(state, kPert);
}
void BM_lognormal(benchmark::State& state) {
  draw_values(state, kLognormal);
}
// As Monte Carlo draws them (InputSampler::draw_block): 128 draws' uniforms, then (with a
// parameter) their quantiles in one loop; the time is per value.
void draw_block(benchmark::State& state, const Param* p) {
  const std::optional<Sampler> sampler = p ? std::optional<Sampler>(*p) : std::nullopt;
  std::vector<double> values(128);
  std::uint64_t first = 0;
  for (auto _ : state) {
    first_uniforms(20240305, first, 7, values.size(), values.data());
    if (sampler) sampler->from_uniforms(values.data(), values.size());
    benchmark::DoNotOptimize(values.data());
    first += values.size();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(values.size()));
}
void BM_block_uniforms_only(benchmark::State& state) {
  draw_block(state, nullptr);
}
void BM_block_triangular(benchmark::State& state) {
  draw_block(state, &kTriangular);
}
void BM_block_pert(benchmark::State& state) {
  draw_block(state, &kPert);
}
void BM_block_lognormal(benchmark::State& state) {
  draw_block(state, &kLognormal);
}
void BM_pert_from_normal(benchmark::State& state) {
  const Sampler sampler(kPert);
  over_probabilities(state, [&](double u) { return sampler.from_normal(6 * u - 3); });
}
void BM_normal_quantile_table(benchmark::State& state) {
  const QuantileTable& table = normal_quantile_table();
  over_probabilities(state, [&](double u) { return table(u); });
}
void BM_pert_quantile_boost(benchmark::State& state) {
  over_probabilities(state, [](double u) { return kPert.quantile(u); });
}
void BM_pert_quantile_newton(benchmark::State& state) {
  const BetaQuantile exact(2.6, 3.4);
  over_probabilities(state, [&](double u) { return exact(u); });
}
void BM_pert_table_build(benchmark::State& state) {
  for (auto _ : state) {
    const auto exact = std::make_shared<const BetaQuantile>(2.6, 3.4);
    benchmark::DoNotOptimize(QuantileTable([&](double p) { return (*exact)(p); },
                                           [&](double v) { return exact->complement(v); }));
  }
}

}  // namespace

BENCHMARK(BM_stream_uniform);
BENCHMARK(BM_uniform);
BENCHMARK(BM_triangular);
BENCHMARK(BM_pert);
BENCHMARK(BM_lognormal);
BENCHMARK(BM_block_uniforms_only);
BENCHMARK(BM_block_triangular);
BENCHMARK(BM_block_pert);
BENCHMARK(BM_block_lognormal);
BENCHMARK(BM_pert_from_normal);
BENCHMARK(BM_normal_quantile_table);
BENCHMARK(BM_pert_quantile_boost);
BENCHMARK(BM_pert_quantile_newton);
BENCHMARK(BM_pert_table_build)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
