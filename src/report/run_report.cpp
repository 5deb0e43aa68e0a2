#include "report/run_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/json_text.hpp"

namespace outage {
namespace {

std::string draw_path_text(const RunReport& report) {
  if (report.draw_path == "fast") return "fast (unit responses: no solve per draw)";
  if (report.draw_path == "closed_form") {
    return "closed form (recovery in closed form, no solve per draw)";
  }
  if (report.draw_path == "flat") {
    return "flat closed form (no profile: phases and build-up in closed form, no solve per draw)";
  }
  if (report.draw_path == "full") return "full (a solve per draw)";
  return "none (central values only)";
}

}  // namespace

std::string render_run_report(const RunReport& report) {
  std::string text = fmt::format("{} run report\n", report.command);
  const auto line = [&](const char* name, const std::string& value) {
    text += fmt::format("  {:<22}{}\n", name, value);
  };
  line("segments", std::to_string(report.segments));
  line("links", std::to_string(report.links));
  line("uncertain inputs", std::to_string(report.uncertain_inputs));
  line("LU backend", report.lu_backend);
  line("spectral radius",
       fmt::format("{:.10g} ({})", report.spectral_radius, report.spectral_method));
  line("draws", report.samples > 0 ? fmt::format("{} (seed {}) in {:.4f} s", report.samples,
                                                 report.seed, report.draw_seconds)
                                   : std::string("0"));
  line("draw path", draw_path_text(report));
  line("threads", std::to_string(report.threads));
  double total = 0;
  text += "  time (wall seconds)\n";
  for (const auto& [phase, seconds] : report.seconds) {
    text += fmt::format("    {:<20}{:>10.4f}\n", phase, seconds);
    total += seconds;
  }
  text += fmt::format("    {:<20}{:>10.4f}\n", "total", total);
  return text;
}

std::string add_run_to_json(const std::string& json_text, const RunReport& report) {
  using json = nlohmann::ordered_json;
  json out = json::parse(json_text);
  json seconds = json::object();
  for (const auto& [phase, value] : report.seconds) seconds[phase] = value;
  out["run"] = json{{"segments", report.segments},
                    {"links", report.links},
                    {"uncertain_inputs", report.uncertain_inputs},
                    {"lu_backend", report.lu_backend},
                    {"spectral_radius", report.spectral_radius},
                    {"spectral_method", report.spectral_method},
                    {"samples", report.samples},
                    {"seed", report.seed},
                    {"draw_path", report.draw_path},
                    {"draw_seconds", report.draw_seconds},
                    {"threads", report.threads},
                    {"seconds", std::move(seconds)}};
  return json_document(out);
}

}  // namespace outage
