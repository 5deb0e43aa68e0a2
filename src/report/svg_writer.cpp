#include "report/svg_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "util/text_safety.hpp"

namespace outage {
namespace {

constexpr const char* kFont = "DejaVu Sans, Verdana, Arial, sans-serif";

}  // namespace

Svg::Svg(double height, const std::string& title) {
  m_out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 "
      "{0} {1}\" font-family=\"{2}\">\n<title>{3}</title>\n"
      "<rect x=\"0\" y=\"0\" width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n",
      kSvgWidth, height, kFont, xml_escape(title));
}

void Svg::text(double x, double y, const std::string& content, double size, const char* anchor,
               const char* extra) {
  m_out += fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" text-anchor=\"{}\" fill=\"#222222\"{}>"
      "{}</text>\n",
      x, y, size, anchor, extra, xml_escape(content));
}

void Svg::line(double x1, double y1, double x2, double y2, const char* colour, double width) {
  m_out += fmt::format(
      "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
      "stroke-width=\"{}\"/>\n",
      x1, y1, x2, y2, colour, width);
}

void Svg::rect(double x, double y, double w, double h, const char* fill, const char* extra) {
  m_out += fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"{}/>\n", x, y,
      std::max(w, 0.0), std::max(h, 0.0), fill, extra);
}

double text_width(const std::string& text, double font_size) {
  return static_cast<double>(display_width(text)) * font_size * 0.6;
}

std::string fit_text(const std::string& text, double font_size, double width) {
  if (text_width(text, font_size) <= width) return text;
  const double columns = std::floor(width / (font_size * 0.6));
  return truncate_to_width(text, columns > 0 ? static_cast<std::size_t>(columns) : 0);
}

std::string polygon_points(const std::vector<std::pair<double, double>>& points) {
  std::string text;
  for (const auto& [x, y] : points) text += fmt::format("{:.1f},{:.1f} ", x, y);
  if (!text.empty()) text.pop_back();
  return text;
}

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : xml_safe_text(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::vector<double> nice_ticks(double low, double high, int count) {
  if (!(high > low)) return {low};
  const double raw_step = (high - low) / std::max(1, count);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
  double step = magnitude;
  for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = factor * magnitude;
    if (step >= raw_step) break;
  }
  std::vector<double> ticks;
  for (double tick = std::floor(low / step) * step; tick <= high + step * 1e-9; tick += step) {
    ticks.push_back(std::fabs(tick) < step * 1e-9 ? 0.0 : tick);
    if (ticks.size() > 100) break;
  }
  if (ticks.back() < high) ticks.push_back(ticks.back() + step);
  return ticks;
}

}  // namespace outage
