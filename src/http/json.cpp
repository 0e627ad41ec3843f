#include "http/json.hpp"

#include <nlohmann/json.hpp>

namespace csip::http {
namespace {

using Json = nlohmann::json;

// Reads one flat object of strings and nulls through nlohmann-json's SAX interface, so that
// what the general parser would accept quietly (a key given twice keeps the last) is refused,
// naming the member at fault.
class FlatObject final : public nlohmann::json_sax<Json> {
  public:
    std::map<std::string, std::optional<std::string>> members;
    std::optional<Error> error;

    bool start_object(std::size_t) override {
        if (m_depth++ == 0) return true;
        return refuse("\"" + m_key + "\" must be a string (or null), not an object", m_key);
    }
    bool end_object() override {
        --m_depth;
        return true;
    }
    bool start_array(std::size_t) override {
        if (m_depth == 0) return refuse("the body must be a JSON object, e.g. {\"note\": \"...\"}");
        return refuse("\"" + m_key + "\" must be a string (or null), not a list", m_key);
    }
    bool end_array() override { return true; }
    bool key(string_t& name) override {
        m_key = name;
        if (members.count(name) != 0) return refuse("\"" + name + "\" is given twice", name);
        return true;
    }
    bool string(string_t& value) override { return member(std::move(value)); }
    bool null() override { return member(std::nullopt); }
    bool boolean(bool) override { return not_text(); }
    bool number_integer(number_integer_t) override { return not_text(); }
    bool number_unsigned(number_unsigned_t) override { return not_text(); }
    bool number_float(number_float_t, const string_t&) override { return not_text(); }
    bool binary(binary_t&) override { return not_text(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        if (m_depth == 0 && m_key.empty()) {
            return refuse("the body must be one JSON object, e.g. {\"note\": \"...\"}");
        }
        if (m_depth == 0) return refuse("there is more after the JSON object; send one object");
        return refuse(m_key.empty() ? "a member name is not a valid JSON string"
                                    : "\"" + m_key + "\" is not a valid JSON string (or what follows it is not JSON)",
                      m_key);
    }

  private:
    bool member(std::optional<std::string> value) {
        if (m_depth == 0) return refuse("the body must be a JSON object, e.g. {\"note\": \"...\"}");
        members.emplace(m_key, std::move(value));
        return true;
    }
    bool not_text() {
        if (m_depth == 0) return refuse("the body must be a JSON object, e.g. {\"note\": \"...\"}");
        return refuse("\"" + m_key + "\" must be a string (or null)", m_key);
    }
    bool refuse(std::string message, std::string field = {}) {
        if (!error) error = Error{ErrorKind::InvalidInput, std::move(message), std::move(field)};
        return false;
    }

    int m_depth = 0;
    std::string m_key;
};

}  // namespace

std::string json_string(std::string_view text) {
    return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<std::map<std::string, std::optional<std::string>>> read_string_object(std::string_view text) {
    FlatObject reader;
    const bool read = Json::sax_parse(text, &reader, Json::input_format_t::json, true, false);
    if (!read || reader.error) {
        return fail(reader.error.value_or(Error{ErrorKind::InvalidInput,
                                                "the body must be one JSON object", {}}));
    }
    return std::move(reader.members);
}

}  // namespace csip::http
