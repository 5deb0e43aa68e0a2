// Self-contained SVG charts (our own small writer: no Debian package renders charts to SVG
// without pulling in a plotting stack). Every chart is 800 px wide with an explicit white
// background, so it reads the same in light and dark viewers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/analyses/sensitivity.hpp"
#include "model/estimate/estimate.hpp"
#include "model/iim/inoperability.hpp"
#include "report/svg_writer.hpp"  // nice_ticks, xml_escape

namespace outage {

// Cumulative net loss over time, stacked by segment (the largest nine, then "other"), with the
// outage window shaded. `names` are the segments' display names, in the series' order.
std::string render_timeline_svg(const std::vector<SeriesPoint>& points,
                                const std::vector<std::string>& names, const Estimate& estimate);

// Two panels: the loss exceedance curve of the total (log x axis) and each segment's p5-p95
// range of net loss with its median. `totals` are the sampled total net losses.
std::string render_uncertainty_svg(std::vector<double> totals, const Estimate& estimate);

// The tornado: for each input, a bar from the total at its p5 to the total at its p95.
std::string render_tornado_svg(const Sensitivity& sensitivity);

}  // namespace outage
