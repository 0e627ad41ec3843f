// How domain values read on a page: dates as people write them ("15 September 2015"), an
// action's state as a word in a coloured tag (the word carries the meaning, the colour only
// repeats it), and an action as a table row. Private to src/http.
#pragma once

#include <string>

#include "domain/date.hpp"
#include "domain/plan.hpp"
#include "http/templates.hpp"

namespace csip::http {

[[nodiscard]] std::string long_date(domain::Date date);
// "15 September 2015" from an ISO 8601 timestamp; "15 September 2015 at 10:04" with `time`
// (the timestamp's own clock, UTC for csip's); the timestamp as it is when it is not one.
[[nodiscard]] std::string when_text(const std::string& timestamp, bool time);

// "Red", "Amber", "Green", "Complete", "Not started" or "In progress", and its tag class.
[[nodiscard]] std::string state_word(domain::ActionStatus status, const std::optional<domain::Rag>& rag);
[[nodiscard]] std::string state_class(domain::ActionStatus status, const std::optional<domain::Rag>& rag);
[[nodiscard]] std::string rag_class(domain::Rag rag);

// id, text, lead, due, original_due, rescheduled, overdue, state, state_class, latest.
[[nodiscard]] Data action_row(const domain::Action& action, domain::Date as_of);

// A number as people read it: "12", "12.5"; a percentage with one decimal place: "93.3%".
[[nodiscard]] std::string number_text(double value);
[[nodiscard]] std::string percent_text(double value);

}  // namespace csip::http
