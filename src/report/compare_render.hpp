// Renderers for `compare` (docs/risk.md, "Comparisons"): a table, long-form CSV
// (segment,measure,return_period,a,b,difference), JSON and Markdown.
#pragma once

#include <string>

#include "model/analyses/compare.hpp"
#include "report/render.hpp"

namespace outage {

std::string render_comparison(const Comparison& comparison, OutputFormat format,
                              const RenderOptions& options);

}  // namespace outage
