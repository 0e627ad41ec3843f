#include "http/form.hpp"

#include <algorithm>

namespace csip::http {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";

// Where the error summary's link for `field` leads: the input, a date's first part, a choice's
// first option.
std::string target_of(const Form& form, const std::string& field) {
    for (const auto& candidate : form.fields) {
        if (candidate.name != field) continue;
        if (candidate.kind == Field::Kind::Date) return field + "-day";
        if ((candidate.kind == Field::Kind::Radios || candidate.kind == Field::Kind::Checkboxes) &&
            !candidate.options.empty()) {
            return field + "-" + candidate.options.front().value;
        }
    }
    return field;
}

}  // namespace

Data maybe(const std::string& text) { return text.empty() ? Data(false) : Data(text); }

std::string one(const FormValues& values, const std::string& name) {
    const auto found = values.find(name);
    return found == values.end() || found->second.empty() ? std::string() : found->second.front();
}

FormValues values_from(const httplib::Request& request) {
    FormValues values;
    for (const auto& [name, value] : request.params) values[name].push_back(value);
    return values;
}

DateParts parts_of(const FormValues& values, const std::string& name) {
    if (values.count(name + "_day") || values.count(name + "_month") ||
        values.count(name + "_year")) {
        return {one(values, name + "_day"), one(values, name + "_month"),
                one(values, name + "_year")};
    }
    if (auto date = domain::Date::parse_iso(one(values, name))) return date_parts(*date);
    return {};
}

void show_form(Site& site, httplib::Response& response, const Visitor& visitor, const Form& form,
               const FormValues& values, const std::vector<FieldError>& errors, int status,
               const std::vector<std::pair<std::string, std::string>>& current,
               const std::map<std::string, DateProblem>& date_problems) {
    Data body;
    body.set("heading", form.heading);
    body.set("caption", maybe(form.caption));
    body.set("intro", maybe(form.intro));
    body.set("action", form.action);
    body.set("submit", form.submit);
    body.set("back", form.back);
    body.set("warning", form.warning);
    body.set("multipart", form.multipart);
    body.set("csrf_token", visitor.csrf_token);
    body.set("has_version", form.version.has_value());
    if (form.version) body.set("version", std::to_string(*form.version));
    std::vector<FieldError> linked;
    for (const auto& error : errors)
        linked.push_back({target_of(form, error.field), error.message});
    body.set("errors", errors_data(linked));
    body.set("has_errors", !errors.empty());
    List current_list;
    for (const auto& [label, value] : current) {
        Data row;
        row.set("label", label);
        row.set("value", value.empty() ? std::string("(none)") : value);
        current_list.push_back(row);
    }
    body.set("current", current_list);
    body.set("has_conflict", !current.empty());

    List fields;
    for (const auto& field : form.fields) {
        Data data;
        std::string error;
        for (const auto& candidate : errors) {
            if (candidate.field == field.name && error.empty()) error = candidate.message;
        }
        data.set("name", field.name);
        data.set("label", field.label);
        data.set("hint", maybe(field.hint));
        data.set("error", maybe(error));
        data.set("described", !field.hint.empty() || !error.empty());
        data.set("width", maybe(field.width));
        data.set("numeric", field.numeric);
        data.set("rows", std::to_string(field.rows));
        data.set("value", one(values, field.name));
        const auto& chosen =
            values.count(field.name) ? values.at(field.name) : std::vector<std::string>{};
        List options;
        for (const auto& option : field.options) {
            Data item;
            item.set("value", option.value);
            item.set("label", option.label);
            item.set("hint", maybe(option.hint));
            item.set("id", field.name + "-" + option.value);
            item.set("name", field.name);
            item.set("type", field.kind == Field::Kind::Checkboxes ? "checkbox" : "radio");
            item.set("selected",
                     std::find(chosen.begin(), chosen.end(), option.value) != chosen.end());
            options.push_back(item);
        }
        data.set("options", options);
        data.set("choice", field.kind == Field::Kind::Checkboxes ? "checkboxes" : "radios");
        data.set("small", field.kind == Field::Kind::Checkboxes);
        data.set("is_text", field.kind == Field::Kind::Text);
        data.set("is_textarea", field.kind == Field::Kind::Textarea);
        data.set("is_select", field.kind == Field::Kind::Select);
        data.set("is_choices",
                 field.kind == Field::Kind::Radios || field.kind == Field::Kind::Checkboxes);
        data.set("is_file", field.kind == Field::Kind::File);
        data.set("multiple", field.multiple);
        data.set("is_heading", field.kind == Field::Kind::Heading);
        data.set("is_html", field.kind == Field::Kind::Date || field.kind == Field::Kind::Html);
        if (field.kind == Field::Kind::Html) data.set("html", field.html);
        if (field.kind == Field::Kind::Date) {
            std::optional<DateProblem> problem;
            if (auto found = date_problems.find(field.name); found != date_problems.end()) {
                problem = found->second;
            } else if (!error.empty()) {
                problem = DateProblem{error, true, true, true};
            }
            data.set("html", render_date_input(site.templates,
                                               DateInput{field.name, field.label, field.hint},
                                               parts_of(values, field.name), problem));
        }
        fields.push_back(data);
    }
    body.set("fields", fields);
    response.status = status;
    response.set_content(
        site.page(&visitor, form.section, form.heading, "plan_form", body, !errors.empty()), kHtml);
}

void read_date_field(FormValues& values, const std::string& name, const std::string& what,
                     bool required, std::vector<FieldError>& errors,
                     std::map<std::string, DateProblem>& problems) {
    const DateReading reading = read_date(parts_of(values, name), what);
    if (reading.problem) {
        errors.push_back({name, reading.problem->message});
        problems[name] = *reading.problem;
    } else if (reading.date) {
        values[name] = {reading.date->iso()};
    } else if (required) {
        std::string lower = what;
        if (lower.rfind("The ", 0) == 0) lower[0] = 't';
        errors.push_back({name, "Enter " + lower});
        problems[name] = DateProblem{errors.back().message, true, true, true};
    }
}

}  // namespace csip::http
