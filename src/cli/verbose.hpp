// --verbose: what a run did (report/run_report.hpp), with the wall time of each phase.
#pragma once

#include <chrono>
#include <string>

#include "model/estimate/monte_carlo.hpp"
#include "model/scenario/scenario.hpp"
#include "report/run_report.hpp"

namespace CLI {
class App;
}

namespace outage {

// Adds --verbose to a subcommand.
void add_verbose_option(CLI::App& command, bool& verbose);

// Measures phases one after the other: each lap() ends the current phase.
class PhaseTimer {
 public:
  explicit PhaseTimer(RunReport& report) : m_report(report) {}
  void lap(const char* phase);

 private:
  RunReport& m_report;
  std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

// The scenario's part of the report: sizes, LU backend, spectral radius and its method.
void describe_scenario(const PreparedScenario& prepared, RunReport& report);
// The draws' part: how many, the path, the threads.
void describe_draws(const SampledLosses& draws, const SamplingOptions& sampling, RunReport& report);

// Prints the report on stderr.
void print_run_report(const RunReport& report);

}  // namespace outage
