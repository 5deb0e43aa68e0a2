// `outage-impact risk`: what outages will cost in a year, and how bad a bad year is
// (risk.md). The subcommand registers its own options; app.cpp constructs it and runs it.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace outage {

struct RiskCliOptions {
  std::string scenario = "meta-2024-03-05";
  std::vector<std::string> sets;
  std::string model;
  std::string risk_file;
  std::string history;
  std::string history_period;
  std::string years = "10000";
  std::string tolerance;
  std::string seed;
  std::string threads;
  bool central = false;
  std::string return_periods;
  std::string ylt, elt, ord;
  std::string format = "table";
  std::string currency_format;
  std::string output;
  bool force = false;
  bool quiet = false;
};

class RiskCommand {
 public:
  explicit RiskCommand(CLI::App& app);
  bool selected() const { return m_command && m_command->parsed(); }
  // Runs the subcommand; returns the exit code, throws outage::Error.
  int run() const;

 private:
  CLI::App* m_command = nullptr;
  RiskCliOptions m_options;
};

int run_risk(const RiskCliOptions& options);

}  // namespace outage
