// The Monte Carlo standard errors of an estimate's mean and percentiles, as a table below the
// estimate's (estimate --show-stderr; JSON always carries them as "stderr").
#pragma once

#include <string>

#include "model/estimate/estimate.hpp"
#include "report/render.hpp"

namespace outage {

// Text (or Markdown) rows per segment and the total: each statistic's standard error and its
// share of the statistic. Empty when the estimate has no draws.
std::string render_stderr_table(const Estimate& estimate, const RenderOptions& options,
                                bool markdown);

}  // namespace outage
