// Validation of a scenario's values, callable on its own (as Ceres' Options::IsValid).
#pragma once

#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "util/eigen.hpp"

namespace outage {

// Throws Error at the offending value's location for the first value out of range: shares
// outside [0, 1], severity outside (0, 1], non-positive durations or recovery times, negative
// revenues or link shares, 1 - a*_ii <= 0, a spectral radius of A* >= 1 at central values,
// phases out of order, a non-flat profile without outage.start.
void validate_scenario(const Scenario& scenario);

// Non-fatal remarks about a valid scenario (e.g. a distribution whose upper tail can break a
// constraint, which only a draw can tell).
std::vector<std::string> scenario_remarks(const Scenario& scenario);

// The interdependency matrix A* at the scenario's central values.
Matrix central_interdependency(const Scenario& scenario);

}  // namespace outage
