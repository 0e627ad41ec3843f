#include "import/returns/report_json.hpp"

#include <nlohmann/json.hpp>

#include "import/returns/detect.hpp"

namespace csip::import {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchema = "csip-import-report/1";

}  // namespace

std::string write_report_json(const KeptReport& file) {
    const auto& report = file.report;
    Json problems = Json::array();
    for (const auto& problem : report.problems) {
        problems.push_back({{"file", problem.file},
                            {"line", problem.line},
                            {"column", problem.column},
                            {"column_name", problem.column_name},
                            {"place", problem.place},
                            {"message", problem.message},
                            {"fix", problem.fix}});
    }
    Json skipped_by_reason = Json::object();
    std::uint64_t skipped = 0;
    for (const auto& [reason, count] : report.skipped_by_reason) {
        skipped_by_reason[reason] = count;
        skipped += count;
    }
    const Json out = {{"schema", kSchema},
                      {"file", file.file},
                      {"format", std::string(format_name(report.format))},
                      {"detected", file.detected},
                      {"records_read", report.records_read},
                      {"used", report.records_used},
                      {"skipped", skipped},
                      {"skipped_by_reason", skipped_by_reason},
                      {"return",
                       {{"format", file.return_format}, {"reference", file.return_reference}}},
                      {"replaced", file.replaced},
                      {"note", file.note},
                      {"problems", problems}};
    // Invalid UTF-8 from a file is replaced rather than refused: the report must be written.
    return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<KeptReport> read_report_json(std::string_view json) {
    const Json in = Json::parse(json, nullptr, false);
    if (in.is_discarded() || !in.is_object() || in.value("schema", "") != kSchema) {
        return fail(ErrorKind::InvalidInput, "the import report kept is not csip-import-report/1",
                    "report");
    }
    try {
        KeptReport file;
        file.file = in.at("file").get<std::string>();
        const auto format = parse_format_name(in.at("format").get<std::string>());
        if (!format) {
            return fail(ErrorKind::InvalidInput, "the import report names an unknown format",
                        "report");
        }
        file.report.format = *format;
        file.detected = in.at("detected").get<bool>();
        file.report.records_read = in.at("records_read").get<std::uint64_t>();
        file.report.records_used = in.at("used").get<std::uint64_t>();
        for (const auto& [reason, count] : in.at("skipped_by_reason").items()) {
            file.report.skipped_by_reason[reason] = count.get<std::uint64_t>();
        }
        file.return_format = in.at("return").at("format").get<std::string>();
        file.return_reference = in.at("return").at("reference").get<std::string>();
        file.replaced = in.at("replaced").get<bool>();
        file.note = in.value("note", "");  // absent from reports kept before notes were
        for (const auto& problem : in.at("problems")) {
            file.report.problems.push_back({problem.at("file").get<std::string>(),
                                            problem.at("place").get<std::string>(),
                                            problem.at("line").get<std::uint32_t>(),
                                            problem.at("column").get<std::uint32_t>(),
                                            problem.at("column_name").get<std::string>(),
                                            problem.at("message").get<std::string>(),
                                            problem.at("fix").get<std::string>()});
        }
        return file;
    } catch (const Json::exception& error) {
        return fail(ErrorKind::InvalidInput,
                    std::string("the import report kept is damaged: ") + error.what(), "report");
    }
}

}  // namespace csip::import
