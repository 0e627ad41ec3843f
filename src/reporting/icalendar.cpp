#include "reporting/icalendar.hpp"

#include <cstdio>

namespace csip::reporting {

namespace {

// YYYYMMDD, the form of a DATE value.
std::string ical_date(domain::Date on) {
    std::string iso = on.iso();
    std::string out;
    for (char c : iso) {
        if (c != '-') out += c;
    }
    return out;
}

// YYYYMMDDTHHMMSSZ, a DATE-TIME in UTC.
std::string ical_stamp(std::chrono::sys_seconds at) {
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss time{at - day};
    char text[32];
    std::snprintf(text, sizeof text, "%04d%02u%02uT%02ld%02ld%02ldZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), long(time.hours().count()),
                  long(time.minutes().count()), long(time.seconds().count()));
    return text;
}

bool continuation(unsigned char octet) { return (octet & 0xC0) == 0x80; }

}  // namespace

std::string escape_ical_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n': out += "\\n"; break;
            default:
                // Other control characters are not allowed in a TEXT value.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t') continue;
                out += c;
        }
    }
    return out;
}

std::string fold_ical_line(std::string_view line) {
    constexpr std::size_t kMostOctets = 75;
    std::string out;
    std::size_t start = 0;
    bool first = true;
    while (true) {
        // A continuation line's leading space counts towards its 75 octets.
        const std::size_t room = first ? kMostOctets : kMostOctets - 1;
        if (line.size() - start <= room) {
            if (!first) out += ' ';
            out.append(line.substr(start));
            out += "\r\n";
            return out;
        }
        std::size_t end = start + room;
        while (end > start && continuation(static_cast<unsigned char>(line[end]))) --end;
        if (!first) out += ' ';
        out.append(line.substr(start, end - start));
        out += "\r\n";
        start = end;
        first = false;
    }
}

std::string render_icalendar(const std::vector<CalendarEvent>& events,
                             std::chrono::sys_seconds stamp) {
    std::string out;
    auto line = [&](std::string_view text) { out += fold_ical_line(text); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//csip//Children's services improvement//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:" + escape_ical_text("Children's services improvement"));
    const std::string dtstamp = ical_stamp(stamp);
    for (const auto& event : events) {
        line("BEGIN:VEVENT");
        line("UID:" + escape_ical_text(event.uid));
        line("DTSTAMP:" + dtstamp);
        line("DTSTART;VALUE=DATE:" + ical_date(event.on));
        line("DTEND;VALUE=DATE:" + ical_date(event.on.plus_days(1)));
        line("SUMMARY:" + escape_ical_text(event.summary));
        if (!event.description.empty()) {
            line("DESCRIPTION:" + escape_ical_text(event.description));
        }
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

}  // namespace csip::reporting
