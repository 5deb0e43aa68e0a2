#include "model/risk/risk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "model/covers/year_insurance.hpp"
#include "model/risk/risk_outages.hpp"
#include "model/scenario/rollup.hpp"
#include "util/parallel.hpp"

namespace outage {
namespace {

constexpr std::int64_t kChunkYears = 256;
constexpr std::int64_t kFirstAutoYears = 10000;
constexpr std::size_t kMaxYearBytes = std::size_t{4} << 30;

// Simulates years [first, last] into `years` (rows first - 1 ..), streaming outages in order.
class YearRunner {
 public:
  YearRunner(const OutageEvaluator& evaluator, const std::vector<Cover>& covers,
             std::size_t segments, YearLosses& years, const RiskOptions& options,
             const OutageSink& sink)
      : m_evaluator(evaluator),
        m_covers(covers),
        m_segments(segments),
        m_rollup(evaluator.prepared().rollup()),
        m_years(years),
        m_options(options),
        m_sink(sink) {}

  void run(std::int64_t first, std::int64_t last);

 private:
  void simulate_chunk(std::int64_t first, std::int64_t last, OutageBlock& block) const;
  // Adds a row of per-segment values and their market total to `sums` (and keeps the
  // largest); returns the total.
  double add_row(const Vector& values, double* sums, double* largest) const;
  // Appends one outage to the block streamed to the sink.
  static void keep_outage(OutageBlock& block, std::int64_t year, std::int64_t event,
                          const OutageDraw& outage, const Vector& net, double total,
                          const Vector* insured, double insured_total);

  const OutageEvaluator& m_evaluator;
  const std::vector<Cover>& m_covers;
  std::size_t m_segments;
  const Rollup& m_rollup;
  YearLosses& m_years;
  const RiskOptions& m_options;
  const OutageSink& m_sink;
};

double YearRunner::add_row(const Vector& values, double* sums, double* largest) const {
  double total = 0;
  for (std::size_t k = 0; k < m_segments; ++k) {
    const double value = values[static_cast<Eigen::Index>(k)];
    sums[k] += value;
    largest[k] = std::max(largest[k], value);
    // The total is of market output (model/scenario/rollup.hpp).
    if (!m_rollup.is_welfare(k)) total += value;
  }
  sums[m_segments] += total;
  largest[m_segments] = std::max(largest[m_segments], total);
  return total;
}

void YearRunner::keep_outage(OutageBlock& block, std::int64_t year, std::int64_t event,
                             const OutageDraw& outage, const Vector& net, double total,
                             const Vector* insured, double insured_total) {
  block.year.push_back(year);
  block.event.push_back(event);
  block.start_hour_of_week.push_back(outage.start_hour_of_week);
  block.duration_hours.push_back(outage.duration_hours);
  block.severity.push_back(outage.severity);
  block.net.insert(block.net.end(), net.data(), net.data() + net.size());
  block.net.push_back(total);
  if (insured) {
    block.insured.insert(block.insured.end(), insured->data(), insured->data() + insured->size());
    block.insured.push_back(insured_total);
  }
}

void YearRunner::simulate_chunk(std::int64_t first, std::int64_t last, OutageBlock& block) const {
  OutageScratch scratch;
  const std::size_t columns = m_segments + 1;
  const auto n = static_cast<Eigen::Index>(m_segments);
  Vector net(n), covered(n), outage_insured(n), year_insured(n);
  std::optional<YearInsurance> insurance;
  if (!m_covers.empty()) insurance.emplace(m_covers, n);
  block.clear();
  block.columns = columns;
  for (std::int64_t year = first; year <= last; ++year) {
    const auto row = static_cast<std::size_t>(year - 1) * columns;
    double* annual = m_years.annual.data() + row;
    double* largest = m_years.largest.data() + row;
    std::fill(annual, annual + columns, 0.0);
    std::fill(largest, largest + columns, 0.0);
    double* insured_largest = insurance ? m_years.insured_largest.data() + row : nullptr;
    std::vector<double> unused(insurance ? columns : 0);  // outage sums: the year's come later
    if (insurance) {
      insurance->start_year();
      std::fill(insured_largest, insured_largest + columns, 0.0);
    }
    const std::int64_t count = m_evaluator.draw_count(year);
    m_years.events[static_cast<std::size_t>(year - 1)] = count;
    for (std::int64_t event = 1; event <= count; ++event) {
      const OutageDraw outage = m_evaluator.draw_outage(year, event);
      m_evaluator.price(year, event, outage, scratch, net);
      const double total = add_row(net, annual, largest);
      double insured_total = 0;
      if (insurance) {
        const auto after = [&](double wait, Vector& x) {
          m_evaluator.covered_after(wait, scratch, net, x);
        };
        insurance->add_outage(after, covered, outage_insured);
        insured_total = add_row(outage_insured, unused.data(), insured_largest);
      }
      if (m_sink) {
        keep_outage(block, year, event, outage, net, total, insurance ? &outage_insured : nullptr,
                    insured_total);
      }
    }
    if (insurance) {
      insurance->year_insured(year_insured);
      double* insured_annual = m_years.insured_annual.data() + row;
      std::fill(insured_annual, insured_annual + columns, 0.0);
      std::vector<double> ignored(columns, 0.0);
      add_row(year_insured, insured_annual, ignored.data());
    }
  }
}

// Chunks of years on the worker threads; their outages reach the sink in year order.
void YearRunner::run(std::int64_t first, std::int64_t last) {
  const std::int64_t chunks = (last - first + kChunkYears) / kChunkYears;
  const std::int64_t window =
      std::min<std::int64_t>(2 * std::max(1, m_options.threads) + 2, chunks);
  std::vector<OutageBlock> blocks(static_cast<std::size_t>(window));
  const auto block = [&](std::int64_t chunk) -> OutageBlock& {
    return blocks[static_cast<std::size_t>(chunk % window)];
  };
  const auto produce = [&](std::int64_t chunk, std::size_t) {
    const std::int64_t begin = first + chunk * kChunkYears;
    simulate_chunk(begin, std::min(last, begin + kChunkYears - 1), block(chunk));
  };
  std::function<void(std::int64_t)> consume;
  if (m_sink) consume = [&](std::int64_t chunk) { m_sink(block(chunk)); };
  std::function<void(std::int64_t)> progress;
  if (m_options.progress) {
    progress = [&](std::int64_t consumed) {
      m_options.progress(std::min(last, first - 1 + consumed * kChunkYears), last);
    };
  }
  run_chunks({chunks, m_options.threads, window}, produce, consume, progress);
}

void grow_years(YearLosses& years, std::int64_t count) {
  const auto rows = static_cast<std::size_t>(count);
  if (rows * years.columns * (years.insured ? 4 : 2) * sizeof(double) > kMaxYearBytes ||
      count > (std::int64_t{1} << 32)) {
    throw Error(Location{"--years", 0, 0},
                fmt::format("{} years of {} columns need more than {} GiB: use fewer years", count,
                            years.columns, kMaxYearBytes >> 30));
  }
  years.events.resize(rows);
  years.annual.resize(rows * years.columns);
  years.largest.resize(rows * years.columns);
  if (years.insured) {
    years.insured_annual.resize(rows * years.columns);
    years.insured_largest.resize(rows * years.columns);
  }
}

std::vector<double> column(const std::vector<double>& values, std::size_t columns,
                           std::size_t index) {
  std::vector<double> result(values.size() / columns);
  for (std::size_t y = 0; y < result.size(); ++y) result[y] = values[y * columns + index];
  return result;
}

// Mean and standard error of the total's annual losses.
std::pair<double, double> total_aal(const YearLosses& years) {
  const std::vector<double> totals = column(years.annual, years.columns, years.columns - 1);
  const RiskMeasures measures = risk_measures(totals, totals, {});
  return {measures.aal, measures.aal_stderr};
}

// Fills the measures, the counts and the warnings once every year is simulated.
void summarise(const Scenario& scenario, const RiskOptions& options, RiskResult& result) {
  result.scenario = scenario.name;
  result.currency = scenario.currency;
  result.seed = options.seed;
  result.central = options.central;
  result.auto_years = options.auto_years;
  result.tolerance = options.tolerance;
  const YearLosses& years = result.year_losses;
  // Per segment then the total, from one basis's annual sums and largest outages.
  const auto measures_of = [&](const std::vector<double>& annual,
                               const std::vector<double>& largest) {
    std::vector<RiskMeasures> measures;
    for (std::size_t i = 0; i < years.columns; ++i) {
      measures.push_back(risk_measures(column(annual, years.columns, i),
                                       column(largest, years.columns, i), options.return_periods));
    }
    return measures;
  };
  result.segments = measures_of(years.annual, years.largest);
  result.total = result.segments.back();
  result.segments.pop_back();
  for (const auto& segment : scenario.segments) {
    result.segment_ids.push_back(segment.id);
    result.segment_names.push_back(segment.name);
  }
  if (years.insured) {
    result.insured_segments = measures_of(years.insured_annual, years.insured_largest);
    result.insured_total = result.insured_segments.back();
    result.insured_segments.pop_back();
  }
  std::int64_t events = 0, years_with_outage = 0;
  for (const std::int64_t count : years.events) {
    events += count;
    years_with_outage += count > 0 ? 1 : 0;
  }
  const auto count = static_cast<double>(result.years);
  result.events_per_year = static_cast<double>(events) / count;
  result.share_of_years_with_outage = static_cast<double>(years_with_outage) / count;
  for (const double period : options.return_periods) {
    if (period > count) {
      result.warnings.push_back(
          fmt::format("return period {} is longer than the {} years simulated: it is left out",
                      period, result.years));
    } else if (period > count / 10) {
      result.warnings.push_back(fmt::format(
          "return period {} is longer than a tenth of the {} years simulated: its AEP and OEP "
          "rest on fewer than 10 years (use more --years)",
          period, result.years));
    }
  }
}

}  // namespace

void OutageBlock::clear() {
  year.clear();
  event.clear();
  start_hour_of_week.clear();
  duration_hours.clear();
  severity.clear();
  net.clear();
  insured.clear();
}

RiskMeasures risk_measures(const std::vector<double>& annual, const std::vector<double>& largest,
                           const std::vector<double>& return_periods) {
  RiskMeasures measures;
  const std::size_t years = annual.size();
  measures.years = years;
  if (years == 0) return measures;
  double sum = 0;
  for (const double value : annual) sum += value;
  measures.aal = sum / static_cast<double>(years);
  double squares = 0;
  for (const double value : annual) squares += (value - measures.aal) * (value - measures.aal);
  measures.sd = years > 1 ? std::sqrt(squares / static_cast<double>(years - 1)) : 0.0;
  measures.aal_stderr = measures.sd / std::sqrt(static_cast<double>(years));
  if (return_periods.empty()) return measures;
  std::vector<double> aggregate = annual, occurrence = largest;
  std::sort(aggregate.begin(), aggregate.end(), std::greater<>());
  std::sort(occurrence.begin(), occurrence.end(), std::greater<>());
  for (const double period : return_periods) {
    // Below one year a period names no rank of the years (the command line refuses it).
    if (!(period >= 1) || period > static_cast<double>(years)) continue;
    const auto k = static_cast<std::size_t>(std::floor(static_cast<double>(years) / period));
    EpPoint point;
    point.return_period = period;
    point.aep = aggregate[k - 1];
    point.oep = occurrence[k - 1];
    double aggregate_sum = 0, occurrence_sum = 0;
    for (std::size_t j = 0; j < k; ++j) {
      aggregate_sum += aggregate[j];
      occurrence_sum += occurrence[j];
    }
    point.aep_tvar = aggregate_sum / static_cast<double>(k);
    point.oep_tvar = occurrence_sum / static_cast<double>(k);
    measures.ep.push_back(point);
  }
  return measures;
}

RiskResult simulate_risk(const PreparedScenario& prepared, const RiskProcess& process,
                         const RiskOptions& options, const OutageSink& outages) {
  const Scenario& scenario = prepared.scenario();
  const std::size_t segments = scenario.segments.size();
  const OutageEvaluator evaluator(prepared, process, options.seed, options.central);
  RiskResult result;
  result.year_losses.columns = segments + 1;
  result.year_losses.insured = !scenario.covers.empty();
  std::int64_t done = 0;
  std::int64_t target = options.auto_years ? kFirstAutoYears : options.years;
  for (;;) {
    grow_years(result.year_losses, target);
    YearRunner(evaluator, scenario.covers, segments, result.year_losses, options, outages)
        .run(done + 1, target);
    done = target;
    if (!options.auto_years) break;
    const auto [aal, stderr_aal] = total_aal(result.year_losses);
    if (aal == 0 || stderr_aal <= options.tolerance * aal) break;
    if (done >= options.max_auto_years) {
      result.warnings.push_back(fmt::format(
          "--years auto: the total AAL's standard error is still {:.3g} % of it after {} years "
          "(the most it runs)",
          100 * stderr_aal / aal, done));
      break;
    }
    const double ratio = stderr_aal / (options.tolerance * aal);
    const auto needed =
        static_cast<std::int64_t>(std::ceil(static_cast<double>(done) * ratio * ratio * 1.05));
    target = std::min(options.max_auto_years, std::max(needed, done + kChunkYears));
    target = (target + 999) / 1000 * 1000;
    target = std::min(target, options.max_auto_years);
  }
  result.years = done;
  summarise(scenario, options, result);
  return result;
}

}  // namespace outage
