#include "cli/verbose.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "model/iim/spectral_radius.hpp"
#include "model/scenario/inputs.hpp"
#include "util/dense_lu.hpp"

namespace outage {

void add_verbose_option(CLI::App& command, bool& verbose) {
  command.add_flag("--verbose", verbose,
                   "Report on stderr what was done: LU backend, spectral radius, draw path, "
                   "threads, time per phase (and a \"run\" object in JSON output)");
}

void PhaseTimer::lap(const char* phase) {
  const auto now = std::chrono::steady_clock::now();
  m_report.seconds.emplace_back(phase, std::chrono::duration<double>(now - m_start).count());
  m_start = now;
}

void describe_scenario(const PreparedScenario& prepared, RunReport& report) {
  const Scenario& scenario = prepared.scenario();
  report.segments = scenario.segments.size();
  report.links = scenario.links.size();
  report.uncertain_inputs = 0;
  for (const Input& input : prepared.table().inputs()) {
    if (input.param->is_uncertain()) ++report.uncertain_inputs;
  }
  report.lu_backend = dense_lu_backend(static_cast<Eigen::Index>(scenario.segments.size()));
  const SpectralCertificate& certificate = prepared.certificate();
  report.spectral_radius = certificate.radius;
  report.spectral_method = certificate.method;
}

void describe_draws(const SampledLosses& draws, const SamplingOptions& sampling,
                    RunReport& report) {
  report.samples = draws.samples;
  report.seed = sampling.seed;
  report.draw_path = draws.samples == 0       ? "none"
                     : draws.fast_path        ? "fast"
                     : draws.closed_form_path ? "closed_form"
                     : draws.flat_path        ? "flat"
                                              : "full";
  report.threads = draws.samples == 0 ? 1 : sampling.threads;
  report.draw_seconds = draws.seconds;
}

void print_run_report(const RunReport& report) {
  const std::string text = render_run_report(report);
  std::fputs(text.c_str(), stderr);
}

}  // namespace outage
