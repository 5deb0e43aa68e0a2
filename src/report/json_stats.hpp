// Loss statistics as a JSON object, shared by the estimate and sensitivity renderers.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "model/estimate/estimate.hpp"

namespace outage {

// {"mean", "p5", "p50", "p95", "stddev", then "p<percent>" for each extra percentile}, or null.
nlohmann::ordered_json stats_json(const std::optional<LossStats>& stats);

}  // namespace outage
