// A small SVG writer for the charts: a document of a fixed width with a white background,
// text, lines, rectangles and raw elements; plus the helpers the charts share.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace outage {

constexpr double kSvgWidth = 800;
// Okabe-Ito's colour-blind-safe palette, then two more, and grey for "other".
constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
                                    "#56B4E9", "#F0E442", "#000000", "#8C564B", "#6A3D9A"};
constexpr const char* kOtherColour = "#9E9E9E";

class Svg {
 public:
  // Starts a document of `height` px with `title` (escaped) and a white background.
  Svg(double height, const std::string& title);
  void text(double x, double y, const std::string& content, double size,
            const char* anchor = "start", const char* extra = "");
  void line(double x1, double y1, double x2, double y2, const char* colour, double width = 1);
  void rect(double x, double y, double w, double h, const char* fill, const char* extra = "");
  // Appends an element as given (the caller escapes its text).
  void raw(const std::string& element) { m_out += element; }
  // The document, closed.
  std::string finish() { return m_out + "</svg>\n"; }

 private:
  std::string m_out;
};

// A linear map from [low, high] to pixels [pixel_low, pixel_high].
struct Axis {
  double low, high, pixel_low, pixel_high;
  double map(double value) const {
    if (high == low) return pixel_low;
    return pixel_low + (value - low) / (high - low) * (pixel_high - pixel_low);
  }
};

// Approximate width of text in px (DejaVu Sans averages about 0.6 em per column; wide
// characters take two columns, combining marks none).
double text_width(const std::string& text, double font_size);
// Cuts text to fit `width` px, ending with an ellipsis; controls shown escaped when cut.
std::string fit_text(const std::string& text, double font_size, double width);
// "x,y x,y ..." for a polygon's points attribute, one decimal.
std::string polygon_points(const std::vector<std::pair<double, double>>& points);

// "Round" tick values covering [low, high] with about `count` ticks.
std::vector<double> nice_ticks(double low, double high, int count);

// Escapes &, <, >, " and ' for SVG text and attributes; code points XML 1.0 does not allow
// become U+FFFD and bidi controls are shown escaped (xml_safe_text).
std::string xml_escape(const std::string& text);

}  // namespace outage
