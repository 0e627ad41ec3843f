#include "app/import_report.hpp"

#include "import/returns/report_json.hpp"
#include "reporting/csv_cell.hpp"

namespace csip::app {

std::string import_report_json(const FileImport& file) {
    return import::write_report_json({file.file, file.report, file.detected, file.identity.format,
                                      file.identity.reference, file.replaced, file.note});
}

Result<FileImport> parse_import_report(std::string_view json) {
    auto kept = import::read_report_json(json);
    if (!kept) return fail(kept.error());
    FileImport file;
    file.file = std::move(kept->file);
    file.report = std::move(kept->report);
    file.detected = kept->detected;
    file.identity.format = std::move(kept->return_format);
    file.identity.reference = std::move(kept->return_reference);
    file.replaced = kept->replaced;
    file.note = std::move(kept->note);
    return file;
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
