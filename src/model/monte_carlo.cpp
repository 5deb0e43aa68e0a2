#include "model/monte_carlo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "model/cover.hpp"
#include "model/inoperability.hpp"
#include "model/input_sampler.hpp"
#include "model/inputs.hpp"
#include "model/value_added.hpp"

namespace outage {
namespace {

constexpr std::size_t kMaxSamplingBytes = std::size_t{4} << 30;
constexpr std::int64_t kChunkDraws = 1024;

// Working space of one thread: reused from draw to draw.
struct DrawScratch {
  std::vector<double> values;  // every input's value in this draw (InputTable order)
  ModelInputs inputs;          // central values, overwritten by the uncertain inputs
  Vector response, phase_response;
  Vector insured;  // with covers
};

// Draws every input of one scenario draw and evaluates its net losses. Built once and shared
// by the worker threads (read-only); each thread brings its own DrawScratch.
class DrawEvaluator {
 public:
  DrawEvaluator(const InputTable& table, std::uint64_t seed, std::vector<std::uint32_t> streams)
      : m_table(table),
        m_sampler(table, seed, std::move(streams)),
        m_central(central_inputs(table.scenario())) {
    bool structure_fixed = true;
    for (const std::size_t k : m_sampler.uncertain()) {
      switch (table[k].target) {
        case InputTarget::duration:
        case InputTarget::phase_after:
        case InputTarget::recovery:
        case InputTarget::link:
        case InputTarget::buildup:
          structure_fixed = false;
          break;
        default:
          break;
      }
    }
    m_fast = structure_fixed;
    if (m_fast) {
      for (std::size_t p = 0; p < m_central.phases.size(); ++p) {
        m_responses.push_back(unit_response_matrix(m_central, p));
      }
      // With covers, the loss before each waiting period the same way: the counted window
      // ends there (a horizon), and the duration is fixed on this path.
      for (const double wait : distinct_waiting_periods(table.scenario().covers)) {
        std::vector<Matrix> before;
        if (wait > 0 && wait < m_central.duration_hours) {
          ModelInputs until_wait = m_central;
          until_wait.horizon_hours =
              std::min(wait, m_central.horizon_hours.value_or(static_cast<double>(INFINITY)));
          for (std::size_t p = 0; p < m_central.phases.size(); ++p) {
            before.push_back(unit_response_matrix(until_wait, p));
          }
        }
        m_responses_before.emplace_back(wait, std::move(before));
      }
    }
  }

  bool is_fast() const { return m_fast; }
  const InputSampler& sampler() const { return m_sampler; }

  DrawScratch scratch() const {
    DrawScratch scratch;
    scratch.values = m_sampler.central_values();
    scratch.inputs = m_central;
    return scratch;
  }

  // Writes draw `draw`'s net loss per segment into `net` (size n); the draw's input values
  // are left in scratch.values.
  void evaluate(std::int64_t draw, DrawScratch& scratch, Vector& net) const {
    m_sampler.draw(static_cast<std::uint64_t>(draw), scratch.values);
    ModelInputs& inputs = scratch.inputs;
    for (const std::size_t k : m_sampler.uncertain()) m_table.apply(k, scratch.values[k], inputs);
    if (!m_fast) {
      net = solve_losses(inputs).net;
      return;
    }
    const auto n = inputs.dependency.size();
    scratch.response.setZero(n);
    for (std::size_t p = 0; p < inputs.phases.size(); ++p) {
      if (inputs.phases[p].second == 0) continue;
      scratch.phase_response.noalias() = m_responses[p] * inputs.dependency;
      scratch.response += inputs.phases[p].second * scratch.phase_response;
    }
    net.array() = (1.0 - inputs.deferred.array()) * inputs.revenue_per_hour.array() *
                  scratch.response.array();
  }

  // With covers: draw `draw`'s insured loss per segment into scratch.insured, once evaluate()
  // has left the draw's inputs in `scratch` and its net losses in `net`.
  void insure(DrawScratch& scratch, const Vector& net) const {
    const std::vector<Cover>& covers = m_table.scenario().covers;
    const ModelInputs& inputs = scratch.inputs;
    scratch.insured.setZero(net.size());
    const auto after = [&](double wait) -> Vector {
      if (!m_fast) return net_loss_after(inputs, wait, net);
      if (wait <= 0) return net;
      const auto found = std::find_if(m_responses_before.begin(), m_responses_before.end(),
                                      [&](const auto& entry) { return entry.first == wait; });
      if (found->second.empty() || (inputs.horizon_hours && *inputs.horizon_hours <= wait)) {
        return Vector::Zero(net.size());
      }
      Vector response = Vector::Zero(net.size());
      for (std::size_t p = 0; p < inputs.phases.size(); ++p) {
        if (inputs.phases[p].second == 0) continue;
        response += inputs.phases[p].second * (found->second[p] * inputs.dependency);
      }
      const Vector before =
          ((1.0 - inputs.deferred.array()) * inputs.revenue_per_hour.array() * response.array())
              .matrix();
      return (net - before).cwiseMax(0.0);
    };
    add_insured_losses(covers, after, scratch.insured);
  }

 private:
  const InputTable& m_table;
  InputSampler m_sampler;
  ModelInputs m_central;
  bool m_fast = false;
  std::vector<Matrix> m_responses;
  // Per waiting period: the unit responses counted until it ends (empty when the outage never
  // outlasts it).
  std::vector<std::pair<double, std::vector<Matrix>>> m_responses_before;
};

// Linear interpolation between order statistics at `percent` (numpy's default). Elements before
// `first` are already known to be no larger than the rest; on return `first` is the position
// of the lower order statistic used, so ascending calls search shrinking ranges.
double percentile_of(std::vector<double>& values, double percent, std::size_t& first) {
  const double position = percent / 100.0 * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(position));
  const double fraction = position - static_cast<double>(lower);
  const auto begin = values.begin() + static_cast<std::ptrdiff_t>(std::min(first, lower));
  std::nth_element(begin, values.begin() + static_cast<std::ptrdiff_t>(lower), values.end());
  first = lower;
  const double low_value = values[lower];
  if (fraction == 0 || lower + 1 >= values.size()) return low_value;
  const double high_value =
      *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lower) + 1, values.end());
  return low_value + fraction * (high_value - low_value);
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

// Runs `work` on `threads` threads; the calling thread runs `while_running` meanwhile when
// given (progress), else works too. The first exception thrown by any of them is rethrown here
// once all have stopped (std::exception_ptr: out-of-memory stays std::bad_alloc). When the
// system refuses to start more threads, those that started share the work.
void run_parallel(int threads, const std::function<void()>& work, std::atomic<bool>& failed,
                  const std::function<void()>& while_running) {
  std::mutex mutex;
  std::exception_ptr first;
  const auto guarded = [&]() {
    try {
      work();
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex);
      if (!first) first = std::current_exception();
      failed.store(true);
    }
  };
  std::vector<std::thread> pool;
  const int workers = std::max(1, threads) - (while_running ? 0 : 1);
  try {
    for (int t = 0; t < workers; ++t) pool.emplace_back(guarded);
  } catch (const std::system_error&) {
    // Fewer threads than asked: the work is shared by those that started.
  }
  if (while_running && !pool.empty()) {
    while_running();
  } else {
    guarded();
  }
  for (auto& thread : pool) thread.join();
  if (first) std::rethrow_exception(first);
}

}  // namespace

SampledLosses sample_net_losses(const Scenario& scenario, const SamplingOptions& options) {
  require_valid_inputs(scenario);
  const std::int64_t samples = options.samples;
  const std::size_t n = scenario.segments.size();
  const InputTable table(scenario);
  const DrawEvaluator evaluator(table, options.seed, options.streams);
  const std::vector<std::size_t> kept_inputs =
      options.keep_inputs ? evaluator.sampler().uncertain() : std::vector<std::size_t>{};
  check_sampling_memory(scenario, samples, kept_inputs.size());
  SampledLosses result;
  result.samples = samples;
  result.segments = n;
  result.fast_path = evaluator.is_fast();
  result.net.assign((n + 1) * static_cast<std::size_t>(samples), 0.0);
  const bool covered = !scenario.covers.empty();
  if (covered) result.insured.assign(result.net.size(), 0.0);
  for (const std::size_t k : kept_inputs) result.input_names.push_back(table[k].name);
  result.inputs.assign(kept_inputs.size() * static_cast<std::size_t>(samples), 0.0);

  // The total sums market segments; value added per chunk of draws (segments, then the total)
  // is reduced in chunk order, so the mean has the same bytes whatever the threads.
  const std::vector<char> market = market_segments(scenario);
  std::vector<double> value_added(
      static_cast<std::size_t>((samples + kChunkDraws - 1) / kChunkDraws) * (n + 1), 0.0);
  std::atomic<std::int64_t> next_chunk{0};
  std::atomic<std::int64_t> done{0};
  std::atomic<bool> failed{false};
  const auto count = static_cast<std::size_t>(samples);
  const auto worker = [&]() {
    DrawScratch scratch = evaluator.scratch();
    Vector net(static_cast<Eigen::Index>(n));
    for (;;) {
      const std::int64_t begin = next_chunk.fetch_add(kChunkDraws);
      if (begin >= samples || failed.load()) break;
      const std::int64_t end = std::min(samples, begin + kChunkDraws);
      for (std::int64_t draw = begin; draw < end; ++draw) {
        evaluator.evaluate(draw, scratch, net);
        const auto j = static_cast<std::size_t>(draw);
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) {
          const double value = net[static_cast<Eigen::Index>(i)];
          result.net[i * count + j] = value;
          if (market[i]) total += value;
        }
        add_draw_value_added(
            scratch.inputs.value_added_share, net,
            value_added.data() + static_cast<std::size_t>(begin / kChunkDraws) * (n + 1));
        result.net[n * count + j] = total;
        if (covered) {
          evaluator.insure(scratch, net);
          double insured = 0;
          for (std::size_t i = 0; i < n; ++i) {
            result.insured[i * count + j] = scratch.insured[static_cast<Eigen::Index>(i)];
            insured += scratch.insured[static_cast<Eigen::Index>(i)];
          }
          result.insured[n * count + j] = insured;
        }
        for (std::size_t c = 0; c < kept_inputs.size(); ++c) {
          result.inputs[c * count + j] = scratch.values[kept_inputs[c]];
        }
      }
      done.fetch_add(end - begin);
    }
  };
  std::function<void()> progress;
  if (options.progress) {
    progress = [&]() {
      while (done.load() < samples && !failed.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        options.progress(std::min(done.load(), samples), samples);
      }
    };
  }
  const auto start = std::chrono::steady_clock::now();
  run_parallel(options.threads, worker, failed, progress);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.value_added_mean = mean_value_added(scenario, value_added, samples);
  return result;
}

LossStats summarize_losses(std::vector<double>& values,
                           const std::vector<double>& extra_percentiles) {
  LossStats stats;
  if (values.empty()) return stats;
  double sum = 0;
  for (const double value : values) sum += value;
  stats.mean = sum / static_cast<double>(values.size());
  double squares = 0;
  for (const double value : values) squares += (value - stats.mean) * (value - stats.mean);
  stats.stddev =
      values.size() > 1 ? std::sqrt(squares / static_cast<double>(values.size() - 1)) : 0.0;
  // Ascending percentiles partition ever smaller tails: each search starts where the last ended.
  std::vector<double> wanted = {5, 50, 95};
  wanted.insert(wanted.end(), extra_percentiles.begin(), extra_percentiles.end());
  std::vector<std::size_t> order(wanted.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto x, auto y) { return wanted[x] < wanted[y]; });
  std::vector<double> found(wanted.size());
  std::size_t sorted_from = 0;
  for (const std::size_t index : order)
    found[index] = percentile_of(values, wanted[index], sorted_from);
  stats.p5 = found[0];
  stats.p50 = found[1];
  stats.p95 = found[2];
  const auto count = static_cast<double>(values.size());
  stats.mean_stderr = stats.stddev / std::sqrt(count);
  // `values` is now partitioned around the percentiles found; the order statistics either
  // side are found the same way, in ascending order of rank.
  double* stderrs[] = {&stats.p5_stderr, &stats.p50_stderr, &stats.p95_stderr};
  const double percents[] = {5, 50, 95};
  for (int k = 0; k < 3 && values.size() > 1; ++k) {
    const double p = percents[k] / 100.0;
    const double spread = std::sqrt(count * p * (1 - p));
    const double low_percent = std::max(0.0, (count * p - spread) / (count - 1)) * 100.0;
    const double high_percent = std::min(1.0, (count * p + spread) / (count - 1)) * 100.0;
    std::size_t from = 0;
    const double low = percentile_of(values, std::min(low_percent, 100.0), from);
    const double high = percentile_of(values, std::min(high_percent, 100.0), from);
    *stderrs[k] = 0.5 * (high - low);
  }
  for (std::size_t i = 0; i < extra_percentiles.size(); ++i) {
    stats.extra_percentiles.emplace_back(extra_percentiles[i], found[3 + i]);
  }
  return stats;
}

Estimate estimate_with_uncertainty(const Scenario& scenario, const SamplingOptions& options,
                                   SampledLosses* keep_draws) {
  Estimate estimate = estimate_point(scenario);
  estimate.seed = options.seed;
  if (options.samples <= 0) return estimate;
  SampledLosses draws = sample_net_losses(scenario, options);
  estimate.samples = options.samples;
  const auto count = static_cast<std::size_t>(draws.samples);
  const std::size_t net_columns = scenario.segments.size() + 1;
  // The net columns, then with covers the insured ones.
  const std::size_t columns = draws.insured.empty() ? net_columns : 2 * net_columns;
  std::vector<LossStats> stats(columns);
  // Columns are independent: summarise them in parallel, each into its own slot.
  std::atomic<std::size_t> next_column{0};
  const auto summarise = [&]() {
    for (std::size_t column; (column = next_column.fetch_add(1)) < columns;) {
      const double* values = column < net_columns ? draws.segment(column)
                                                  : draws.insured_segment(column - net_columns);
      std::vector<double> copy(values, values + count);
      stats[column] = summarize_losses(copy, options.extra_percentiles);
    }
  };
  std::atomic<bool> failed{false};
  run_parallel(options.threads, summarise, failed, {});
  for (std::size_t i = 0; i < scenario.segments.size(); ++i) estimate.segments[i].stats = stats[i];
  estimate.total.stats = stats[net_columns - 1];
  if (columns > net_columns) {
    for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
      estimate.segments[i].insured_stats = stats[net_columns + i];
    }
    estimate.total.insured_stats = stats.back();
  }
  add_sampled_value_added_and_welfare(scenario, draws, options, estimate);
  const LossStats& total = *estimate.total.stats;
  if (estimate.total.net_loss < total.p5 || estimate.total.net_loss > total.p95) {
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

Estimate estimate_to_precision(const Scenario& scenario, SamplingOptions options, double relative,
                               SampledLosses* keep_draws) {
  const std::size_t per_draw = (scenario.segments.size() + 1) * sizeof(double);
  const auto most = static_cast<std::int64_t>(
      std::min<std::size_t>(kMaxAutoSamples, kMaxSamplingBytes / 2 / per_draw));
  options.samples = std::min(kHeadlineSamples, most);
  for (;;) {
    // Draw j depends only on (seed, j): a larger run repeats the smaller one's draws.
    Estimate estimate = estimate_with_uncertainty(scenario, options, keep_draws);
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
