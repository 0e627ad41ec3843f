#include "reporting/icalendar.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace csip::reporting {
namespace {

using namespace std::chrono;

domain::Date date(const char* iso) { return *domain::Date::parse_iso(iso); }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        if (end == std::string::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

TEST(ICalendar, WritesAllDayEventsWithStableUidsAndStamp) {
    const auto stamp = sys_days{year{2015} / 9 / 15} + hours{7} + minutes{30} + seconds{5};
    const std::string text = render_icalendar(
        {{"meeting-osmc-2015-10-01@csip", date("2015-10-01"), "Overview and Scrutiny", ""}},
        stamp);
    const auto lines = lines_of(text);
    ASSERT_GE(lines.size(), 6u);
    EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
    EXPECT_EQ(lines[1], "VERSION:2.0");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");
    EXPECT_NE(text.find("\r\nPRODID:"), std::string::npos);
    EXPECT_NE(text.find("\r\nUID:meeting-osmc-2015-10-01@csip\r\n"), std::string::npos);
    EXPECT_NE(text.find("\r\nDTSTAMP:20150915T073005Z\r\n"), std::string::npos);
    EXPECT_NE(text.find("\r\nDTSTART;VALUE=DATE:20151001\r\n"), std::string::npos);
    EXPECT_NE(text.find("\r\nDTEND;VALUE=DATE:20151002\r\n"), std::string::npos);
    // Every line ends with CRLF: no bare LF anywhere.
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            EXPECT_EQ(text[i - 1], '\r') << "at " << i;
        }
    }
    EXPECT_EQ(text.substr(text.size() - 2), "\r\n");
}

TEST(ICalendar, EscapesTextValues) {
    EXPECT_EQ(escape_ical_text("Lead: a\\b; c, d\nnext"), "Lead: a\\\\b\\; c\\, d\\nnext");
    EXPECT_EQ(escape_ical_text("one\r\ntwo"), "one\\ntwo");
}

TEST(ICalendar, FoldsLongLinesAt75OctetsWithoutSplittingUtf8) {
    std::string value = "SUMMARY:";
    for (int i = 0; i < 60; ++i) value += "\xC3\xA9";  // é, two octets each
    const std::string folded = fold_ical_line(value);
    const auto lines = lines_of(folded);
    ASSERT_GT(lines.size(), 1u);
    std::string unfolded;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_LE(lines[i].size(), 75u) << lines[i];
        if (i > 0) {
            ASSERT_EQ(lines[i].front(), ' ');
            // A continuation never starts inside a UTF-8 sequence.
            EXPECT_NE(static_cast<unsigned char>(lines[i][1]) & 0xC0, 0x80);
            unfolded += lines[i].substr(1);
        } else {
            unfolded += lines[i];
        }
    }
    EXPECT_EQ(unfolded, value);
}

TEST(ICalendar, LeavesShortLinesWhole) {
    EXPECT_EQ(fold_ical_line("VERSION:2.0"), "VERSION:2.0\r\n");
    const std::string exactly(75, 'x');
    EXPECT_EQ(fold_ical_line(exactly), exactly + "\r\n");
    EXPECT_EQ(fold_ical_line(exactly + "y"), exactly + "\r\n y\r\n");
}

}  // namespace
}  // namespace csip::reporting
