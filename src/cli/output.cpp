#include "cli/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "cli/terminal.hpp"
#include "report/draws_csv.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/text.hpp"
#include "util/text_safety.hpp"

namespace outage {

void print_note(const std::string& message) {
  std::fprintf(stderr, "outage-impact: note: %s\n",
               sanitize_for_terminal(one_line(message)).c_str());
}

void print_warning(const std::string& message) {
  // Shown as errors are: one line, controls and bidi overrides escaped.
  std::fprintf(stderr, "outage-impact: warning: %s\n",
               sanitize_for_terminal(one_line(message)).c_str());
}

OutputFormat parse_format(const std::string& name) {
  if (name == "csv") return OutputFormat::csv;
  if (name == "json") return OutputFormat::json;
  if (name == "markdown") return OutputFormat::markdown;
  return OutputFormat::table;
}

RenderOptions render_options(const OutputOptions& options, OutputFormat format) {
  RenderOptions render;
  if (options.currency_format.empty()) {
    render.currency_format = (format == OutputFormat::table || format == OutputFormat::markdown)
                                 ? CurrencyFormat::human
                                 : CurrencyFormat::raw;
  } else {
    render.currency_format =
        options.currency_format == "raw" ? CurrencyFormat::raw : CurrencyFormat::human;
  }
  render.color = format == OutputFormat::table && options.output.empty() && terminal().stdout_color;
  render.bars = render.color;
  render.csv_raw_text = options.csv_raw;
  // A table on a terminal fits its width (names truncated to what the amounts leave).
  if (format == OutputFormat::table && to_stdout(options) && terminal().stdout_is_terminal) {
    render.width = static_cast<std::size_t>(std::max(terminal().width, 40));
  }
  return render;
}

bool to_stdout(const OutputOptions& options) {
  return options.output.empty() || options.output == "-";
}

void check_output_paths(bool force,
                        std::initializer_list<std::pair<std::string_view, const char*>> outputs) {
  std::vector<std::pair<std::string, const char*>> seen;
  for (const auto& [path, option] : outputs) {
    if (path.empty()) continue;
    const bool is_output = std::string_view(option) == "--output";
    if (path == "-") {
      if (is_output) continue;
      throw Error(Location{option, 0, 0},
                  "'-' (standard output) is only for -o/--output: give a file name");
    }
    check_output_path(std::string(path), force, option);
    const std::string identity = output_identity(std::string(path));
    for (const auto& [other, other_option] : seen) {
      if (other == identity) {
        throw Error(Location{option, 0, 0},
                    fmt::format("'{}' is also the {} file: give each output its own file",
                                std::string(path), other_option));
      }
    }
    seen.emplace_back(identity, option);
  }
}

void check_svg_name(const std::string& path, const char* option) {
  const std::string extension = std::filesystem::path(path).extension().string();
  std::string lower;
  for (const char c : extension) {
    lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (!lower.empty() && lower != ".svg") {
    throw Error(Location{option, 0, 0},
                fmt::format("charts are SVG: name the file .svg, not '{}'", path));
  }
}

void emit(const std::string& text, const OutputOptions& options) {
  if (!to_stdout(options)) {
    write_file_atomically(options.output, text, options.force, "--output");
    return;
  }
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    throw Error(Location{"<stdout>", 0, 0}, "cannot write to standard output");
  }
}

void write_draws(const SampledLosses& draws, const Scenario& scenario, const std::string& path,
                 bool force) {
  std::vector<std::string> ids;
  for (const auto& segment : scenario.segments) ids.push_back(segment.id);
  AtomicFile file(path, force, "--draws");
  std::string block = draws_csv_header(draws, ids);
  constexpr std::int64_t kBlockRows = 4096;
  for (std::int64_t begin = 0; begin < draws.samples; begin += kBlockRows) {
    append_draws_csv_rows(block, draws, begin, std::min(draws.samples, begin + kBlockRows));
    file.write(block);
    block.clear();
  }
  file.commit();
}

std::string describe_profiles(const Scenario& scenario) {
  std::vector<std::string> seen;
  for (const auto& segment : scenario.segments) {
    std::string name = segment.profile.name.empty() ? std::string("flat") : segment.profile.name;
    if (segment.profile_utc_offset_hours != 0) {
      const double offset = segment.profile_utc_offset_hours;
      const auto minutes = static_cast<int>(std::lround(std::fabs(offset) * 60));
      name += fmt::format(" ({}{:02}:{:02})", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
    }
    if (std::find(seen.begin(), seen.end(), name) == seen.end()) seen.push_back(name);
  }
  std::string text;
  for (const auto& name : seen) text += (text.empty() ? "" : ", ") + name;
  return text;
}

StreamSink::StreamSink(const OutputOptions& options) {
  if (!to_stdout(options)) {
    m_file = std::make_unique<AtomicFile>(options.output, options.force, "--output");
  }
}

StreamSink::~StreamSink() = default;

void StreamSink::write(std::string& buffer) {
  if (m_file) {
    m_file->write(buffer);
  } else if (std::fwrite(buffer.data(), 1, buffer.size(), stdout) != buffer.size()) {
    throw Error(Location{"<stdout>", 0, 0}, "cannot write to standard output");
  }
  buffer.clear();
}

void StreamSink::finish() {
  if (m_file) {
    m_file->commit();
  } else if (std::fflush(stdout) != 0) {
    throw Error(Location{"<stdout>", 0, 0}, "cannot write to standard output");
  }
}

}  // namespace outage
