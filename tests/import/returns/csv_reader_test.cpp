#include "import/returns/csv_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace csip::import::returns {
namespace {

std::vector<CsvRecord> read_all(const std::string& text) {
    std::istringstream in(text);
    CsvReader reader(in);
    std::vector<CsvRecord> records;
    CsvRecord record;
    while (reader.next(record)) records.push_back(record);
    return records;
}

TEST(ReturnsCsvReader, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
    const auto records = read_all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\r\n");
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[1].fields[0].text, "x, y");
    EXPECT_EQ(records[1].fields[1].text, "say \"hi\"");
    EXPECT_EQ(records[1].fields[2].text, "two\nlines");
    EXPECT_EQ(records[2].line, 4u) << "the embedded newline moves the next record down a line";
    ASSERT_EQ(records[2].fields.size(), 3u);
    EXPECT_EQ(records[2].fields[1].text, "");
}

TEST(ReturnsCsvReader, SkipsTheByteOrderMarkAndBlankLines) {
    const auto records = read_all("\xEF\xBB\xBF" "CHILD,DECOM\n\n1,01/01/2020\n,\n");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].fields[0].text, "CHILD");
    EXPECT_EQ(records[1].line, 3u);
}

TEST(ReturnsCsvReader, GivesEachFieldItsColumnInCharacters) {
    const auto records = read_all("é,b\n");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].fields[1].column, 3u);
}

TEST(ReturnsCsvReader, ReportsAnUnclosedQuoteAtItsField) {
    const auto records = read_all("a,b\n1,\"never closed\n2,3\n");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_TRUE(records[1].unterminated_quote);
    EXPECT_EQ(records[1].bad_quote_line, 2u);
    EXPECT_EQ(records[1].bad_quote_field, 1u);
}

TEST(ReturnsCsvReader, ReportsTextAfterAClosingQuote) {
    const auto records = read_all("\"a\"b,c\n");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_FALSE(records[0].unterminated_quote);
    EXPECT_EQ(records[0].bad_quote_field, 0u);
    EXPECT_EQ(records[0].fields[0].text, "ab");
}

TEST(ReturnsCsvReader, ReadsRecordsAcrossBlockBoundaries) {
    std::string text = "id,value\n";
    for (int i = 0; i < 200000; ++i) text += std::to_string(i) + ",\"v" + std::to_string(i) + "\"\n";
    const auto records = read_all(text);
    ASSERT_EQ(records.size(), 200001u);
    EXPECT_EQ(records.back().fields[1].text, "v199999");
    EXPECT_EQ(records.back().line, 200001u);
}

}  // namespace
}  // namespace csip::import::returns
