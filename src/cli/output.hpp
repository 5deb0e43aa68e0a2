// Where results go: standard output or an atomic file, and how they are rendered for it.
// Messages on stderr (warnings, notes) go through here too, so they look the same everywhere.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "cli/options.hpp"
#include "model/estimate/monte_carlo.hpp"
#include "report/render.hpp"

namespace outage {

class AtomicFile;

// "outage-impact: warning: MESSAGE" on stderr.
void print_warning(const std::string& message);
// "outage-impact: note: MESSAGE" on stderr, escaped as warnings are.
void print_note(const std::string& message);

OutputFormat parse_format(const std::string& name);
// The currency format (default by format) and colour (table on a colour terminal only).
RenderOptions render_options(const OutputOptions& options, OutputFormat format);

// True when the result goes to standard output: no -o, or -o -.
bool to_stdout(const OutputOptions& options);

// Refuses, before any work, each output path that could not be written, and two outputs that
// name the same file (after resolving links and the directory); empty paths are outputs that
// were not asked for. Pairs are (path, option name); "-" is standard output, for --output only.
void check_output_paths(bool force,
                        std::initializer_list<std::pair<std::string_view, const char*>> outputs);

// Refuses (exit 2) a chart file name with an extension other than .svg: charts are SVG.
void check_svg_name(const std::string& path, const char* option);

// Writes to --output atomically, or to stdout, checking for write errors.
void emit(const std::string& text, const OutputOptions& options);

// Writes every draw (--draws) atomically, in blocks so that memory stays that of the draws.
void write_draws(const SampledLosses& draws, const Scenario& scenario, const std::string& path,
                 bool force);

// "social-global, ecommerce (+07:00)": the distinct profiles the segments use.
std::string describe_profiles(const Scenario& scenario);

// Output that streams: to stdout as it goes, or to an atomic file committed at the end.
class StreamSink {
 public:
  explicit StreamSink(const OutputOptions& options);
  ~StreamSink();
  StreamSink(const StreamSink&) = delete;
  StreamSink& operator=(const StreamSink&) = delete;
  // Writes and clears `buffer`.
  void write(std::string& buffer);
  // Commits the file, or flushes stdout; throws Error on a write error.
  void finish();

 private:
  std::unique_ptr<AtomicFile> m_file;
};

}  // namespace outage
