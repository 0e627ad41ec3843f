// An iCalendar (RFC 5545) feed of all-day events: the governance bodies' meetings and the due
// dates of the plan's actions, for Outlook or any calendar that subscribes to a URL. Pure: the
// caller gives the events and the moment the feed is written (DTSTAMP). The text is written as
// RFC 5545 requires: CRLF line ends, content lines folded at 75 octets (never inside a UTF-8
// sequence), TEXT values escaped (backslash, semicolon, comma, newline).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"

namespace csip::reporting {

struct CalendarEvent {
    std::string uid;      // stable across feeds: meeting-{body}-{date}@csip, action-{id}@csip
    domain::Date on;      // an all-day event on this date
    std::string summary;
    std::string description;  // may be empty
};

// The VCALENDAR with one VEVENT per event, in the order given.
[[nodiscard]] std::string render_icalendar(const std::vector<CalendarEvent>& events,
                                           std::chrono::sys_seconds stamp);

// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon and comma preceded by a
// backslash, a newline written as \n.
[[nodiscard]] std::string escape_ical_text(std::string_view text);

// One content line folded (RFC 5545 §3.1): at most 75 octets a line, each further line opened by
// a space, never cutting a UTF-8 sequence; every line ended by CRLF.
[[nodiscard]] std::string fold_ical_line(std::string_view line);

}  // namespace csip::reporting
