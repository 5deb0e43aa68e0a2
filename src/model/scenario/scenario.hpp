// What a scenario file says, as plain data: the outage, the segments and their links.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/iim/model_kind.hpp"
#include "model/scenario/risk_process.hpp"
#include "model/stats/distribution.hpp"

namespace outage {

// A demand profile: 168 hourly weights normalised to mean 1, hour 0 = Monday 00:00-01:00.
struct Profile {
  std::string name;  // "flat", a bundled name, or the CSV path as written
  std::vector<double> weights = std::vector<double>(kHoursPerWeek, 1.0);
  bool is_flat() const;
};

struct Phase {
  Param after_hours;  // time since the outage start at which this phase begins
  Param severity;     // share of service lost from then on
};

struct Outage {
  std::optional<double> start_unix_seconds;  // UTC
  Param duration_hours;
  Param severity;
  std::vector<Phase> phases;  // after the first phase (which starts at 0 with `severity`)
};

// What a segment's loss is: market output (sales, summed into the total) or welfare (value
// lost by users, e.g. consumer surplus: reported on its own, never summed with sales).
enum class SegmentKind { market, welfare };
const char* segment_kind_name(SegmentKind kind);  // "market" or "welfare"

struct Segment {
  std::string id;
  std::string name;
  Param revenue_per_hour;
  Param dependency;
  Param deferred;
  Param recovery_hours;
  Param buildup_hours;  // version 2: time the indirect inoperability needs to build up (0: none)
  Profile profile;
  double profile_utc_offset_hours = 0;
  std::string io_sector;  // the input-output table's row and column for this segment, if any
  Location where;
  // The share of the segment's output that is value added (its contribution to GDP), if given:
  // value_added_loss = share x net loss (docs/model.md, "Value added").
  std::optional<Param> value_added_share;
  SegmentKind kind = SegmentKind::market;
};

struct Link {
  std::size_t segment = 0;     // index of the segment that takes on inoperability
  std::size_t depends_on = 0;  // index of the segment it depends on
  Param share;                 // a*_ij
};

// Version 2: inputs whose draws are rank-correlated (a Gaussian copula, docs/model.md).
struct Correlation {
  std::vector<std::string> inputs;  // --set names; `*` matches one id
  double rho = 0;                   // Spearman rank correlation of every pair
  Location where;
};

// An insurance policy, a parametric cover or an SLA credit on part of the loss ([[cover]],
// docs/risk.md "Covers"). Its terms are contract numbers, not uncertain inputs.
struct Cover {
  std::string name;
  std::vector<std::size_t> segments;      // indices of the covered segments (every one by default)
  double waiting_period_hours = 0;        // time deductible
  double deductible = 0;                  // per outage, after the waiting period
  std::optional<double> limit;            // per outage
  std::optional<double> aggregate_limit;  // per year, in `risk`
  double share = 1;                       // the cover's share of what is left
  Location where;
};

// Every numeric input is listed, with its name, kind and domain, by InputTable (inputs.hpp).
struct Scenario {
  std::string name;
  std::string description;
  std::string currency = "USD";
  std::vector<std::string> sources;
  std::string path;  // the file it was read from
  Outage outage;
  ModelKind model = ModelKind::dynamic_model;
  std::optional<double> horizon_hours;
  std::vector<Segment> segments;
  std::vector<Link> links;
  std::vector<Correlation> correlations;
  std::optional<RiskProcess> risk;  // [risk], for `risk` (docs/risk.md)
  std::vector<Cover> covers;        // [[cover]] (docs/risk.md)
};

}  // namespace outage
