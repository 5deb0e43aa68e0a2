#include "model/validate.hpp"

#include <fmt/format.h>

#include <cmath>

#include "model/inoperability.hpp"
#include "util/parse.hpp"

namespace outage {
namespace {

// Describes a value for a message: "1.5", or "uniform [0.2, 1.5]".
std::string shown(const Param& param) {
  return param.describe();
}

// Checks that every value the parameter can take lies in [min, max] (open ends when
// `min_open` / `max_open`). Lognormal distributions are unbounded above: only their central
// value is checked here; draws are checked when they are made.
void check_range(const Param& param, double min, double max, bool min_open, bool max_open,
                 const std::string& expected) {
  const double low =
      param.kind == DistributionKind::lognormal ? param.central() : param.support_min();
  const double high =
      param.kind == DistributionKind::lognormal ? param.central() : param.support_max();
  const bool low_ok = min_open ? low > min : low >= min;
  const bool high_ok = max_open ? high < max : high <= max;
  if (!low_ok || !high_ok) {
    throw Error(param.where,
                fmt::format("{} must be {}, got {}", param.key, expected, shown(param)));
  }
}

}  // namespace

Matrix central_interdependency(const Scenario& scenario) {
  const auto n = static_cast<Eigen::Index>(scenario.segments.size());
  Matrix matrix = Matrix::Zero(n, n);
  for (const auto& link : scenario.links) {
    matrix(static_cast<Eigen::Index>(link.segment), static_cast<Eigen::Index>(link.depends_on)) =
        link.share.central();
  }
  return matrix;
}

void validate_scenario(const Scenario& scenario) {
  const Outage& outage = scenario.outage;
  check_range(outage.duration_hours, 0, INFINITY, true, false, "> 0 hours");
  check_range(outage.severity, 0, 1, true, false, "in (0, 1]");
  double previous_start = 0;
  for (const auto& phase : outage.phases) {
    check_range(phase.after_hours, 0, INFINITY, true, false, "> 0 hours");
    check_range(phase.severity, 0, 1, false, false, "in [0, 1]");
    const double start = phase.after_hours.central();
    if (start <= previous_start) {
      throw Error(
          phase.after_hours.where,
          fmt::format("{} must come after the previous phase (phases in time order), got {}",
                      phase.after_hours.key, format_duration_hours(start)));
    }
    if (start >= outage.duration_hours.central()) {
      throw Error(phase.after_hours.where,
                  fmt::format("{} = {} is not before the end of the outage ({})",
                              phase.after_hours.key, format_duration_hours(start),
                              format_duration_hours(outage.duration_hours.central())));
    }
    previous_start = start;
  }
  for (const auto& segment : scenario.segments) {
    check_range(segment.revenue_per_hour, 0, INFINITY, false, false, ">= 0");
    check_range(segment.dependency, 0, 1, false, false, "in [0, 1]");
    check_range(segment.deferred, 0, 1, false, false, "in [0, 1]");
    check_range(segment.recovery_hours, 0, INFINITY, true, false, "> 0 hours");
    if (!segment.profile.is_flat() && !outage.start_unix_seconds) {
      throw Error(segment.where,
                  fmt::format("segment '{}' uses profile '{}', which needs outage.start (e.g. "
                              "start = 2024-03-05T15:00:00Z)",
                              segment.id, segment.profile.name));
    }
  }
  for (const auto& link : scenario.links) {
    check_range(link.share, 0, INFINITY, false, false, ">= 0");
    if (link.segment == link.depends_on) {
      check_range(link.share, 0, 1, false, true, "< 1 (a self-link needs 1 - a*_ii > 0)");
    }
  }
  const Matrix interdependency = central_interdependency(scenario);
  const double radius = spectral_radius(interdependency);
  // Within rounding of 1 counts as 1: the Leontief inverse would be numerically meaningless.
  if (!(radius < 1.0 - 1e-10)) {
    const Location where =
        scenario.links.empty() ? Location{scenario.path, 0, 0} : scenario.links.front().share.where;
    throw Error(Location{where.source, 0, 0},
                fmt::format("the links' spectral radius is {:.6g}, it must be < 1: the links "
                            "amplify any shock without bound; lower some link shares",
                            radius));
  }
}

std::vector<std::string> scenario_remarks(const Scenario& scenario) {
  std::vector<std::string> remarks;
  for (const Param* param : scenario.params()) {
    if (param->kind == DistributionKind::lognormal &&
        (param->key.find(".dependency") != std::string::npos ||
         param->key.find(".deferred") != std::string::npos ||
         param->key.find("severity") != std::string::npos)) {
      remarks.push_back(fmt::format("{} is lognormal: draws above 1 will be errors", param->key));
    }
  }
  return remarks;
}

}  // namespace outage
