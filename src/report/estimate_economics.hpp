// The estimate renderers' parts: value added lost (a column when a segment gives a
// share) and welfare segments' own total (never summed with market output).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/estimate/estimate.hpp"
#include "report/render.hpp"

namespace outage {

constexpr const char* kWelfareTotalLabel = "Welfare total (not in Total)";

// Whether any segment gives a value-added share: the table and Markdown then show a column.
bool has_value_added(const Estimate& estimate);

// The label of the market total row: what it sums when welfare segments are left out of it.
std::string total_label(const Estimate& estimate);

// The table's value-added header cell and a row's cell, when the column is shown: the mean
// with draws, else the value at central inputs; empty where no share is given.
void add_value_added_header_cell(const Estimate& estimate, std::vector<std::string>& cells);
void add_value_added_cell(std::vector<std::string>& cells, const Estimate& estimate,
                          const std::optional<double>& central, const std::optional<double>& mean,
                          const RenderOptions& options);

// CSV: value_added_loss, and value_added_loss_mean with draws.
void add_value_added_csv_header(const Estimate& estimate, std::vector<std::string>& header);
// A row's value added at central values and its mean over the draws.
using ValueAdded = std::pair<std::optional<double>, std::optional<double>>;
template <typename Money>
void add_value_added_csv_fields(std::vector<std::string>& fields, const Estimate& estimate,
                                const ValueAdded& value, const Money& money) {
  fields.push_back(value.first ? money(*value.first) : "");
  if (estimate.samples > 0) fields.push_back(value.second ? money(*value.second) : "");
}

// JSON: "kind" of a segment; "value_added_loss" (null without a share) and, with draws,
// "value_added_loss_mean".
void add_value_added_json(nlohmann::ordered_json& item, const Estimate& estimate,
                          const std::optional<double>& value, const std::optional<double>& mean);

// A total as JSON: the losses, "stats", with covers "insured_loss" and "insured_stats", then
// "value_added_loss" (and its mean with draws).
nlohmann::ordered_json total_json(const Estimate& estimate, const TotalEstimate& total);

// The notes under the table (or a Markdown paragraph), when the estimate has value added or
// welfare segments; else empty.
std::string economics_notes(const Estimate& estimate);
std::string markdown_economics_notes(const Estimate& estimate);

}  // namespace outage
