// Every Monte Carlo draw as CSV (--draws, docs/model.md "Version 2 additions"): `draw`, each
// uncertain input by its --set name (durations in hours, revenues per hour), each segment's net
// loss as `segment.<id>.net_loss`, then `total`; one row per draw, in draw order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/estimate/monte_carlo.hpp"

namespace outage {

std::string draws_csv_header(const SampledLosses& draws, const std::vector<std::string>& ids);

// Appends rows [begin, end) to `out` (full precision, '.' decimal point).
void append_draws_csv_rows(std::string& out, const SampledLosses& draws, std::int64_t begin,
                           std::int64_t end);

}  // namespace outage
