// What a run did, for --verbose (on stderr) and the "run" object of JSON output: the size of the
// problem, the LU backend, the spectral radius and how it was certified, the draw path, the
// threads and where the time went (after Ceres' Solver::Summary::FullReport).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace outage {

struct RunReport {
  std::string command;  // "estimate", "sensitivity"
  std::size_t segments = 0;
  std::size_t links = 0;
  std::size_t uncertain_inputs = 0;
  std::string lu_backend;  // dense_lu_backend(segments)
  double spectral_radius = 0;
  std::string spectral_method;  // how the bracket closed (spectral_radius.hpp)
  std::int64_t samples = 0;
  std::uint64_t seed = 0;
  // "none" (central values only), "fast" (unit responses, no solve per draw), "closed_form"
  // (recovery in closed form), "flat" (no profile: phases and build-up in closed form) or
  // "full" (a solve per draw).
  std::string draw_path = "none";
  double draw_seconds = 0;  // wall time of the draws alone
  int threads = 1;
  std::vector<std::pair<std::string, double>> seconds;  // (phase, wall seconds), in order
};

// A block of "name: value" lines, the timings last with their total.
std::string render_run_report(const RunReport& report);

// `json_text` (one JSON object, as render_json writes it) with a "run" key added last.
std::string add_run_to_json(const std::string& json_text, const RunReport& report);

}  // namespace outage
