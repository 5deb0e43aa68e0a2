// Checks that what the model computed can be shown: every loss a finite number.
#pragma once

#include "model/analyses/compare.hpp"
#include "model/analyses/sensitivity.hpp"
#include "model/estimate/estimate.hpp"
#include "model/iim/inoperability.hpp"
#include "model/risk/risk.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

// Throws Error (bad input) naming the scenario input that made a loss, a statistic or the
// total overflow to infinity or NaN: the revenue of the segment (the largest one when only
// the total overflows) or the widest distribution when sampled statistics overflow.
void check_finite_losses(const Estimate& estimate, const Scenario& scenario);

// The same for one batch incident's losses (and their total); the error is at `where`, the
// incident's row.
void check_finite_losses(const SegmentLosses& losses, const Scenario& scenario,
                         const Location& where);

// The same for the tornado: the central total and each input's totals at its p5 and p95.
void check_finite_losses(const Sensitivity& sensitivity, const Scenario& scenario);

// The same for `risk`: every AAL, standard error, SD and return-period loss, per segment and in
// total, net and insured; the error is at `where` (the scenario) and names the first measure
// that overflowed.
void check_finite_risk(const RiskResult& result, const Location& where);

// The same for `compare`: every row's A, B, difference and standard error.
void check_finite_comparison(const Comparison& comparison, const Location& where);

}  // namespace outage
