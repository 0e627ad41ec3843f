// The JSON the HTTP layer reads and writes itself: an update's body (a flat object of strings)
// and the strings of its error documents.
#include <gtest/gtest.h>

#include "http/json.hpp"

namespace csip::http {
namespace {

TEST(UpdateBody, ReadsStringsAndTreatsNullAsAbsent) {
    auto members = read_string_object(R"( {"note": "Done \"today\"\n", "rag": null} )");
    ASSERT_TRUE(members.has_value()) << members.error().message;
    EXPECT_EQ(members->at("note"), "Done \"today\"\n");
    EXPECT_FALSE(members->at("rag").has_value());
}

TEST(UpdateBody, DecodesUnicodeEscapesIncludingSurrogatePairs) {
    auto members = read_string_object(R"({"note": "caf\u00e9 \ud83d\ude00 \u2019"})");
    ASSERT_TRUE(members.has_value()) << members.error().message;
    EXPECT_EQ(members->at("note"), "café 😀 ’");
}

TEST(UpdateBody, RefusesWhatIsNotAFlatObjectOfStringsNamingTheMember) {
    EXPECT_FALSE(read_string_object("[]").has_value());
    EXPECT_FALSE(read_string_object("").has_value());
    EXPECT_FALSE(read_string_object(R"({"note": "x"} extra)").has_value());
    EXPECT_EQ(read_string_object(R"({"note": 1})").error().field, "note");
    EXPECT_EQ(read_string_object(R"({"note": {"a": "b"}})").error().field, "note");
    EXPECT_EQ(read_string_object(R"({"note": "a", "note": "b"})").error().field, "note");
    EXPECT_EQ(read_string_object(R"({"note": "\ud83d"})").error().field, "note");
    EXPECT_EQ(read_string_object("{\"note\": \"line\nbreak\"}").error().field, "note");
    EXPECT_TRUE(read_string_object("{}").has_value());
}

TEST(JsonString, EscapesQuotesBackslashesAndControlCharacters) {
    EXPECT_EQ(json_string("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\u0001\"");
    EXPECT_EQ(json_string("café"), "\"café\"");
}

}  // namespace
}  // namespace csip::http
