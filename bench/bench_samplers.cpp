// Nanoseconds per value of each sampler of sampling.hpp (Google Benchmark), with the default
// preset's shapes: the stream itself (Philox4x32-10 per input and draw), uniform, triangular,
// beta-PERT by Cheng's BB (independent inputs), lognormal by Box-Muller, and the quantiles that
// correlated inputs use (the BetaQuantile table against Boost's quantile, lognormal).
// Usage: bench_samplers [--benchmark_filter=REGEX]
#include <benchmark/benchmark.h>

#include <boost/math/distributions/beta.hpp>

#include "model/beta_quantile.hpp"
#include "model/sampling.hpp"

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

void from_uniform(benchmark::State& state, const Param& p, bool table) {
  Sampler sampler(p);
  if (table) sampler.prepare_quantiles();
  double u = 0.000123;
  for (auto _ : state) {
    u += 0.6180339887498949;
    if (u >= 1) u -= 1;
    benchmark::DoNotOptimize(sampler.from_uniform(u));
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
void BM_pert_cheng_bb(benchmark::State& state) {
  draw_values(state, kPert);
}
void BM_lognormal_box_muller(benchmark::State& state) {
  draw_values(state, kLognormal);
}
void BM_pert_quantile_boost(benchmark::State& state) {
  from_uniform(state, kPert, false);
}
void BM_pert_quantile_table(benchmark::State& state) {
  from_uniform(state, kPert, true);
}
void BM_lognormal_quantile_boost(benchmark::State& state) {
  from_uniform(state, kLognormal, false);
}
void BM_lognormal_quantile_double(benchmark::State& state) {
  from_uniform(state, kLognormal, true);
}
void BM_beta_quantile_table_build(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(BetaQuantile(2.6, 3.4));
}

}  // namespace

BENCHMARK(BM_stream_uniform);
BENCHMARK(BM_uniform);
BENCHMARK(BM_triangular);
BENCHMARK(BM_pert_cheng_bb);
BENCHMARK(BM_lognormal_box_muller);
BENCHMARK(BM_pert_quantile_boost);
BENCHMARK(BM_pert_quantile_table);
BENCHMARK(BM_lognormal_quantile_boost);
BENCHMARK(BM_lognormal_quantile_double);
BENCHMARK(BM_beta_quantile_table_build)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
