// Small text helpers: "did you mean" suggestions, valid UTF-8, one-line messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace outage {

// The number of single-character insertions, deletions, substitutions and swaps of two
// neighbours that turn `a` into `b` (optimal string alignment distance).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a likely typo (distance at
// most 1 for short words, a third of the length for longer ones, or `word` is a prefix of
// it); "" otherwise. Ties go to the first candidate.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// `text` with every byte that is not part of valid UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// `text` on one line: line breaks, tabs and other control characters written as \n, \r, \t,
// \xHH.
std::string one_line(std::string_view text);

}  // namespace outage
