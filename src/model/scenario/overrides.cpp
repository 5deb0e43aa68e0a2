// Command-line overrides (--set KEY=VALUE, --duration, ...) applied to a parsed scenario file
// before it is read, so that an overridden value is checked like a written one.
#include "model/scenario/overrides.hpp"

#include <fmt/format.h>

#include "model/scenario/toml_values.hpp"
#include "util/parse.hpp"

namespace outage {

toml::table parse_override_value(const Override& override_value) {
  try {
    return toml::parse("value = " + override_value.value, override_value.option);
  } catch (const toml::parse_error&) {
    std::string quoted = "value = \"";
    for (char c : override_value.value) {
      if (c == '"' || c == '\\') quoted.push_back('\\');
      if (static_cast<unsigned char>(c) < 0x20) {
        throw Error(Location{override_value.option, 0, 0}, "the value has a control character");
      }
      quoted.push_back(c);
    }
    quoted += "\"";
    try {
      return toml::parse(quoted, override_value.option);
    } catch (const toml::parse_error& error) {
      throw Error(Location{override_value.option, 0, 0},
                  fmt::format("cannot read the value: {}", error.description()));
    }
  }
}

std::vector<std::string> split_key(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t dot = key.find('.', begin);
    parts.push_back(key.substr(begin, dot - begin));
    if (dot == std::string::npos) break;
    begin = dot + 1;
  }
  return parts;
}

namespace {

// Element `parts[next + 1]` (1-based) of an array of tables, for --set outage.phase.2.after.
toml::table* array_element(toml::array& array, const std::vector<std::string>& parts,
                           std::size_t next, const Override& override_value,
                           const Location& where) {
  const std::string& name = parts[next];
  const auto index =
      next + 1 < parts.size()
          ? parse_integer(parts[next + 1], 1, static_cast<std::int64_t>(array.size()))
          : std::nullopt;
  if (!index || *index < 1 || static_cast<std::size_t>(*index) > array.size()) {
    throw Error(where, fmt::format("'{}': expected {}.N with N from 1 to {} (the scenario has {} "
                                   "{} tables)",
                                   override_value.key, name, array.size(), array.size(), name));
  }
  auto* table = array.get(static_cast<std::size_t>(*index - 1))->as_table();
  if (!table)
    throw Error(where, fmt::format("'{}': {} {} is not a table", override_value.key, name, *index));
  return table;
}

}  // namespace

void apply_override(toml::table& root, const Override& override_value) {
  const Location where{override_value.option, 0, 0};
  const std::vector<std::string> parts = split_key(override_value.key);
  for (const auto& part : parts) {
    if (part.empty()) throw Error(where, fmt::format("bad key '{}'", override_value.key));
  }
  toml::table* target = &root;
  std::size_t next = 0;
  if (parts[0] == "segment") {
    if (parts.size() < 3) {
      throw Error(where, "expected segment.<id>.<key>, e.g. segment.ads.deferred=0.4");
    }
    auto* segments = root["segment"].as_array();
    target = nullptr;
    std::vector<std::string> ids;
    if (segments) {
      for (auto& node : *segments) {
        auto* table = node.as_table();
        if (!table) continue;
        const auto id = (*table)["id"].value<std::string>();
        if (id) ids.push_back(*id);
        if (id && *id == parts[1]) target = table;
      }
    }
    if (!target) {
      throw Error(where, fmt::format("no segment '{}' in the scenario (segments: {})", parts[1],
                                     join(ids)));
    }
    next = 2;
  } else if (parts[0] != "scenario" && parts[0] != "outage" && parts[0] != "model") {
    throw Error(where, fmt::format("unknown key '{}': expected scenario.*, outage.*, model.*, "
                                   "segment.<id>.* or link.<segment>.<depends_on>",
                                   override_value.key));
  }
  for (; next + 1 < parts.size(); ++next) {
    if (auto* array = (*target)[parts[next]].as_array()) {
      // An array of tables is indexed from 1, as its inputs are named: outage.phase.1.after.
      target = array_element(*array, parts, next, override_value, where);
      ++next;
      if (next + 1 >= parts.size()) {
        throw Error(where, fmt::format("'{}' names a whole table: add a key, e.g. {}.{}.after",
                                       override_value.key, parts[0], parts[1]));
      }
      continue;
    }
    auto* child = (*target)[parts[next]].as_table();
    if (!child) {
      target->insert_or_assign(parts[next], toml::table{});
      child = (*target)[parts[next]].as_table();
    }
    target = child;
  }
  toml::table parsed = parse_override_value(override_value);
  parsed["value"].node()->visit(
      [&](auto&& value) { target->insert_or_assign(parts.back(), std::move(value)); });
}

Override parse_set_option(const std::string& text, const std::string& option) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw Error(Location{option, 0, 0},
                fmt::format("expected KEY=VALUE (e.g. segment.ads.deferred=0.4), got '{}'", text));
  }
  const std::string key(trim(std::string_view(text).substr(0, equals)));
  return Override{key, text.substr(equals + 1), option + " " + key};
}

std::vector<Override> parse_set_options(const std::vector<std::string>& texts,
                                        const std::string& option) {
  std::vector<Override> overrides;
  for (const auto& text : texts) {
    Override parsed = parse_set_option(text, option);
    for (const auto& earlier : overrides) {
      if (earlier.key == parsed.key) {
        throw Error(Location{option, 0, 0},
                    fmt::format("'{}' is given twice ('{}' and '{}'): give each key once",
                                parsed.key, earlier.key + "=" + earlier.value, text));
      }
    }
    overrides.push_back(std::move(parsed));
  }
  return overrides;
}

}  // namespace outage
