// XmlStream: expat behind a small event interface, for reading XML of any size in blocks. The
// handler sees each element's start (with its line and column) and its end (with the text
// directly inside it, which is all a leaf holds), plus the path of open elements. Namespace
// prefixes are dropped from names. A handler may stop the parse (a file that turns out not to be
// the format wanted); a file that is not well formed yields an error with its line and column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct XML_ParserStruct;

namespace csip::import::returns {

struct XmlPosition {
    std::uint32_t line = 0;
    std::uint32_t column = 0;  // 1-based
};

struct XmlAttribute {
    std::string_view name;
    std::string_view value;
};

class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    virtual void on_start(std::string_view name, const std::vector<XmlAttribute>& attributes, XmlPosition at) = 0;
    virtual void on_end(std::string_view name, std::string_view text, XmlPosition started_at) = 0;
};

class XmlStream {
public:
    // How deep elements may nest. The returns csip reads go about ten deep (a CIN census child's
    // assessment factors, a worksheet's rich text); a file nested deeper than this is refused
    // with the place it passes the limit, so that hostile input cannot grow the open-element
    // path without bound.
    static constexpr std::size_t kMaxDepth = 256;

    explicit XmlStream(XmlHandler& handler);
    ~XmlStream();
    XmlStream(const XmlStream&) = delete;
    XmlStream& operator=(const XmlStream&) = delete;

    // Parses the next block; `last` on the final one (it may be empty). False once the parse
    // has failed or been stopped; see stopped() and error().
    bool feed(const char* data, std::size_t size, bool last);
    // Called by the handler: ends the parse, keeping `reason` for the caller.
    void stop(std::string reason);

    [[nodiscard]] const std::optional<std::string>& stopped() const { return m_stop_reason; }
    // The parse error, as `line:column: what expat found`, when the XML is not well formed.
    [[nodiscard]] std::string error() const;
    [[nodiscard]] XmlPosition error_position() const { return m_error_at; }
    // Whether the parse failed because elements nest deeper than kMaxDepth (error_position()
    // is where), rather than because the XML is not well formed.
    [[nodiscard]] bool nested_too_deep() const { return m_too_deep; }
    // Names of the elements open around the current event, outermost first; during on_start
    // and on_end the last is the element itself.
    [[nodiscard]] const std::vector<std::string>& path() const { return m_path; }
    // The name of the element `levels` above the current one ("" past the root).
    [[nodiscard]] std::string_view parent(std::size_t levels = 1) const;
    [[nodiscard]] bool saw_root() const { return m_saw_root; }

private:
    static void start_element(void* self, const char* name, const char** attributes);
    static void end_element(void* self, const char* name);
    static void character_data(void* self, const char* text, int length);

    XmlHandler& m_handler;
    XML_ParserStruct* m_parser = nullptr;
    std::vector<std::string> m_path;
    std::vector<XmlPosition> m_started_at;
    std::string m_text;
    std::optional<std::string> m_stop_reason;
    std::string m_error;
    XmlPosition m_error_at;
    bool m_failed = false;
    bool m_too_deep = false;
    bool m_saw_root = false;
};

}  // namespace csip::import::returns
