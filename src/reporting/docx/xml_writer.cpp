#include "reporting/docx/xml_writer.hpp"

#include "domain/text.hpp"

namespace csip::reporting::docx {

std::string escape_xml(std::string_view raw) {
    // Text stored by a release that did not check it may hold bytes that are not UTF-8, which
    // would leave the document not well-formed: they are shown as U+FFFD.
    const std::string text = domain::displayable(raw);
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                // Bytes 0x00-0x1F other than tab, LF and CR are not allowed in XML 1.0.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    break;
                }
                out += c;
        }
    }
    return out;
}

XmlWriter::XmlWriter() : m_out("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n") {}

void XmlWriter::open_tag(std::string_view name, Attributes attributes) {
    m_out += '<';
    m_out += name;
    for (const auto& [key, value] : attributes) {
        m_out += ' ';
        m_out += key;
        m_out += "=\"";
        m_out += escape_xml(value);
        m_out += '"';
    }
}

XmlWriter& XmlWriter::start(std::string_view name, Attributes attributes) {
    open_tag(name, attributes);
    m_out += '>';
    m_open.emplace_back(name);
    return *this;
}

XmlWriter& XmlWriter::empty(std::string_view name, Attributes attributes) {
    open_tag(name, attributes);
    m_out += "/>";
    return *this;
}

XmlWriter& XmlWriter::text(std::string_view content) {
    m_out += escape_xml(content);
    return *this;
}

XmlWriter& XmlWriter::end() {
    if (m_open.empty()) return *this;
    m_out += "</";
    m_out += m_open.back();
    m_out += '>';
    m_open.pop_back();
    return *this;
}

XmlWriter& XmlWriter::element(std::string_view name, std::string_view content,
                              Attributes attributes) {
    start(name, attributes);
    text(content);
    return end();
}

std::string XmlWriter::finish() {
    while (!m_open.empty()) end();
    return std::move(m_out);
}

}  // namespace csip::reporting::docx
