// The children's social work workforce census (CSWW) reader: streams <Message> with expat and
// turns each <CSWWWorker> into a SocialWorker of a WorkforceSnapshot taken at the header's
// <ReferenceDate>. Every worker in the census is a registered social worker (hence a SWENo), so
// each counts as qualified; the census names no team.
#include <cmath>
#include <optional>
#include <string>

#include "import/returns/reader_support.hpp"
#include "import/returns/values.hpp"
#include "import/returns/xml_stream.hpp"

namespace csip::import::returns {
namespace {

struct Field {
    std::string text;
    XmlPosition at;
};

class CswwHandler final : public XmlHandler {
public:
    explicit CswwHandler(ReportBuilder& report) : m_report(report) {}
    void attach(XmlStream& stream) { m_stream = &stream; }

    [[nodiscard]] bool recognised() const { return m_recognised; }
    [[nodiscard]] const std::optional<Field>& reference_date() const { return m_reference_date; }
    [[nodiscard]] std::vector<domain::SocialWorker>& workers() { return m_workers; }

    void on_start(std::string_view name, const std::vector<XmlAttribute>& /*attributes*/, XmlPosition at) override {
        if (m_stream->path().size() == 1) {
            if (name != "Message")
                m_stream->stop("its root element is <" + printable(name) + ">, not <Message>");
            return;
        }
        if (name == "CSWWWorker") {
            m_recognised = true;
            m_in_worker = true;
            m_worker_at = at;
            m_id.reset();
            m_agency.reset();
            m_fte.reset();
            m_start.reset();
            m_end.reset();
        }
    }

    void on_end(std::string_view name, std::string_view text, XmlPosition at) override {
        const auto parent = m_stream->parent();
        if (name == "Collection" && parent == "CollectionDetails") {
            const auto collection = trim(text);
            if (!iequals(collection, "CSWW")) {
                m_stream->stop("its <Collection> is '" + printable(collection) + "', not 'CSWW'");
            }
            m_recognised = true;
            return;
        }
        if (name == "ReferenceDate" && parent == "CollectionDetails") {
            m_reference_date = Field{std::string(trim(text)), at};
            return;
        }
        if (!m_in_worker) return;
        Field field{std::string(trim(text)), at};
        if (parent == "CSWWWorker") {
            if (name == "SWENo") m_id = std::move(field);
            else if (name == "AgencyWorker") m_agency = std::move(field);
            else if (name == "FTE") m_fte = std::move(field);
            else if (name == "RoleStartDate") m_start = std::move(field);
            else if (name == "RoleEndDate") m_end = std::move(field);
        } else if (name == "CSWWWorker") {
            m_in_worker = false;
            emit_worker();
        }
    }

private:
    void skip(const std::string& reason, XmlPosition at, std::string message, std::string fix) {
        const std::string who =
            m_id && !m_id->text.empty() ? "worker " + printable(m_id->text) : "worker (no SWENo)";
        m_report.skip(reason, Problem{.file = {},
                                      .place = who,
                                      .line = at.line,
                                      .column = at.column,
                                      .column_name = {},
                                      .message = std::move(message),
                                      .fix = std::move(fix)});
    }

    bool date_field(const std::optional<Field>& field, std::string_view element, std::optional<domain::Date>& out) {
        if (!field || field->text.empty()) return true;
        out = parse_date(field->text);
        if (out) return true;
        skip("worker with an unreadable role date", field->at,
             "<" + std::string(element) + "> '" + printable(field->text) + "' is not a date",
             "write the date as YYYY-MM-DD");
        return false;
    }

    void emit_worker() {
        m_report.count_read();
        domain::SocialWorker worker;
        worker.worker_id = m_id ? m_id->text : std::string();
        worker.qualified = true;
        if (!m_agency || m_agency->text.empty()) {
            return skip("worker without AgencyWorker", m_worker_at, "the worker has no <AgencyWorker>",
                        "record 1 for an agency worker, 0 for an employee");
        }
        const auto agency = parse_bool(m_agency->text);
        if (!agency) {
            return skip("worker with an unreadable AgencyWorker", m_agency->at,
                        "<AgencyWorker> '" + printable(m_agency->text) + "' is not 1 or 0",
                        "record 1 for an agency worker, 0 for an employee");
        }
        worker.agency = *agency;
        if (!m_fte || m_fte->text.empty()) {
            return skip("worker without an FTE", m_worker_at, "the worker has no <FTE>",
                        "record the full-time equivalent, e.g. 1 or 0.6");
        }
        const auto fte = parse_number(m_fte->text);
        if (!fte || !std::isfinite(*fte)) {
            return skip("worker with an unreadable FTE", m_fte->at,
                        "<FTE> '" + printable(m_fte->text) + "' is not a full-time equivalent",
                        "record the post's full-time equivalent " + std::string(kFteRange));
        }
        if (*fte < 0.0 || *fte > kMaxFte) {
            return skip("worker with an unreadable FTE", m_fte->at,
                        "<FTE> '" + printable(m_fte->text) +
                            "' is outside the full-time equivalents one post can have (0 to 1)",
                        "record the post's full-time equivalent " + std::string(kFteRange) +
                            "; a worker with two posts has a record for each");
        }
        worker.fte = *fte;
        if (!date_field(m_start, "RoleStartDate", worker.start)) return;
        if (!date_field(m_end, "RoleEndDate", worker.end)) return;
        if (worker.start && worker.end && *worker.end < *worker.start) {
            return skip("worker who left before starting", m_end->at,
                        "<RoleEndDate> " + worker.end->iso() + " is before <RoleStartDate> " + worker.start->iso(),
                        "correct whichever of the two dates is wrong");
        }
        worker.source = {m_report.file(), m_worker_at.line};
        m_workers.push_back(std::move(worker));
        m_report.count_used();
    }

    ReportBuilder& m_report;
    XmlStream* m_stream = nullptr;
    bool m_recognised = false;
    bool m_in_worker = false;
    XmlPosition m_worker_at;
    std::optional<Field> m_reference_date;
    std::optional<Field> m_id, m_agency, m_fte, m_start, m_end;
    std::vector<domain::SocialWorker> m_workers;
};

}  // namespace

Result<void> read_csww(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out) {
    CswwHandler handler(report);
    XmlStream stream(handler);
    handler.attach(stream);
    std::uint64_t bytes_read = 0;
    if (auto streamed = stream_xml_file(path, ReturnFormat::Csww, stream, report, bytes_read); !streamed) {
        return streamed;
    }
    if (!handler.recognised()) {
        return not_this_format(report.file(), ReturnFormat::Csww,
                               "it has neither <Collection>CSWW</Collection> nor <CSWWWorker>");
    }
    const auto& reference = handler.reference_date();
    const auto date = reference ? parse_date(reference->text) : std::nullopt;
    if (!date) {
        const std::string where =
            reference ? ":" + std::to_string(reference->at.line) + ":" + std::to_string(reference->at.column) : "";
        return fail(ErrorKind::InvalidInput,
                    report.file() + where + ": the census has no readable <ReferenceDate>, so the workforce cannot be "
                                            "dated; give <Header><CollectionDetails><ReferenceDate> as YYYY-MM-DD",
                    report.file());
    }
    out.workforce.push_back(domain::WorkforceSnapshot{*date, std::move(handler.workers())});
    return {};
}

}  // namespace csip::import::returns
