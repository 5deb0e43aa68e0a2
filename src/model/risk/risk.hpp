// Outage risk over a year (docs/risk.md): a frequency x severity simulation over many years, each
// outage priced by the scenario's model, and the catastrophe modeller's measures (AAL, AEP and
// OEP with their TVaRs). Year y draws from its own random streams, derived from (seed, y), so
// results are the same bytes for any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/estimate/monte_carlo.hpp"
#include "model/scenario/prepared.hpp"
#include "model/scenario/risk_process.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

struct RiskOptions {
  std::int64_t years = 10000;
  bool auto_years = false;  // run until the total AAL's standard error <= tolerance * AAL
  double tolerance = 0.01;
  std::int64_t max_auto_years = 10'000'000;
  std::uint64_t seed = kDefaultSeed;
  int threads = 1;
  bool central = false;  // the scenario's other inputs at central values
  std::vector<double> return_periods = {2, 5, 10, 20, 50, 100, 250, 500, 1000};
  // Called now and then on the calling thread with the years done and the years planned.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

// The outages of consecutive years, in year and draw order; `net` holds segments + 1 values
// per outage (the total last).
struct OutageBlock {
  std::size_t columns = 0;
  std::vector<std::int64_t> year;   // 1-based
  std::vector<std::int64_t> event;  // 1-based within its year
  std::vector<double> start_hour_of_week, duration_hours, severity, net;
  std::vector<double> insured;  // with covers: laid out as `net`
  void clear();
};
using OutageSink = std::function<void(const OutageBlock&)>;

struct EpPoint {
  double return_period = 0;
  double aep = 0, aep_tvar = 0, oep = 0, oep_tvar = 0;
};

struct RiskMeasures {
  double aal = 0;
  double aal_stderr = 0;  // 0 with one year: check has_spread()
  double sd = 0;
  std::size_t years = 0;
  // One year has no spread: its SD and standard error are shown as none, not 0.
  bool has_spread() const { return years > 1; }
  std::vector<EpPoint> ep;  // the return periods <= years, in the order asked
};

// Per year: the outage count, and per segment then the total the year's sum (A_y) and its
// largest outage (M_y); year y (1-based) at row y - 1, `columns` values a row.
struct YearLosses {
  std::size_t columns = 0;
  std::vector<std::int64_t> events;
  std::vector<double> annual;
  std::vector<double> largest;
  // With covers, the same for the insured loss (docs/risk.md, "Covers"): the year's sum after the
  // aggregate limits, and its largest outage's insured loss.
  bool insured = false;
  std::vector<double> insured_annual;
  std::vector<double> insured_largest;
};

struct RiskResult {
  std::string scenario;
  std::string currency;
  std::string process;  // "[risk] in FILE" or "history FILE"
  std::int64_t years = 0;
  bool auto_years = false;
  double tolerance = 0;
  std::uint64_t seed = 0;
  bool central = false;
  double events_per_year = 0;
  double share_of_years_with_outage = 0;
  std::vector<std::string> segment_ids;
  std::vector<std::string> segment_names;
  std::vector<RiskMeasures> segments;
  RiskMeasures total;
  // With covers: the insured basis, per segment and in total.
  std::vector<RiskMeasures> insured_segments;
  std::optional<RiskMeasures> insured_total;
  YearLosses year_losses;
  std::vector<std::string> warnings;
};

// Simulates `options.years` years of `process` against the scenario (prepared for Purpose::risk)
// and computes the measures. `outages`, when set, receives every outage in order, in blocks.
// Throws Error naming the input when a draw breaks a constraint.
RiskResult simulate_risk(const PreparedScenario& prepared, const RiskProcess& process,
                         const RiskOptions& options, const OutageSink& outages = {});

// The measures of docs/risk.md from annual sums and largest outages (one value per year).
RiskMeasures risk_measures(const std::vector<double>& annual, const std::vector<double>& largest,
                           const std::vector<double>& return_periods);

}  // namespace outage
