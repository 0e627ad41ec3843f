// XmlWriter: builds an XML document as text, escaping every attribute value and every piece of
// text, and keeping elements balanced (end() closes the innermost open element). Characters XML
// 1.0 forbids (control characters other than tab, newline and carriage return) are dropped, so
// whatever a plan holds, the result is well formed.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace csip::reporting::docx {

class XmlWriter {
public:
    using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

    XmlWriter();  // starts with the XML declaration (UTF-8, standalone)

    XmlWriter& start(std::string_view name, Attributes attributes = {});
    // An element with no content: <name a="v"/>.
    XmlWriter& empty(std::string_view name, Attributes attributes = {});
    XmlWriter& text(std::string_view text);
    XmlWriter& end();
    // An element holding only text.
    XmlWriter& element(std::string_view name, std::string_view content, Attributes attributes = {});

    // The document; every element still open is closed first.
    [[nodiscard]] std::string finish();

private:
    void open_tag(std::string_view name, Attributes attributes);
    std::string m_out;
    std::vector<std::string> m_open;
};

// `text` with &, <, >, " and ' escaped and forbidden characters dropped.
[[nodiscard]] std::string escape_xml(std::string_view text);

}  // namespace csip::reporting::docx
