#include "model/monte_carlo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

#include "model/inoperability.hpp"
#include "model/sampling.hpp"

namespace outage {
namespace {

constexpr std::size_t kMaxSamplingBytes = std::size_t{4} << 30;
constexpr std::int64_t kChunkDraws = 1024;
// Values within this of a bound count as inside it (rounding in unit conversions).
constexpr double kBoundSlack = 1e-12;

[[noreturn]] void bad_draw(const Param& param, std::int64_t draw, double value,
                           const char* expected) {
  throw Error(param.where, fmt::format("draw {}: {} = {} is outside {}: narrow its distribution",
                                       draw, param.key, value, expected));
}

// Working space of one thread: reused from draw to draw.
struct DrawScratch {
  std::uint32_t stream_index = 0;  // the next input's stream (Scenario::params() order)
  std::vector<std::pair<double, double>> phases;
  Vector revenue, dependency, kept, recovery, response, phase_response;
};

// Draws every input of one scenario draw and evaluates its net losses. Built once and shared
// by the worker threads (read-only); each thread brings its own DrawScratch.
class DrawEvaluator {
 public:
  DrawEvaluator(const Scenario& scenario, std::uint64_t seed)
      : m_scenario(scenario), m_seed(seed), m_central(central_inputs(scenario)) {
    for (const Param* param : scenario.params()) m_samplers.emplace_back(*param);
    const Outage& outage = scenario.outage;
    bool structure_fixed = !outage.duration_hours.is_uncertain();
    for (const auto& phase : outage.phases) structure_fixed &= !phase.after_hours.is_uncertain();
    for (const auto& segment : scenario.segments) {
      structure_fixed &= !segment.recovery_hours.is_uncertain();
    }
    for (const auto& link : scenario.links) {
      m_links_uncertain |= link.share.is_uncertain();
    }
    m_fast = structure_fixed && !m_links_uncertain;
    if (m_fast) {
      for (std::size_t p = 0; p < m_central.phases.size(); ++p) {
        m_responses.push_back(unit_response_matrix(m_central, p));
      }
    }
  }

  bool is_fast() const { return m_fast; }

  // Writes draw `draw`'s net loss per segment into `net` (size n).
  void evaluate(std::int64_t draw, DrawScratch& scratch, Vector& net) const {
    scratch.stream_index = 0;
    const auto take = [&](const Param& param, std::int64_t index) {
      return this->take(param, index, scratch);
    };
    const Outage& outage = m_scenario.outage;
    const std::size_t n = m_scenario.segments.size();
    const double duration = take(outage.duration_hours, draw);
    if (!(duration > 0)) bad_draw(outage.duration_hours, draw, duration, "(0, infinity) hours");
    const double severity = take(outage.severity, draw);
    check_share(outage.severity, draw, severity, false);
    std::vector<std::pair<double, double>>& phases = scratch.phases;
    phases.assign(1, {0.0, severity});
    for (const auto& phase : outage.phases) {
      const double after = take(phase.after_hours, draw);
      const double phase_severity = take(phase.severity, draw);
      check_share(phase.severity, draw, phase_severity, true);
      if (!(after > phases.back().first && after < duration)) {
        bad_draw(phase.after_hours, draw, after,
                 "the time between the previous phase and the end of the outage");
      }
      phases.emplace_back(after, phase_severity);
    }
    Vector& revenue = scratch.revenue;
    Vector& dependency = scratch.dependency;
    Vector& kept = scratch.kept;
    Vector& recovery = scratch.recovery;
    revenue.resize(static_cast<Eigen::Index>(n));
    dependency.resize(static_cast<Eigen::Index>(n));
    kept.resize(static_cast<Eigen::Index>(n));
    recovery.resize(static_cast<Eigen::Index>(n));
    for (std::size_t i = 0; i < n; ++i) {
      const Segment& segment = m_scenario.segments[i];
      const auto k = static_cast<Eigen::Index>(i);
      revenue[k] = take(segment.revenue_per_hour, draw);
      if (revenue[k] < 0) bad_draw(segment.revenue_per_hour, draw, revenue[k], "[0, infinity)");
      dependency[k] = take(segment.dependency, draw);
      check_share(segment.dependency, draw, dependency[k], true);
      const double deferred = take(segment.deferred, draw);
      check_share(segment.deferred, draw, deferred, true);
      kept[k] = 1.0 - deferred;
      recovery[k] = take(segment.recovery_hours, draw);
      if (!(recovery[k] > 0))
        bad_draw(segment.recovery_hours, draw, recovery[k], "(0, infinity) hours");
    }
    if (m_fast) {
      Vector& response = scratch.response;
      Vector& phase_response = scratch.phase_response;
      response.setZero(static_cast<Eigen::Index>(n));
      for (std::size_t p = 0; p < phases.size(); ++p) {
        if (phases[p].second == 0) continue;
        phase_response.noalias() = m_responses[p] * dependency;
        response += phases[p].second * phase_response;
      }
      net.array() = kept.array() * revenue.array() * response.array();
      return;
    }
    ModelInputs inputs = m_central;
    inputs.revenue_per_hour = revenue;
    inputs.dependency = dependency;
    inputs.deferred = (1.0 - kept.array()).matrix();
    inputs.recovery_hours = recovery;
    inputs.duration_hours = duration;
    inputs.phases = phases;
    if (m_links_uncertain) {
      for (const auto& link : m_scenario.links) {
        const double share = take(link.share, draw);
        if (share < 0) bad_draw(link.share, draw, share, "[0, infinity)");
        if (link.segment == link.depends_on && !(share < 1))
          bad_draw(link.share, draw, share, "[0, 1) for a self-link");
        inputs.interdependency(static_cast<Eigen::Index>(link.segment),
                               static_cast<Eigen::Index>(link.depends_on)) = share;
      }
      const double radius = spectral_radius(inputs.interdependency);
      if (!(radius < 1.0 - 1e-10)) {
        throw Error(m_scenario.links.front().share.where,
                    fmt::format("draw {}: the links' spectral radius is {:.6g}, it must be < 1: "
                                "narrow the link shares' distributions",
                                draw, radius));
      }
    }
    net = solve_losses(inputs).net;
  }

 private:
  // The next input's value in this draw: its own stream (seed, draw, input index).
  double take(const Param& param, std::int64_t draw, DrawScratch& scratch) const {
    const auto stream_index = scratch.stream_index++;
    if (!param.is_uncertain()) return param.mode;
    RandomStream stream(m_seed, static_cast<std::uint64_t>(draw), stream_index);
    return m_samplers[stream_index].draw(stream);
  }

  static void check_share(const Param& param, std::int64_t draw, double value, bool zero_ok) {
    const bool low_ok = zero_ok ? value >= -kBoundSlack : value > 0;
    if (!low_ok || value > 1 + kBoundSlack)
      bad_draw(param, draw, value, zero_ok ? "[0, 1]" : "(0, 1]");
  }

  const Scenario& m_scenario;
  std::uint64_t m_seed;
  ModelInputs m_central;
  bool m_links_uncertain = false;
  bool m_fast = false;
  std::vector<Matrix> m_responses;
  std::vector<Sampler> m_samplers;  // in the order of Scenario::params(), which take() follows
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
  return static_cast<std::size_t>(samples) * (scenario.segments.size() + 1) * sizeof(double);
}

SampledLosses sample_net_losses(const Scenario& scenario, const SamplingOptions& options) {
  const std::int64_t samples = options.samples;
  const std::size_t n = scenario.segments.size();
  const std::size_t bytes = sampling_memory_bytes(scenario, samples);
  if (samples <= 0 || samples > std::numeric_limits<std::int64_t>::max() / 64 ||
      bytes / (n + 1) / sizeof(double) != static_cast<std::size_t>(samples) ||
      bytes > kMaxSamplingBytes) {
    throw Error(
        Location{"--samples", 0, 0},
        fmt::format("{} draws of {} segments need {:.3g} GiB, over the limit of {} GiB: "
                    "use fewer draws",
                    samples, n, static_cast<double>(bytes) / (1 << 30), kMaxSamplingBytes >> 30));
  }
  SampledLosses result;
  result.samples = samples;
  result.segments = n;
  result.net.assign((n + 1) * static_cast<std::size_t>(samples), 0.0);

  std::atomic<std::int64_t> next_chunk{0};
  std::atomic<std::int64_t> done{0};
  std::atomic<std::int64_t> first_error_draw{std::numeric_limits<std::int64_t>::max()};
  std::mutex error_mutex;
  std::optional<Error> first_error;
  std::atomic<bool> internal_failure{false};
  std::string internal_message;

  // The unit responses are computed once here, not once per thread.
  const DrawEvaluator evaluator(scenario, options.seed);
  const auto worker = [&]() {
    try {
      DrawScratch scratch;
      Vector net(static_cast<Eigen::Index>(n));
      for (;;) {
        const std::int64_t begin = next_chunk.fetch_add(kChunkDraws);
        if (begin >= samples || begin > first_error_draw.load()) break;
        if (options.cancel && options.cancel->load()) break;
        const std::int64_t end = std::min(samples, begin + kChunkDraws);
        for (std::int64_t draw = begin; draw < end; ++draw) {
          try {
            evaluator.evaluate(draw, scratch, net);
          } catch (const Error& error) {
            const std::lock_guard<std::mutex> lock(error_mutex);
            if (draw < first_error_draw.load()) {
              first_error_draw.store(draw);
              first_error = error;
            }
            break;
          }
          double total = 0;
          for (std::size_t i = 0; i < n; ++i) {
            const double value = net[static_cast<Eigen::Index>(i)];
            result.net[i * static_cast<std::size_t>(samples) + static_cast<std::size_t>(draw)] =
                value;
            total += value;
          }
          result.net[n * static_cast<std::size_t>(samples) + static_cast<std::size_t>(draw)] =
              total;
        }
        done.fetch_add(end - begin);
      }
    } catch (const std::exception& error) {
      const std::lock_guard<std::mutex> lock(error_mutex);
      internal_message = error.what();
      internal_failure.store(true);
      first_error_draw.store(-1);
    }
  };

  const int threads = std::max(1, options.threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  if (options.progress) {
    while (done.load() < samples &&
           first_error_draw.load() == std::numeric_limits<std::int64_t>::max() &&
           !(options.cancel && options.cancel->load())) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      options.progress(std::min(done.load(), samples), samples);
    }
  }
  for (auto& thread : pool) thread.join();
  if (internal_failure.load()) {
    if (internal_message == std::bad_alloc().what()) throw std::bad_alloc();
    throw std::runtime_error(internal_message);
  }
  if (first_error) throw *first_error;
  if (options.cancel && options.cancel->load()) {
    throw Error(ExitCode::interrupted, Location{}, "interrupted");
  }
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
  const std::size_t columns = scenario.segments.size() + 1;
  std::vector<LossStats> stats(columns);
  // Columns are independent: summarise them in parallel, each into its own slot.
  std::atomic<std::size_t> next_column{0};
  const auto summarise = [&]() {
    for (std::size_t column; (column = next_column.fetch_add(1)) < columns;) {
      const double* values = draws.segment(column);
      std::vector<double> copy(values, values + count);
      stats[column] = summarize_losses(copy, options.extra_percentiles);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, options.threads); ++t) pool.emplace_back(summarise);
  summarise();
  for (auto& thread : pool) thread.join();
  for (std::size_t i = 0; i < scenario.segments.size(); ++i) estimate.segments[i].stats = stats[i];
  estimate.total.stats = stats.back();
  if (keep_draws) *keep_draws = std::move(draws);
  return estimate;
}

}  // namespace outage
