// The CIN census reader: streams <Message><Children><Child> with expat, holding one child at a
// time. Of each <CINdetails> it keeps every <Assessments>, <Section47> and
// <ChildProtectionPlans> module (a CINdetails may hold several of each), emitted when the
// child's element closes so that LAchildID may come anywhere inside the child.
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "import/returns/reader_support.hpp"
#include "import/returns/values.hpp"
#include "import/returns/xml_stream.hpp"

namespace csip::import::returns {
namespace {

struct Leaf {
    std::string text;
    XmlPosition at;
    std::string name;
};

struct PendingAssessment {
    XmlPosition at;
    std::optional<Leaf> start;
    std::optional<Leaf> authorised;
};

struct PendingEnquiry {
    XmlPosition at;
    std::optional<Leaf> start;
    std::optional<Leaf> initial_conference;
    std::optional<Leaf> not_required;
};

struct PendingPlan {
    XmlPosition at;
    std::optional<Leaf> start;
    std::optional<Leaf> end;
    std::vector<Leaf> reviews;
};

constexpr std::string_view kDateFix = "write the date as YYYY-MM-DD, as the CIN census specification does";

class CinHandler final : public XmlHandler {
public:
    CinHandler(ReportBuilder& report, domain::CaseData& out) : m_report(report), m_out(out) {}
    void attach(XmlStream& stream) { m_stream = &stream; }
    // Whether the file said it is a CIN census: a <Collection> of CIN, or <Children>.
    [[nodiscard]] bool recognised() const { return m_collection_checked; }

    void on_start(std::string_view name, const std::vector<XmlAttribute>& /*attributes*/, XmlPosition at) override {
        const auto& path = m_stream->path();
        if (path.size() == 1) {
            if (name != "Message") {
                m_stream->stop("its root element is <" + printable(name) + ">, not <Message>");
            }
            return;
        }
        if (name == "Child" && m_stream->parent() == "Children") {
            m_in_child = true;
            m_child_id.reset();
            m_assessments.clear();
            m_enquiries.clear();
            m_plans.clear();
            return;
        }
        if (!m_in_child) {
            if (name == "Children" && !m_collection_checked) {
                // A local extract may carry no header; the <Children> element is enough.
                m_collection_checked = true;
            }
            return;
        }
        const auto parent = m_stream->parent();
        if (name == "Assessments" && parent == "CINdetails") {
            m_assessments.push_back({at, {}, {}});
        } else if (name == "Section47" && parent == "CINdetails") {
            m_enquiries.push_back({at, {}, {}, {}});
        } else if (name == "ChildProtectionPlans" && parent == "CINdetails") {
            m_plans.push_back({at, {}, {}, {}});
        }
    }

    void on_end(std::string_view name, std::string_view text, XmlPosition at) override {
        const auto parent = m_stream->parent();
        if (name == "Collection" && parent == "CollectionDetails") {
            m_collection_checked = true;
            const auto collection = trim(text);
            if (!iequals(collection, "CIN")) {
                m_stream->stop("its <Collection> is '" + printable(collection) + "', not 'CIN'");
            }
            return;
        }
        if (!m_in_child) return;
        Leaf leaf{std::string(trim(text)), at, std::string(name)};
        if (name == "LAchildID" && parent == "ChildIdentifiers") {
            m_child_id = std::move(leaf);
        } else if (parent == "Assessments" && !m_assessments.empty()) {
            if (name == "AssessmentActualStartDate") m_assessments.back().start = std::move(leaf);
            if (name == "AssessmentAuthorisationDate") m_assessments.back().authorised = std::move(leaf);
        } else if (parent == "Section47" && !m_enquiries.empty()) {
            if (name == "S47ActualStartDate") m_enquiries.back().start = std::move(leaf);
            if (name == "DateOfInitialCPC") m_enquiries.back().initial_conference = std::move(leaf);
            if (name == "ICPCnotRequired") m_enquiries.back().not_required = std::move(leaf);
        } else if (parent == "ChildProtectionPlans" && !m_plans.empty()) {
            if (name == "CPPstartDate") m_plans.back().start = std::move(leaf);
            if (name == "CPPendDate") m_plans.back().end = std::move(leaf);
        } else if (name == "CPPreviewDate" && parent == "Reviews" && m_stream->parent(2) == "ChildProtectionPlans" &&
                   !m_plans.empty()) {
            m_plans.back().reviews.push_back(std::move(leaf));
        } else if (name == "Child" && m_stream->parent() == "Children") {
            emit_child();
            m_in_child = false;
        }
    }

private:
    std::string place(std::string_view module) const {
        return "child " + (m_child_id && !m_child_id->text.empty() ? m_child_id->text : std::string("(no LAchildID)")) +
               ", <" + std::string(module) + ">";
    }

    void skip(const std::string& reason, std::string_view module, XmlPosition at, std::string message,
              std::string fix) {
        m_report.skip(reason, Problem{.file = {},
                                      .place = place(module),
                                      .line = at.line,
                                      .column = at.column,
                                      .column_name = {},
                                      .message = std::move(message),
                                      .fix = std::move(fix)});
    }

    // A date leaf: nothing when absent or blank; `ok` false when present but not a date.
    std::optional<domain::Date> date_of(const std::optional<Leaf>& leaf, bool& ok) const {
        ok = true;
        if (!leaf || leaf->text.empty()) return std::nullopt;
        auto date = parse_date(leaf->text);
        if (!date) ok = false;
        return date;
    }

    void bad_date(const std::string& reason, std::string_view module, const Leaf& leaf) {
        skip(reason, module, leaf.at,
             "<" + leaf.name + "> '" + printable(leaf.text) + "' is not a date",
             std::string(kDateFix));
    }

    void emit_child() {
        const auto count = m_assessments.size() + m_enquiries.size() + m_plans.size();
        m_report.count_read(count);
        if (count == 0) return;
        if (!m_child_id || m_child_id->text.empty()) {
            for (const auto& a : m_assessments) skip_no_id("Assessments", a.at);
            for (const auto& e : m_enquiries) skip_no_id("Section47", e.at);
            for (const auto& p : m_plans) skip_no_id("ChildProtectionPlans", p.at);
            return;
        }
        for (const auto& a : m_assessments) emit_assessment(a);
        for (const auto& e : m_enquiries) emit_enquiry(e);
        for (const auto& p : m_plans) emit_plan(p);
    }

    void skip_no_id(std::string_view module, XmlPosition at) {
        skip("record of a child without an LAchildID", module, at,
             "this child has no <ChildIdentifiers><LAchildID>, so its records cannot be linked",
             "give every <Child> its LAchildID");
    }

    domain::SourceRef source(XmlPosition at) const { return {m_report.file(), at.line}; }

    void emit_assessment(const PendingAssessment& a) {
        constexpr std::string_view kModule = "Assessments";
        bool start_ok = true, authorised_ok = true;
        const auto start = date_of(a.start, start_ok);
        const auto authorised = date_of(a.authorised, authorised_ok);
        if (!start_ok) return bad_date("assessment with an unreadable date", kModule, *a.start);
        if (!authorised_ok) return bad_date("assessment with an unreadable date", kModule, *a.authorised);
        if (!start) {
            return skip("assessment without a start date", kModule, a.at,
                        "the assessment has no <AssessmentActualStartDate>",
                        "record the date the assessment started in <AssessmentActualStartDate>");
        }
        if (authorised && *authorised < *start) {
            return skip("assessment authorised before it started", kModule, a.authorised->at,
                        "<AssessmentAuthorisationDate> " + authorised->iso() + " is before <AssessmentActualStartDate> " +
                            start->iso(),
                        "correct whichever of the two dates is wrong");
        }
        m_out.assessments.push_back({m_child_id->text, start, authorised, source(a.at)});
        m_report.count_used();
    }

    void emit_enquiry(const PendingEnquiry& e) {
        constexpr std::string_view kModule = "Section47";
        bool start_ok = true, conference_ok = true;
        const auto start = date_of(e.start, start_ok);
        const auto conference = date_of(e.initial_conference, conference_ok);
        if (!start_ok) return bad_date("section 47 enquiry with an unreadable date", kModule, *e.start);
        if (!conference_ok) return bad_date("section 47 enquiry with an unreadable date", kModule, *e.initial_conference);
        bool not_required = false;
        if (e.not_required && !e.not_required->text.empty()) {
            const auto flag = parse_bool(e.not_required->text);
            if (!flag) {
                return skip("section 47 enquiry with an unreadable ICPCnotRequired", kModule,
                            e.not_required->at,
                            "<ICPCnotRequired> '" + printable(e.not_required->text) +
                                "' is not true or false",
                            "write true, false, 1 or 0");
            }
            not_required = *flag;
        }
        if (!start) {
            return skip("section 47 enquiry without a start date", kModule, e.at,
                        "the enquiry has no <S47ActualStartDate>",
                        "record the date the strategy discussion started the enquiry in <S47ActualStartDate>");
        }
        if (conference && *conference < *start) {
            return skip("initial conference before its section 47 enquiry started", kModule, e.initial_conference->at,
                        "<DateOfInitialCPC> " + conference->iso() + " is before <S47ActualStartDate> " + start->iso(),
                        "correct whichever of the two dates is wrong");
        }
        m_out.enquiries.push_back({m_child_id->text, start, conference, not_required, source(e.at)});
        m_report.count_used();
    }

    void emit_plan(const PendingPlan& p) {
        constexpr std::string_view kModule = "ChildProtectionPlans";
        bool start_ok = true, end_ok = true;
        const auto start = date_of(p.start, start_ok);
        const auto end = date_of(p.end, end_ok);
        if (!start_ok) return bad_date("child protection plan with an unreadable date", kModule, *p.start);
        if (!end_ok) return bad_date("child protection plan with an unreadable date", kModule, *p.end);
        std::vector<domain::Date> reviews;
        for (const auto& review : p.reviews) {
            if (review.text.empty()) continue;
            const auto date = parse_date(review.text);
            if (!date) return bad_date("child protection plan with an unreadable date", kModule, review);
            reviews.push_back(*date);
        }
        if (!start) {
            return skip("child protection plan without a start date", kModule, p.at,
                        "the plan has no <CPPstartDate>", "record the date the plan started in <CPPstartDate>");
        }
        if (end && *end < *start) {
            return skip("child protection plan that ended before it started", kModule, p.end->at,
                        "<CPPendDate> " + end->iso() + " is before <CPPstartDate> " + start->iso(),
                        "correct whichever of the two dates is wrong");
        }
        m_out.protection_plans.push_back({m_child_id->text, *start, end, std::move(reviews), source(p.at)});
        m_report.count_used();
    }

    ReportBuilder& m_report;
    domain::CaseData& m_out;
    XmlStream* m_stream = nullptr;
    bool m_in_child = false;
    bool m_collection_checked = false;
    std::optional<Leaf> m_child_id;
    std::vector<PendingAssessment> m_assessments;
    std::vector<PendingEnquiry> m_enquiries;
    std::vector<PendingPlan> m_plans;
};

}  // namespace

Result<void> stream_xml_file(const std::filesystem::path& path, ReturnFormat format, XmlStream& stream,
                             ReportBuilder& report, std::uint64_t& bytes_read) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::NotFound, report.file() + ": cannot open the file", report.file());
    std::vector<char> block(CsvReader::kBlockSize);
    bytes_read = 0;
    while (true) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        bytes_read += got;
        const bool last = got < block.size();
        if (!stream.feed(block.data(), got, last)) break;
        report.progress(bytes_read);
        if (last) return {};
    }
    if (stream.stopped()) return not_this_format(report.file(), format, *stream.stopped());
    const auto at = stream.error_position();
    if (stream.nested_too_deep()) {
        return fail(ErrorKind::InvalidInput,
                    report.file() + ":" + std::to_string(at.line) + ":" +
                        std::to_string(at.column) + ": elements are nested more than " +
                        std::to_string(XmlStream::kMaxDepth) + " deep here, and " +
                        std::string(format_description(format)) +
                        " nests them about ten deep, so nothing was read; check that this is the "
                        "right file, and export it again from the case-management system",
                    report.file());
    }
    if (!stream.saw_root()) {
        return not_this_format(report.file(), format, "it is not XML: " + stream.error());
    }
    return fail(ErrorKind::InvalidInput,
                report.file() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                    ": the XML is broken here (" + stream.error().substr(stream.error().find(": ") + 2) +
                    "), so nothing was read; if the file was cut short, export it again",
                report.file());
}

Result<void> read_cin_census(const std::filesystem::path& path, ReportBuilder& report, domain::CaseData& out) {
    CinHandler handler(report, out);
    XmlStream stream(handler);
    handler.attach(stream);
    std::uint64_t bytes_read = 0;
    if (auto streamed = stream_xml_file(path, ReturnFormat::CinCensus, stream, report, bytes_read); !streamed) {
        return streamed;
    }
    if (!handler.recognised()) {
        return not_this_format(report.file(), ReturnFormat::CinCensus,
                               "it has neither <Collection>CIN</Collection> nor <Children>");
    }
    return {};
}

}  // namespace csip::import::returns
