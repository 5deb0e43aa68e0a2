// The one check of a scenario's inputs (inputs.hpp): what passes it never fails at a draw.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "model/iim/spectral_radius.hpp"
#include "model/scenario/correlations.hpp"
#include "model/scenario/inputs.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"

namespace outage {
namespace {

// A distribution that leaves more than this share of its probability outside its domain is
// a mistake, not a range to truncate.
constexpr double kMaxCutOff = 0.5;

using Check = tl::expected<void, Error>;

tl::unexpected<Error> failure(const Location& where, const std::string& what) {
  return tl::unexpected<Error>(Error(where, what));
}

Check check_input(const Input& input) {
  const Param& param = *input.param;
  const Domain domain = input.domain();
  const double central = param.central();
  if (!domain.contains(central)) {
    return failure(param.where, fmt::format("{} must be {}, got {}", input.name, input.expected(),
                                            param.describe()));
  }
  if (input.is_truncated() && input.probability_cut_off() > kMaxCutOff) {
    return failure(param.where,
                   fmt::format("{}: {} puts {:.1f}% of its probability outside the input's "
                               "domain ({}): give a range inside it",
                               input.name, param.describe(), 100 * input.probability_cut_off(),
                               input.expected()));
  }
  return {};
}

// Phases must start in order and before the end of the outage in every draw: each phase's
// latest start before the next one's earliest, and before the shortest drawn duration.
Check check_phases(const Outage& outage) {
  const Domain positive = domain_of(InputKind::duration);
  const double shortest = std::max(outage.duration_hours.support_min(), positive.min);
  double previous_latest = 0;
  for (const auto& phase : outage.phases) {
    const Param& after = phase.after_hours;
    // Draws are truncated to (0, infinity): a first phase may reach down to 0.
    const double earliest = std::max(after.support_min(), 0.0);
    if (!(earliest > previous_latest || (previous_latest == 0 && earliest == 0))) {
      return failure(after.where,
                     fmt::format("{} must come after the previous phase (phases in time order), "
                                 "got {}",
                                 after.key,
                                 after.is_uncertain() ? after.describe()
                                                      : format_duration_hours(after.central())));
    }
    if (!(after.support_max() < shortest)) {
      const bool fixed = !after.is_uncertain() && !outage.duration_hours.is_uncertain();
      return failure(
          after.where,
          fixed ? fmt::format("{} = {} is not before the end of the outage ({})", after.key,
                              format_duration_hours(after.central()),
                              format_duration_hours(outage.duration_hours.central()))
                : fmt::format("{} can reach {}, not before the shortest drawn outage.duration "
                              "({}): phases must start before the outage ends in every draw",
                              after.key, format_duration_hours(after.support_max()),
                              format_duration_hours(shortest)));
    }
    previous_latest = after.support_max();
  }
  return {};
}

// The links as matrix entries, at their central or largest values (a distribution's upper
// end, within its domain): A* without its n x n zeros.
std::vector<MatrixEntry> link_entries(const Scenario& scenario, bool largest) {
  std::vector<MatrixEntry> entries;
  entries.reserve(scenario.links.size());
  for (const auto& link : scenario.links) {
    double value = link.share.central();
    if (largest) {
      const Domain domain = domain_of(link.segment == link.depends_on ? InputKind::self_link_share
                                                                      : InputKind::link_share);
      value = std::min(link.share.support_max(), domain.max);
    }
    entries.push_back({link.segment, link.depends_on, value});
  }
  return entries;
}

// The strongest links of the cycle that carries the radius, as "a depends on b (0.6)", and the
// place of the strongest one. A link's share is its entry's (the last entry for its place).
std::pair<std::string, Location> strongest_cycle_links(const Scenario& scenario,
                                                       const std::vector<MatrixEntry>& entries,
                                                       const SpectralCertificate& certificate) {
  constexpr std::size_t kShown = 3;
  std::vector<char> in_cycle(scenario.segments.size(), 0);
  for (const auto i : certificate.component) in_cycle[i] = 1;
  std::vector<std::size_t> links;  // indices into scenario.links and entries
  for (std::size_t k = 0; k < scenario.links.size(); ++k) {
    const Link& link = scenario.links[k];
    if (in_cycle[link.segment] && in_cycle[link.depends_on]) links.push_back(k);
  }
  std::stable_sort(links.begin(), links.end(), [&](std::size_t a, std::size_t b) {
    return entries[a].value > entries[b].value;
  });
  if (links.empty()) return {std::string(), Location{scenario.path, 0, 0}};
  std::string text;
  for (std::size_t k = 0; k < std::min(kShown, links.size()); ++k) {
    const Link& link = scenario.links[links[k]];
    text += fmt::format("{}'{}' depends on '{}' ({:.6g})", k == 0 ? "" : ", ",
                        excerpt(scenario.segments[link.segment].id),
                        excerpt(scenario.segments[link.depends_on].id), entries[links[k]].value);
  }
  return {text, scenario.links[links.front()].share.where};
}

// A* must have a spectral radius provably below kLargestSpectralRadius (spectral_radius.hpp).
Check check_radius(const Scenario& scenario, bool at_largest) {
  const std::vector<MatrixEntry> entries = link_entries(scenario, at_largest);
  const SpectralCertificate certificate =
      spectral_radius_certificate(scenario.segments.size(), entries);
  if (certificate.below(kLargestSpectralRadius)) return {};
  const auto [links, where] = strongest_cycle_links(scenario, entries, certificate);
  const std::string cycle =
      links.empty() ? std::string()
                    : fmt::format(" around a cycle of {} segment{} whose strongest links are {}",
                                  certificate.component.size(),
                                  certificate.component.size() == 1 ? "" : "s", links);
  return failure(where.source.empty() ? Location{scenario.path, 0, 0} : where,
                 at_largest ? fmt::format("the links' spectral radius reaches {:.10g} at the link "
                                          "shares' largest values{}; it must stay below 1 - 1e-9 "
                                          "in every draw: narrow the link shares' distributions",
                                          certificate.radius, cycle)
                            : fmt::format("the links' spectral radius is {:.10g}{}; it must be "
                                          "below 1 - 1e-9, or the links amplify a shock without "
                                          "bound: lower some link shares",
                                          certificate.radius, cycle));
}

Check check_links(const Scenario& scenario) {
  if (auto checked = check_radius(scenario, false); !checked) return checked;
  const bool uncertain = std::any_of(scenario.links.begin(), scenario.links.end(),
                                     [](const Link& link) { return link.share.is_uncertain(); });
  if (!uncertain) return {};
  return check_radius(scenario, true);
}

}  // namespace

SpectralCertificate central_spectral_radius(const Scenario& scenario) {
  return spectral_radius_certificate(scenario.segments.size(), link_entries(scenario, false));
}

tl::expected<void, Error> check_inputs(const Scenario& scenario, StartRule start) {
  return check_inputs(InputTable(scenario), start);
}

tl::expected<void, Error> check_inputs(const InputTable& table, StartRule start) {
  const Scenario& scenario = table.scenario();
  for (const Input& input : table.inputs()) {
    if (auto checked = check_input(input); !checked) return checked;
  }
  if (auto checked = check_phases(scenario.outage); !checked) return checked;
  for (const auto& segment : scenario.segments) {
    if (start == StartRule::scenario && !segment.profile.is_flat() &&
        !scenario.outage.start_unix_seconds) {
      return failure(segment.where,
                     fmt::format("segment '{}' uses profile '{}', which needs outage.start (e.g. "
                                 "start = 2024-03-05T15:00:00Z)",
                                 segment.id, segment.profile.name));
    }
  }
  if (auto groups = resolve_correlations(table); !groups) return tl::unexpected(groups.error());
  return check_links(scenario);
}

void require_valid_inputs(const Scenario& scenario) {
  if (auto checked = check_inputs(scenario); !checked) throw checked.error();
}

std::vector<std::string> input_remarks(const Scenario& scenario) {
  std::vector<std::string> remarks;
  const InputTable table(scenario);
  for (const Input& input : table.inputs()) {
    if (!input.is_truncated()) continue;
    remarks.push_back(fmt::format(
        "{} = {} is truncated to its domain ({}): a draw outside it "
        "is drawn again ({:.3g}% of its probability cut off)",
        input.name, input.param->describe(), input.expected(), 100 * input.probability_cut_off()));
  }
  return remarks;
}

}  // namespace outage
