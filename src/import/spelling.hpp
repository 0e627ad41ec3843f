// Suggestions for misspelt names (a key such as `staus`, a column such as `Due date`), so that
// a message can say "did you mean 'status'?". A name is close to a candidate when they are the
// same apart from case, spaces, '_' and '-', or at most two letters apart.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csip::import {

// Lower case, with spaces and '-' as '_': `Original due` -> `original_due`.
std::string normalise_name(std::string_view name);

// The candidate closest to `name`, if one is close enough to be what was meant.
std::optional<std::string_view> closest_spelling(std::string_view name,
                                                 const std::vector<std::string_view>& candidates);

}  // namespace csip::import
