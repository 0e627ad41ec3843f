// Text that an earlier release stored without checking it (bytes that are not UTF-8, control
// characters) is read and written without failing: the JSON the CLI and the API give and the
// XML inside DOCX files stay readable, with U+FFFD where the bytes were.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "domain/action_history.hpp"
#include "reporting/audit_text.hpp"
#include "reporting/docx/xml_writer.hpp"
#include "reporting/plan_text.hpp"

namespace csip::reporting {
namespace {

constexpr const char* kStored = "stored before the check \xFF\xFE";

TEST(StoredText, AnActionsHistoryWithBytesThatAreNotUtf8IsStillJson) {
    domain::Action action;
    action.id = "A1";
    action.due = action.original_due = *domain::Date::parse_iso("2015-10-01");
    action.updates.push_back({*domain::Date::parse_iso("2015-09-01"), "lead", kStored, {}, {}});
    const std::string json = render_history_json(action, domain::build_history(action, {}));
    const auto parsed = nlohmann::json::parse(json);
    EXPECT_NE(json.find("\xEF\xBF\xBD"), std::string::npos);
    EXPECT_EQ(parsed["action"], "A1");
}

TEST(StoredText, TheAuditTrailWithBytesThatAreNotUtf8IsStillJson) {
    const std::vector<domain::AuditEntry> entries{{1, "2015-09-01T09:00:00Z", "lead", "action",
                                                   "A1", "status_update", std::nullopt,
                                                   std::string(kStored), std::nullopt}};
    const auto parsed = nlohmann::json::parse(render_audit_json(entries));
    EXPECT_EQ(parsed["entries"].size(), 1U);
}

TEST(StoredText, XmlInADocumentNeverCarriesBytesThatAreNotUtf8) {
    EXPECT_EQ(docx::escape_xml("a \xFF <b>"), "a \xEF\xBF\xBD &lt;b&gt;");
}

}  // namespace
}  // namespace csip::reporting
