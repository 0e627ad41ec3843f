#include "app/import_report.hpp"

#include <nlohmann/json.hpp>

#include "reporting/csv_cell.hpp"

namespace csip::app {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchema = "csip-import-report/1";

}  // namespace

std::string import_report_json(const FileImport& file) {
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
                      {"format", std::string(import::format_name(report.format))},
                      {"detected", file.detected},
                      {"records_read", report.records_read},
                      {"used", report.records_used},
                      {"skipped", skipped},
                      {"skipped_by_reason", skipped_by_reason},
                      {"return",
                       {{"format", file.identity.format}, {"reference", file.identity.reference}}},
                      {"replaced", file.replaced},
                      {"problems", problems}};
    // Invalid UTF-8 from a file is replaced rather than refused: the report must be written.
    return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<FileImport> parse_import_report(std::string_view json) {
    const Json in = Json::parse(json, nullptr, false);
    if (in.is_discarded() || !in.is_object() || in.value("schema", "") != kSchema) {
        return fail(ErrorKind::InvalidInput, "the import report kept is not csip-import-report/1",
                    "report");
    }
    try {
        FileImport file;
        file.file = in.at("file").get<std::string>();
        const auto format = import::parse_format_name(in.at("format").get<std::string>());
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
        file.identity.format = in.at("return").at("format").get<std::string>();
        file.identity.reference = in.at("return").at("reference").get<std::string>();
        file.replaced = in.at("replaced").get<bool>();
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

std::string import_problems_csv(const std::vector<FileImport>& files) {
    using reporting::csv_cell;
    std::string out = "file,line,column,column_name,place,message,fix\n";
    for (const auto& file : files) {
        for (const auto& problem : file.report.problems) {
            out += csv_cell(problem.file) + ',' +
                   (problem.line == 0 ? std::string() : std::to_string(problem.line)) + ',' +
                   (problem.column == 0 ? std::string() : std::to_string(problem.column)) + ',' +
                   csv_cell(problem.column_name) + ',' + csv_cell(problem.place) + ',' +
                   csv_cell(problem.message) + ',' + csv_cell(problem.fix) + "\n";
        }
    }
    return out;
}

}  // namespace csip::app
