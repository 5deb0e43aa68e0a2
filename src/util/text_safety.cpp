#include "util/text_safety.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "util/csv.hpp"

namespace outage {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;  // a byte that does not start valid UTF-8

struct Decoded {
  char32_t code_point;  // kInvalid for a stray byte
  std::size_t length;   // bytes consumed (1 for a stray byte)
};

// Decodes the UTF-8 sequence at text[i], rejecting overlong forms and surrogates.
Decoded decode(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t value = 0, minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1Fu, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0Fu, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07u, minimum = 0x10000;
  } else {
    return {kInvalid, 1};
  }
  if (i + length > text.size()) return {kInvalid, 1};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {kInvalid, 1};
    value = (value << 6) | (byte(i + k) & 0x3Fu);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return {kInvalid, 1};
  }
  return {value, length};
}

bool is_bidi_control(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// True for what a terminal acts on instead of showing: C0, DEL, C1 and the bidi controls.
bool needs_escape(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || is_bidi_control(c);
}

std::string escape_of(char32_t c) {
  return c < 0x100 ? fmt::format("\\x{:02x}", static_cast<unsigned>(c))
                   : fmt::format("\\u{:04x}", static_cast<unsigned>(c));
}

struct Range {
  char32_t first, last;
};

template <std::size_t N>
bool in_ranges(const Range (&ranges)[N], char32_t c) {
  const auto* it = std::upper_bound(std::begin(ranges), std::end(ranges), c,
                                    [](char32_t value, const Range& r) { return value < r.first; });
  return it != std::begin(ranges) && c <= std::prev(it)->last;
}

// Combining marks (Unicode general categories Mn, Me) and zero-width format characters of the
// common scripts, sorted.
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F},   {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF},   {0x05C1, 0x05C2},
    {0x05C4, 0x05C5},   {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F},   {0x0670, 0x0670},
    {0x06D6, 0x06DC},   {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED},   {0x0900, 0x0902},
    {0x093A, 0x093A},   {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D},   {0x0951, 0x0957},
    {0x0E31, 0x0E31},   {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF},   {0x1DC0, 0x1DFF},
    {0x200B, 0x200D},   {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x302A, 0x302D},   {0x3099, 0x309A},
    {0xFE00, 0xFE0F},   {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0x1F3FB, 0x1F3FF}, {0xE0001, 0xE007F},
    {0xE0100, 0xE01EF},
};

// East Asian Wide and Fullwidth ranges and emoji shown as two columns, sorted.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B},
    {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F320},
    {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F3FA},
    {0x1F400, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D},
    {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596},
    {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC},
    {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC},
    {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A},
    {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

// One user-perceived character: a base with its combining marks (or a ZWJ sequence), as
// shown (escaped where needed) and the columns it takes.
struct Cluster {
  std::string shown;
  std::size_t width = 0;
};

// Calls visit(cluster) for each cluster of `text`, escaping as sanitize_for_terminal does.
template <typename Visit>
void for_each_cluster(std::string_view text, Visit visit) {
  Cluster cluster;
  bool joined = false;  // the previous code point was a zero-width joiner
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    const std::string_view bytes = text.substr(i, d.length);
    i += d.length;
    if (d.code_point == kInvalid || needs_escape(d.code_point)) {
      if (!cluster.shown.empty()) visit(cluster);
      const std::string shown = d.code_point == kInvalid
                                    ? fmt::format("\\x{:02x}", static_cast<unsigned char>(bytes[0]))
                                    : escape_of(d.code_point);
      visit(Cluster{shown, shown.size()});
      cluster = {};
      joined = false;
      continue;
    }
    const int width = code_point_width(d.code_point);
    if ((width == 0 || joined) && !cluster.shown.empty()) {
      cluster.shown += bytes;  // a mark or a joined character stays with its base
    } else {
      if (!cluster.shown.empty()) visit(cluster);
      cluster = Cluster{std::string(bytes), static_cast<std::size_t>(width)};
    }
    joined = d.code_point == 0x200D;
  }
  if (!cluster.shown.empty()) visit(cluster);
}

}  // namespace

int code_point_width(char32_t code_point) {
  if (code_point < 0x300) return 1;
  if (in_ranges(kZeroWidth, code_point)) return 0;
  if (in_ranges(kWide, code_point)) return 2;
  return 1;
}

namespace {

// The clusters of `text` that fit `width` columns, then "…" when some did not fit (or when
// `more` says the text goes on beyond what is given).
std::string cut_to_width(std::string_view text, std::size_t width, bool more) {
  const bool cut = more || display_width(text) > width;
  const std::size_t room = cut && width > 0 ? width - 1 : width;  // leave one column for "…"
  std::string out;
  std::size_t used = 0;
  bool full = false;
  for_each_cluster(text, [&](const Cluster& cluster) {
    if (full || used + cluster.width > room) {
      full = true;
      return;
    }
    out += cluster.shown;
    used += cluster.width;
  });
  return cut && width > 0 ? out + "…" : out;
}

}  // namespace

std::string sanitize_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_cluster(text, [&](const Cluster& cluster) { out += cluster.shown; });
  return out;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for_each_cluster(text, [&](const Cluster& cluster) { width += cluster.width; });
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  return cut_to_width(text, width, false);
}

std::string excerpt(std::string_view text, std::size_t max) {
  // Look at no more than a few times `max` bytes of a huge text.
  const std::size_t limit = std::max<std::size_t>(max, 1) * 8;
  if (text.size() <= limit) return cut_to_width(text, max, false);
  return cut_to_width(text.substr(0, limit), max, true);
}

std::string xml_safe_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    const char32_t c = d.code_point;
    if (c == kInvalid || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE ||
        c == 0xFFFF) {
      out += "\uFFFD";
    } else if (is_bidi_control(c)) {
      out += escape_of(c);
    } else {
      out += text.substr(i, d.length);
    }
    i += d.length;
  }
  return out;
}

std::string csv_text_field(std::string_view text, bool raw) {
  const bool formula =
      !text.empty() && std::string_view("=+-@\t\r", 7).find(text[0]) != std::string_view::npos;
  if (raw || !formula) return csv_field(text);
  std::string quoted = "\"'";
  for (const char c : text) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  return quoted + "\"";
}

}  // namespace outage
