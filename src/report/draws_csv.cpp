#include "report/draws_csv.hpp"

#include "report/currency.hpp"
#include "util/csv.hpp"

namespace outage {

std::string draws_csv_header(const SampledLosses& draws, const std::vector<std::string>& ids) {
  std::vector<std::string> header = {"draw"};
  header.insert(header.end(), draws.input_names.begin(), draws.input_names.end());
  for (const auto& id : ids) header.push_back("segment." + id + ".net_loss");
  header.emplace_back("total");
  return csv_row(header);
}

void append_draws_csv_rows(std::string& out, const SampledLosses& draws, std::int64_t begin,
                           std::int64_t end) {
  const auto count = static_cast<std::size_t>(draws.samples);
  const std::size_t inputs = draws.input_names.size();
  for (std::int64_t draw = begin; draw < end; ++draw) {
    const auto j = static_cast<std::size_t>(draw);
    out += std::to_string(draw);
    for (std::size_t c = 0; c < inputs; ++c) {
      out += ',';
      append_number_raw(out, draws.inputs[c * count + j]);
    }
    for (std::size_t i = 0; i <= draws.segments; ++i) {
      out += ',';
      append_number_raw(out, draws.net[i * count + j]);
    }
    out += '\n';
  }
}

}  // namespace outage
