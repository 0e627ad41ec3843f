#include "import/returns/xml_stream.hpp"

#include <expat.h>

#include <limits>

namespace csip::import::returns {
namespace {

// Leaves in the returns hold dates, codes and short text; more than this inside one element
// is not something csip reads, and capping it keeps memory bounded on hostile input.
constexpr std::size_t kMaxText = 64 * 1024;

std::string_view local_name(const char* name) {
    std::string_view full(name);
    const auto colon = full.rfind(':');
    return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

std::uint32_t to_u32(XML_Size value) {
    return value > std::numeric_limits<std::uint32_t>::max() ? std::numeric_limits<std::uint32_t>::max()
                                                              : static_cast<std::uint32_t>(value);
}

}  // namespace

XmlStream::XmlStream(XmlHandler& handler) : m_handler(handler), m_parser(XML_ParserCreate(nullptr)) {
    XML_SetUserData(m_parser, this);
    XML_SetElementHandler(m_parser, &XmlStream::start_element, &XmlStream::end_element);
    XML_SetCharacterDataHandler(m_parser, &XmlStream::character_data);
}

XmlStream::~XmlStream() { XML_ParserFree(m_parser); }

bool XmlStream::feed(const char* data, std::size_t size, bool last) {
    if (m_failed || m_stop_reason) return false;
    // expat takes an int length; blocks are 1 MiB, far below the limit.
    const auto status = XML_Parse(m_parser, data, static_cast<int>(size), last ? 1 : 0);
    if (m_stop_reason || m_too_deep) return false;
    if (status != XML_STATUS_OK) {
        m_failed = true;
        m_error_at = {to_u32(XML_GetCurrentLineNumber(m_parser)),
                      to_u32(XML_GetCurrentColumnNumber(m_parser)) + 1};
        m_error = XML_ErrorString(XML_GetErrorCode(m_parser));
        return false;
    }
    if (last && !m_saw_root) {
        m_failed = true;
        m_error_at = {1, 1};
        m_error = "no element found";
        return false;
    }
    return true;
}

void XmlStream::stop(std::string reason) {
    if (m_stop_reason) return;
    m_stop_reason = std::move(reason);
    XML_StopParser(m_parser, XML_FALSE);
}

std::string XmlStream::error() const {
    return std::to_string(m_error_at.line) + ":" + std::to_string(m_error_at.column) + ": " + m_error;
}

std::string_view XmlStream::parent(std::size_t levels) const {
    if (levels >= m_path.size()) return {};
    return m_path[m_path.size() - 1 - levels];
}

void XmlStream::start_element(void* self, const char* name, const char** attributes) {
    auto& stream = *static_cast<XmlStream*>(self);
    if (stream.m_stop_reason || stream.m_too_deep) return;
    stream.m_saw_root = true;
    const XmlPosition at{to_u32(XML_GetCurrentLineNumber(stream.m_parser)),
                         to_u32(XML_GetCurrentColumnNumber(stream.m_parser)) + 1};
    if (stream.m_path.size() >= kMaxDepth) {
        stream.m_failed = true;
        stream.m_too_deep = true;
        stream.m_error_at = at;
        stream.m_error = "elements are nested more than " + std::to_string(kMaxDepth) + " deep";
        XML_StopParser(stream.m_parser, XML_FALSE);
        return;
    }
    stream.m_path.emplace_back(local_name(name));
    stream.m_started_at.push_back(at);
    stream.m_text.clear();
    std::vector<XmlAttribute> list;
    for (const char** attribute = attributes; attribute[0] != nullptr; attribute += 2) {
        list.push_back({local_name(attribute[0]), attribute[1]});
    }
    stream.m_handler.on_start(stream.m_path.back(), list, at);
}

void XmlStream::end_element(void* self, const char* /*name*/) {
    auto& stream = *static_cast<XmlStream*>(self);
    if (stream.m_stop_reason || stream.m_too_deep || stream.m_path.empty()) return;
    stream.m_handler.on_end(stream.m_path.back(), stream.m_text, stream.m_started_at.back());
    stream.m_path.pop_back();
    stream.m_started_at.pop_back();
    stream.m_text.clear();
}

void XmlStream::character_data(void* self, const char* text, int length) {
    auto& stream = *static_cast<XmlStream*>(self);
    if (length <= 0 || stream.m_text.size() >= kMaxText) return;
    stream.m_text.append(text, static_cast<std::size_t>(length));
}

}  // namespace csip::import::returns
