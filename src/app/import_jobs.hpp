// ImportJobs: imports of uploaded returns run one at a time on a thread of their own, so that a
// long import (a national census takes seconds to minutes) neither holds a web request open nor
// collides with another: a second upload waits in the queue, and its page says how many are
// ahead. Each job is IndicatorService::import_files, the same use case as `csip data import`,
// over files already saved to disk; its progress (file, bytes and records read) is kept for the
// job's page. An import that would replace a stored return waits for the person to confirm,
// keeping its files until then; the files of every other job are removed when it ends. Jobs are
// kept in memory, the latest kMaxJobs of them: the import report of a stored return is kept with
// the return (app/import_report.hpp), so nothing is lost when the server restarts.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/indicator_service.hpp"
#include "domain/clock.hpp"
#include "domain/result.hpp"

namespace csip::app {

// A file saved from an upload: where it is and the name it was sent with.
struct UploadedFile {
    std::string path;
    std::string name;
    std::uint64_t size = 0;
};

enum class JobState {
    Queued,     // waiting for the import before it
    Running,    // being read
    Imported,   // stored: outcome holds each file's report
    Refused,    // nothing stored: refusal says why
    Confirm,    // nothing stored yet: it would replace stored returns (refusal says which)
    Confirmed,  // replaced by the job `next`, which imports with the replacement confirmed
    Cancelled,  // the person chose not to replace; nothing stored
};
[[nodiscard]] std::string_view to_string(JobState state);  // queued, running, imported, ...

struct ImportJob {
    std::string id;
    std::string by;
    std::string submitted_at;  // ISO 8601 UTC
    JobState state = JobState::Queued;
    std::vector<UploadedFile> files;
    std::optional<import::ReturnFormat> format;  // as chosen; none: recognised from content
    std::optional<int> collection_year;
    std::optional<domain::Date> as_at;  // an Annex A extract's date, as given
    ImportProgress progress;  // the latest, while running; the totals afterwards
    double seconds = 0.0;     // how long it has run (or ran)
    std::size_t ahead = 0;    // queued jobs before it
    ImportOutcome outcome;
    std::string refusal;
    std::string next;  // for Confirmed: the job that imports it
};

class ImportJobs {
  public:
    static constexpr std::size_t kMaxJobs = 200;
    // How long an import waiting for confirmation keeps its files.
    static constexpr std::chrono::hours kConfirmFor{2};

    // `imported` is called on the jobs' thread after each import that stored returns.
    ImportJobs(IndicatorService& service, const domain::Clock& clock,
               std::function<void()> imported = {});
    // Waits for the running import, drops the queued ones and removes every job's files.
    ~ImportJobs();
    ImportJobs(const ImportJobs&) = delete;
    ImportJobs& operator=(const ImportJobs&) = delete;

    // Queues the import of `files`, saved in the folder `spool` (which the jobs remove when
    // done with them), as `by`; gives the job's id. With `replace`, a replacement of a stored
    // return is confirmed already.
    [[nodiscard]] std::string submit(std::vector<UploadedFile> files, std::filesystem::path spool,
                                     std::optional<import::ReturnFormat> format,
                                     std::optional<int> collection_year,
                                     std::optional<domain::Date> as_at, const std::string& by,
                                     bool replace = false);
    [[nodiscard]] std::optional<ImportJob> find(const std::string& id) const;
    // For a job waiting for confirmation: queues it again with the replacement confirmed, and
    // gives the new job's id. NotFound for no such job, Conflict for one not waiting.
    [[nodiscard]] Result<std::string> confirm(const std::string& id, const std::string& by);
    // For a job waiting for confirmation: ends it, storing nothing, and removes its files.
    [[nodiscard]] Result<void> cancel(const std::string& id);

  private:
    struct Entry {
        ImportJob job;
        std::filesystem::path spool;
        bool replace = false;
        std::chrono::steady_clock::time_point waiting_since;
    };

    void work();
    void run(const std::string& id);
    std::string add(Entry entry);  // under m_mutex
    void forget_old();             // under m_mutex
    [[nodiscard]] std::size_t ahead_of(const std::string& id) const;  // under m_mutex

    IndicatorService& m_service;
    const domain::Clock& m_clock;
    std::function<void()> m_imported;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::map<std::string, Entry> m_jobs;
    std::deque<std::string> m_order;  // every job, oldest first
    std::deque<std::string> m_queue;  // queued jobs, next first
    bool m_stopping = false;
    std::thread m_worker;
};

}  // namespace csip::app
