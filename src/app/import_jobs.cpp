#include "app/import_jobs.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <system_error>
#include <utility>

namespace csip::app {
namespace {

std::string new_job_id() {
    std::array<unsigned char, 12> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, bytes.size() * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    return std::string(hex.data());
}

void remove_folder(const std::filesystem::path& folder) {
    if (folder.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
}

bool finished(JobState state) {
    return state != JobState::Queued && state != JobState::Running && state != JobState::Confirm;
}

}  // namespace

std::string_view to_string(JobState state) {
    switch (state) {
        case JobState::Queued: return "queued";
        case JobState::Running: return "running";
        case JobState::Imported: return "imported";
        case JobState::Refused: return "refused";
        case JobState::Confirm: return "confirm";
        case JobState::Confirmed: return "confirmed";
        case JobState::Cancelled: return "cancelled";
    }
    return "refused";
}

ImportJobs::ImportJobs(IndicatorService& service, const domain::Clock& clock,
                       std::function<void()> imported)
    : m_service(service), m_clock(clock), m_imported(std::move(imported)) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    m_worker = std::thread([this] { work(); });
}

ImportJobs::~ImportJobs() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_worker.join();
    for (auto& [id, entry] : m_jobs) remove_folder(entry.spool);
}

std::string ImportJobs::submit(std::vector<UploadedFile> files, std::filesystem::path spool,
                               std::optional<import::ReturnFormat> format,
                               std::optional<int> collection_year,
                               std::optional<domain::Date> as_at, const std::string& by,
                               bool replace) {
    Entry entry;
    entry.replace = replace;
    entry.job.by = by;
    entry.job.files = std::move(files);
    entry.job.format = format;
    entry.job.collection_year = collection_year;
    entry.job.as_at = as_at;
    entry.spool = std::move(spool);
    std::string id;
    {
        std::lock_guard lock(m_mutex);
        id = add(std::move(entry));
    }
    m_wake.notify_all();
    return id;
}

std::string ImportJobs::add(Entry entry) {
    forget_old();
    std::string id = new_job_id();
    while (m_jobs.contains(id)) id = new_job_id();
    entry.job.id = id;
    entry.job.submitted_at = m_clock.timestamp();
    entry.job.state = JobState::Queued;
    for (const auto& file : entry.job.files) entry.job.progress.total_bytes += file.size;
    m_jobs.emplace(id, std::move(entry));
    m_order.push_back(id);
    m_queue.push_back(id);
    return id;
}

void ImportJobs::forget_old() {
    const auto now = std::chrono::steady_clock::now();
    for (auto& [id, entry] : m_jobs) {
        if (entry.job.state == JobState::Confirm && now - entry.waiting_since > kConfirmFor) {
            entry.job.state = JobState::Cancelled;
            remove_folder(entry.spool);
            entry.spool.clear();
        }
    }
    // The oldest finished jobs go first; a job queued, running or waiting is never dropped.
    for (auto at = m_order.begin(); m_order.size() >= kMaxJobs && at != m_order.end();) {
        const auto found = m_jobs.find(*at);
        if (found != m_jobs.end() && !finished(found->second.job.state)) {
            ++at;
            continue;
        }
        if (found != m_jobs.end()) {
            remove_folder(found->second.spool);
            m_jobs.erase(found);
        }
        at = m_order.erase(at);
    }
}

std::size_t ImportJobs::ahead_of(const std::string& id) const {
    const auto at = std::find(m_queue.begin(), m_queue.end(), id);
    std::size_t ahead = static_cast<std::size_t>(at - m_queue.begin());
    // The import running now is ahead of every queued one.
    for (const auto& [other, entry] : m_jobs) {
        if (entry.job.state == JobState::Running) ++ahead;
    }
    return ahead;
}

std::optional<ImportJob> ImportJobs::find(const std::string& id) const {
    std::lock_guard lock(m_mutex);
    const auto found = m_jobs.find(id);
    if (found == m_jobs.end()) return std::nullopt;
    ImportJob job = found->second.job;
    if (job.state == JobState::Queued) job.ahead = ahead_of(id);
    return job;
}

Result<std::string> ImportJobs::confirm(const std::string& id, const std::string& by) {
    std::string next;
    {
        std::lock_guard lock(m_mutex);
        const auto found = m_jobs.find(id);
        if (found == m_jobs.end()) {
            return fail(ErrorKind::NotFound, "no import " + id + " is known", "job");
        }
        Entry& waiting = found->second;
        if (waiting.job.state != JobState::Confirm) {
            return fail(ErrorKind::Conflict,
                        "import " + id + " is not waiting for a replacement to be confirmed",
                        "job");
        }
        Entry again;
        again.job.by = by;
        again.job.files = waiting.job.files;
        again.job.format = waiting.job.format;
        again.job.collection_year = waiting.job.collection_year;
        again.job.as_at = waiting.job.as_at;
        again.spool = std::move(waiting.spool);
        again.replace = true;
        waiting.spool.clear();
        waiting.job.state = JobState::Confirmed;
        next = add(std::move(again));
        m_jobs.at(id).job.next = next;
    }
    m_wake.notify_all();
    return next;
}

Result<void> ImportJobs::cancel(const std::string& id) {
    std::lock_guard lock(m_mutex);
    const auto found = m_jobs.find(id);
    if (found == m_jobs.end()) {
        return fail(ErrorKind::NotFound, "no import " + id + " is known", "job");
    }
    Entry& waiting = found->second;
    if (waiting.job.state != JobState::Confirm) {
        return fail(ErrorKind::Conflict,
                    "import " + id + " is not waiting for a replacement to be confirmed", "job");
    }
    waiting.job.state = JobState::Cancelled;
    remove_folder(waiting.spool);
    waiting.spool.clear();
    return {};
}

void ImportJobs::work() {
    while (true) {
        std::string id;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) return;
            id = m_queue.front();
            m_queue.pop_front();
        }
        run(id);
    }
}

void ImportJobs::run(const std::string& id) {
    ImportRequest request;
    const auto started = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(m_mutex);
        Entry& entry = m_jobs.at(id);
        entry.job.state = JobState::Running;
        for (const auto& file : entry.job.files) {
            request.files.push_back(file.path);
            request.names.push_back(file.name);
        }
        request.format = entry.job.format;
        request.collection_year = entry.job.collection_year;
        request.as_at = entry.job.as_at;
        request.by = entry.job.by;
        request.replace = entry.replace;
    }
    request.ask_before_replacing = true;
    request.progress = [&](const ImportProgress& at) {
        std::lock_guard lock(m_mutex);
        Entry& entry = m_jobs.at(id);
        entry.job.progress = at;
        entry.job.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    auto outcome = m_service.import_files(request);
    bool stored = false;
    {
        std::lock_guard lock(m_mutex);
        Entry& entry = m_jobs.at(id);
        entry.job.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (outcome) {
            entry.job.state = JobState::Imported;
            entry.job.outcome = std::move(*outcome);
            entry.job.progress.bytes_read = entry.job.progress.total_bytes;
            stored = true;
        } else if (outcome.error().kind == ErrorKind::Conflict) {
            entry.job.state = JobState::Confirm;
            entry.job.refusal = outcome.error().message;
            entry.waiting_since = std::chrono::steady_clock::now();
        } else {
            entry.job.state = JobState::Refused;
            entry.job.refusal = outcome.error().message;
        }
        if (entry.job.state != JobState::Confirm) {
            remove_folder(entry.spool);
            entry.spool.clear();
        }
    }
    if (stored && m_imported) m_imported();
}

}  // namespace csip::app
