// What the command line prints passes through SafeOutput: a stream buffer over the real output
// that shows every control character but tab and line feed as an escape (domain::escape_controls),
// so that text a file, a form or an older release put in the database can never move the
// terminal's cursor, change its colours or retitle its window. JSON and CSV are printed the
// same way: neither needs a raw control character. Lines are passed on whole, so that CR LF and
// multi-byte characters are never split.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>

namespace csip::cli {

class SafeOutput : public std::streambuf {
  public:
    explicit SafeOutput(std::ostream& sink) : m_sink(sink) {}
    SafeOutput(const SafeOutput&) = delete;
    SafeOutput& operator=(const SafeOutput&) = delete;
    ~SafeOutput() override;

  protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* text, std::streamsize count) override;
    int sync() override;

  private:
    // Writes what is pending up to its last line feed, or all of it.
    void pass_on(bool all);

    std::ostream& m_sink;
    std::string m_pending;
};

}  // namespace csip::cli
