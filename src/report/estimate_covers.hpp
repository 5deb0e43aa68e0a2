// The estimate renderers' parts for covers (docs/risk.md, "Covers"): insured and retained losses in
// the table, the insured_loss columns of the CSV, a line per cover under the table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/estimate/estimate.hpp"
#include "report/render.hpp"

namespace outage {

// What the covers pay and what is left, for a row: over the draws when there are draws.
void add_insured_cells(std::vector<std::string>& cells, const Estimate& estimate, double net,
                       const std::optional<double>& insured,
                       const std::optional<LossStats>& net_stats,
                       const std::optional<LossStats>& insured_stats, const RenderOptions& options);

// One line per cover: its covered loss and what it pays at central values.
std::string describe_covers(const Estimate& estimate, const RenderOptions& options);

// CSV: with covers, an insured_loss column after every other, and its statistics with draws.
void add_insured_header(const Estimate& estimate, std::vector<std::string>& header);

}  // namespace outage
