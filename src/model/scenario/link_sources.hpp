// Reading a scenario's links: [[link]] tables, [links] matrix (a square CSV of shares),
// [links] io_table (an input-output table, model/io_tables/io_table.hpp) and link overrides.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "model/scenario/scenario.hpp"
#include "model/scenario/scenario_loader.hpp"

namespace outage {

class LinkReader {
 public:
  // Relative paths (matrix and io_table files) are read from `base_directory`.
  explicit LinkReader(std::string base_directory);

  // [[link]] segment = "i", depends_on = "j", share = a*_ij.
  void read_link_tables(const toml::node& node, Scenario& scenario);
  // [links] matrix = "file.csv" or io_table = "file.csv" with its io_* keys.
  void read_links_section(const toml::node& node, Scenario& scenario);
  // --set link.<segment>.<depends_on>=SHARE: replaces that link's share or adds the link.
  void apply_link_override(const Override& override_value, Scenario& scenario);

 private:
  // The index of segment `id`, or null.
  const std::size_t* find_segment(const Scenario& scenario, const std::string& id);
  // The same, or an Error at `where` naming the segments.
  std::size_t segment_index(const Scenario& scenario, const std::string& id, const Location& where);
  // The segment named by a string node, or an Error at the node.
  std::size_t segment_index(const Scenario& scenario, const toml::node& id_node,
                            std::string_view what);
  // Adds the link unless it was given already (then false, and `link` is untouched).
  bool try_add_link(Scenario& scenario, Link& link);
  // Adds the link, or throws at `where` when it was given already.
  void add_link(Scenario& scenario, Link link, const Location& where);
  [[noreturn]] static void link_given_twice(const Scenario& scenario, const Link& link,
                                            const Location& where);
  std::string relative_path(const toml::node& node, const std::string& what) const;
  void read_io_links(const toml::table& table, const toml::node& io_node, Scenario& scenario);
  void read_matrix_csv(const std::string& path, const Location& where, Scenario& scenario);

  std::string m_base_directory;
  std::unordered_map<std::string, std::size_t> m_index;  // segment id -> index
  std::unordered_set<std::uint64_t> m_given;             // (segment << 32) | depends_on
};

}  // namespace outage
