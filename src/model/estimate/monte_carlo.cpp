#include "model/estimate/monte_carlo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

#include "model/estimate/draw_evaluator.hpp"
#include "model/estimate/value_added.hpp"
#include "model/scenario/inputs.hpp"
#include "model/stats/order_statistics.hpp"
#include "util/huge_pages.hpp"
#include "util/parallel.hpp"

namespace outage {
namespace {

constexpr std::size_t kMaxSamplingBytes = std::size_t{4} << 30;
constexpr std::int64_t kChunkDraws = 1024;
// Draws whose inputs are sampled together (their columns stay in the first-level caches).
constexpr std::int64_t kBlockDraws = 128;

// The rank below and the weight of the rank above of percentile `percent` of `count` values:
// linear interpolation between order statistics (numpy's default).
std::pair<std::size_t, double> percentile_position(double percent, std::size_t count) {
  const double position = percent / 100.0 * static_cast<double>(count - 1);
  const auto lower = static_cast<std::size_t>(std::floor(position));
  return {lower, position - static_cast<double>(lower)};
}

}  // namespace

std::size_t sampling_memory_bytes(const Scenario& scenario, std::int64_t samples) {
  const std::size_t blocks = scenario.covers.empty() ? 1 : 2;  // net, and insured with covers
  return blocks * static_cast<std::size_t>(samples) * (scenario.segments.size() + 1) *
         sizeof(double);
}

namespace {

void check_sampling_memory(const Scenario& scenario, std::int64_t samples, std::size_t columns) {
  const std::size_t n = scenario.segments.size();
  // Bytes per draw (the losses, and the kept inputs), compared before multiplying: no overflow.
  const std::size_t per_draw = sampling_memory_bytes(scenario, 1) + columns * sizeof(double);
  const double bytes = static_cast<double>(per_draw) * static_cast<double>(samples);
  if (samples <= 0 || static_cast<std::uint64_t>(samples) > kMaxSamplingBytes / per_draw) {
    throw Error(
        Location{"--samples", 0, 0},
        fmt::format("{} draws of {} segments need {:.3g} GiB, over the limit of {} GiB: "
                    "use fewer draws",
                    samples, n, static_cast<double>(bytes) / (1 << 30), kMaxSamplingBytes >> 30));
  }
}

}  // namespace

namespace {

// The draws of one sample_net_losses run, a chunk of kChunkDraws at a time on run_chunks'
// threads, each writing its own draws' columns (and its chunk's value-added sums).
class DrawChunks {
 public:
  DrawChunks(const PreparedScenario& prepared, const DrawEvaluator& evaluator,
             const std::vector<std::size_t>& kept_inputs, int threads, SampledLosses& result)
      : m_evaluator(evaluator),
        m_kept_inputs(kept_inputs),
        m_rollup(prepared.rollup()),
        m_covered(!prepared.scenario().covers.empty()),
        m_segments(prepared.scenario().segments.size()),
        m_count(static_cast<std::size_t>(result.samples)),
        m_result(result),
        m_value_added(static_cast<std::size_t>(chunks()) * (m_segments + 1), 0.0),
        m_scratches(chunk_workers(threads)) {}

  std::int64_t chunks() const { return (m_result.samples + kChunkDraws - 1) / kChunkDraws; }
  // Value added per chunk (segments, then the total), reduced in chunk order later.
  const std::vector<double>& value_added() const { return m_value_added; }

  void produce(std::int64_t chunk, std::size_t worker) {
    if (!m_scratches[worker]) {
      m_scratches[worker].emplace(
          WorkerScratch{m_evaluator.scratch(), Vector(static_cast<Eigen::Index>(m_segments)), {}});
    }
    WorkerScratch& scratch = *m_scratches[worker];
    const std::vector<std::size_t>& uncertain = m_evaluator.sampler().uncertain();
    const std::int64_t begin = chunk * kChunkDraws;
    const std::int64_t end = std::min(m_result.samples, begin + kChunkDraws);
    std::size_t block_size = 0;
    for (std::int64_t draw = begin; draw < end; ++draw) {
      // The inputs of kBlockDraws draws at a time (InputSampler::draw_block).
      const auto in_block = static_cast<std::size_t>((draw - begin) % kBlockDraws);
      if (in_block == 0) {
        block_size = static_cast<std::size_t>(std::min(kBlockDraws, end - draw));
        m_evaluator.sampler().draw_block(static_cast<std::uint64_t>(draw), block_size,
                                         scratch.block);
      }
      for (std::size_t m = 0; m < uncertain.size(); ++m) {
        scratch.draw.values[uncertain[m]] = scratch.block[m * block_size + in_block];
      }
      m_evaluator.evaluate_drawn(scratch.draw, scratch.net);
      record(static_cast<std::size_t>(draw), static_cast<std::size_t>(chunk), scratch);
    }
  }

 private:
  struct WorkerScratch {
    DrawScratch draw;
    Vector net;
    std::vector<double> block;
  };

  // Draw j's losses (the market total: model/scenario/rollup.hpp), insured losses and kept inputs.
  void record(std::size_t j, std::size_t chunk, WorkerScratch& scratch) {
    const Vector& net = scratch.net;
    double total = 0;
    for (std::size_t i = 0; i < m_segments; ++i) {
      const double value = net[static_cast<Eigen::Index>(i)];
      m_result.net[i * m_count + j] = value;
      if (!m_rollup.is_welfare(i)) total += value;
    }
    add_draw_value_added(scratch.draw.inputs.value_added_share, net,
                         m_value_added.data() + chunk * (m_segments + 1));
    m_result.net[m_segments * m_count + j] = total;
    if (m_covered) {
      m_evaluator.insure(scratch.draw, net);
      double insured = 0;
      for (std::size_t i = 0; i < m_segments; ++i) {
        m_result.insured[i * m_count + j] = scratch.draw.insured[static_cast<Eigen::Index>(i)];
        insured += scratch.draw.insured[static_cast<Eigen::Index>(i)];
      }
      m_result.insured[m_segments * m_count + j] = insured;
    }
    for (std::size_t c = 0; c < m_kept_inputs.size(); ++c) {
      m_result.inputs[c * m_count + j] = scratch.draw.values[m_kept_inputs[c]];
    }
  }

  const DrawEvaluator& m_evaluator;
  const std::vector<std::size_t>& m_kept_inputs;
  const Rollup& m_rollup;
  const bool m_covered;
  const std::size_t m_segments;
  const std::size_t m_count;
  SampledLosses& m_result;
  std::vector<double> m_value_added;
  std::vector<std::optional<WorkerScratch>> m_scratches;  // per worker, made on its first chunk
};

}  // namespace

SampledLosses sample_net_losses(const PreparedScenario& prepared, const SamplingOptions& options) {
  const Scenario& scenario = prepared.scenario();
  const std::int64_t samples = options.samples;
  const std::size_t n = scenario.segments.size();
  const InputTable& table = prepared.table();
  const DrawEvaluator evaluator(prepared, options.seed, options.streams);
  const std::vector<std::size_t> kept_inputs =
      options.keep_inputs ? evaluator.sampler().uncertain() : std::vector<std::size_t>{};
  check_sampling_memory(scenario, samples, kept_inputs.size());
  SampledLosses result;
  result.samples = samples;
  result.segments = n;
  result.fast_path = evaluator.is_fast();
  result.closed_form_path =
      evaluator.path() == PricingPlan::closed_form || evaluator.path() == PricingPlan::drawn;
  result.flat_path = evaluator.path() == PricingPlan::flat;
  assign_large(result.net, (n + 1) * static_cast<std::size_t>(samples), 0.0);
  if (!scenario.covers.empty()) assign_large(result.insured, result.net.size(), 0.0);
  for (const std::size_t k : kept_inputs) result.input_names.push_back(table[k].name);
  assign_large(result.inputs, kept_inputs.size() * static_cast<std::size_t>(samples), 0.0);

  DrawChunks draws(prepared, evaluator, kept_inputs, options.threads, result);
  std::function<void(std::int64_t)> progress;
  if (options.progress) {
    progress = [&](std::int64_t chunks_done) {
      options.progress(std::min(chunks_done * kChunkDraws, samples), samples);
    };
  }
  const auto start = std::chrono::steady_clock::now();
  run_chunks(
      {draws.chunks(), options.threads, 0},
      [&](std::int64_t chunk, std::size_t worker) { draws.produce(chunk, worker); }, {}, progress);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.value_added_mean = mean_value_added(scenario, draws.value_added(), samples);
  return result;
}

namespace {

// The sum, smallest and largest of some values.
struct SumAndRange {
  double sum = 0;
  double min = 0;
  double max = 0;
};

// The sum, minimum and maximum of `size` > 0 values, in one pass.
SumAndRange sum_and_range(const double* values, std::size_t size) {
  double sum = 0;
  double min = values[0];
  double max = values[0];
  for (std::size_t i = 0; i < size; ++i) {
    sum += values[i];
    min = std::min(min, values[i]);
    max = std::max(max, values[i]);
  }
  return {sum, min, max};
}

// The sample standard deviation (n - 1) of the values around `mean`; 0 for a single value.
double standard_deviation(const double* values, std::size_t size, double mean) {
  const auto count = static_cast<double>(size);
  double squares = 0;
  for (std::size_t i = 0; i < size; ++i) {
    squares += (values[i] - mean) * (values[i] - mean);
  }
  return size > 1 ? std::sqrt(squares / (count - 1)) : 0.0;
}

// Every percentile wanted: p5, p50, p95, the extra ones, then for each of p5, p50 and p95
// the two either side that give its standard error (the order statistics at n p -+
// sqrt(n p (1 - p))), these only for more than one value.
std::vector<double> wanted_percents(std::size_t size,
                                    const std::vector<double>& extra_percentiles) {
  const auto count = static_cast<double>(size);
  std::vector<double> percents = {5, 50, 95};
  percents.insert(percents.end(), extra_percentiles.begin(), extra_percentiles.end());
  const double headline[] = {5, 50, 95};
  if (size > 1) {
    for (const double percent : headline) {
      const double p = percent / 100.0;
      const double spread = std::sqrt(count * p * (1 - p));
      percents.push_back(std::min(100.0, std::max(0.0, (count * p - spread) / (count - 1)) * 100));
      percents.push_back(std::min(100.0, std::min(1.0, (count * p + spread) / (count - 1)) * 100));
    }
  }
  return percents;
}

// The value at each of `percents` of the values (within [min, max]), interpolated between order
// statistics that are all found in one go.
std::vector<double> percentile_values(const double* values, std::size_t size, double min,
                                      double max, const std::vector<double>& percents) {
  std::vector<std::size_t> ranks;
  for (const double percent : percents) {
    const auto [lower, fraction] = percentile_position(percent, size);
    ranks.push_back(lower);
    if (fraction != 0 && lower + 1 < size) ranks.push_back(lower + 1);
  }
  const std::vector<double> ordered = order_statistics(values, size, min, max, ranks);
  std::vector<double> found;
  std::size_t next = 0;
  for (const double percent : percents) {
    const auto [lower, fraction] = percentile_position(percent, size);
    const double low_value = ordered[next++];
    if (fraction != 0 && lower + 1 < size) {
      const double high_value = ordered[next++];
      found.push_back(low_value + fraction * (high_value - low_value));
    } else {
      found.push_back(low_value);
    }
  }
  return found;
}

}  // namespace

LossStats summarize_losses(const double* values, std::size_t size,
                           const std::vector<double>& extra_percentiles) {
  LossStats stats;
  if (size == 0) return stats;
  stats.count = size;
  const auto count = static_cast<double>(size);
  const SumAndRange totals = sum_and_range(values, size);
  stats.mean = totals.sum / count;
  stats.stddev = standard_deviation(values, size, stats.mean);
  stats.mean_stderr = stats.stddev / std::sqrt(count);
  const std::vector<double> found = percentile_values(values, size, totals.min, totals.max,
                                                      wanted_percents(size, extra_percentiles));
  stats.p5 = found[0];
  stats.p50 = found[1];
  stats.p95 = found[2];
  for (std::size_t i = 0; i < extra_percentiles.size(); ++i) {
    stats.extra_percentiles.emplace_back(extra_percentiles[i], found[3 + i]);
  }
  if (size > 1) {
    const std::size_t first = 3 + extra_percentiles.size();
    double* stderrs[] = {&stats.p5_stderr, &stats.p50_stderr, &stats.p95_stderr};
    for (std::size_t k = 0; k < 3; ++k) {
      *stderrs[k] = 0.5 * (found[first + 2 * k + 1] - found[first + 2 * k]);
    }
  }
  return stats;
}

LossStats summarize_losses(const std::vector<double>& values,
                           const std::vector<double>& extra_percentiles) {
  return summarize_losses(values.data(), values.size(), extra_percentiles);
}

Estimate estimate_with_uncertainty(const PreparedScenario& prepared, const SamplingOptions& options,
                                   SampledLosses* keep_draws) {
  const Scenario& scenario = prepared.scenario();
  Estimate estimate = estimate_point(prepared);
  estimate.seed = options.seed;
  if (options.samples <= 0) return estimate;
  SampledLosses draws = sample_net_losses(prepared, options);
  estimate.samples = options.samples;
  const auto count = static_cast<std::size_t>(draws.samples);
  const std::size_t net_columns = scenario.segments.size() + 1;
  // The net columns, then with covers the insured ones.
  const std::size_t columns = draws.insured.empty() ? net_columns : 2 * net_columns;
  std::vector<LossStats> stats(columns);
  // Columns are independent: summarise them in parallel, each into its own slot.
  const auto summarise = [&](std::int64_t chunk, std::size_t) {
    const auto column = static_cast<std::size_t>(chunk);
    const double* values =
        column < net_columns ? draws.segment(column) : draws.insured_segment(column - net_columns);
    stats[column] = summarize_losses(values, count, options.extra_percentiles);
  };
  run_chunks({static_cast<std::int64_t>(columns), options.threads, 0}, summarise);
  for (std::size_t i = 0; i < scenario.segments.size(); ++i) estimate.segments[i].stats = stats[i];
  estimate.total.stats = stats[net_columns - 1];
  if (columns > net_columns) {
    for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
      estimate.segments[i].insured_stats = stats[net_columns + i];
    }
    estimate.total.insured_stats = stats.back();
  }
  add_sampled_value_added_and_welfare(prepared, draws, options, estimate);
  const LossStats& total = *estimate.total.stats;
  // (One draw has no range to lie outside.)
  if (options.samples > 1 &&
      (estimate.total.net_loss < total.p5 || estimate.total.net_loss > total.p95)) {
    estimate.warnings.push_back(fmt::format(
        "the total net loss at central values ({:.4g}) lies outside the draws' p5-p95 ({:.4g} - "
        "{:.4g}): the inputs' ranges are skewed; the mean ({:.4g}) is the figure to quote",
        estimate.total.net_loss, total.p5, total.p95, total.mean));
  }
  if (keep_draws) *keep_draws = std::move(draws);
  return estimate;
}

namespace {

// How many times the target the largest standard error of the total's p5, p50 and p95 is.
double precision_shortfall(const LossStats& stats, double relative) {
  double worst = 0;
  for (const auto& [value, error] : {std::pair{stats.p5, stats.p5_stderr},
                                     {stats.p50, stats.p50_stderr},
                                     {stats.p95, stats.p95_stderr}}) {
    if (error == 0) continue;
    const double allowed = relative * std::fabs(value);
    worst = std::max(worst, allowed > 0 ? error / allowed : INFINITY);
  }
  return worst;
}

}  // namespace

Estimate estimate_to_precision(const PreparedScenario& prepared, SamplingOptions options,
                               double relative, SampledLosses* keep_draws) {
  const std::size_t per_draw = (prepared.scenario().segments.size() + 1) * sizeof(double);
  const auto most = static_cast<std::int64_t>(
      std::min<std::size_t>(kMaxAutoSamples, kMaxSamplingBytes / 2 / per_draw));
  options.samples = std::min(kHeadlineSamples, most);
  for (;;) {
    // Draw j depends only on (seed, j): a larger run repeats the smaller one's draws.
    Estimate estimate = estimate_with_uncertainty(prepared, options, keep_draws);
    const double shortfall = precision_shortfall(*estimate.total.stats, relative);
    if (shortfall <= 1 || options.samples >= most) {
      if (shortfall > 1) {
        estimate.warnings.push_back(fmt::format(
            "--samples auto stopped at {} draws with the total's percentiles known to {:.2g}% "
            "rather than {:.2g}%",
            options.samples, 100 * relative * shortfall, 100 * relative));
      }
      return estimate;
    }
    // Standard errors fall as 1 / sqrt(N): grow by the square of the shortfall, with margin.
    const double factor = std::clamp(1.2 * shortfall * shortfall, 2.0, 16.0);
    options.samples = std::min(
        most, static_cast<std::int64_t>(std::ceil(static_cast<double>(options.samples) * factor)));
  }
}

}  // namespace outage
