#include "app/smtp_mail.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>

namespace csip::app {
namespace {

struct Upload {
    std::string data;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t room = size * count;
    const std::size_t left = upload->data.size() - upload->offset;
    const std::size_t n = std::min(room, left);
    std::memcpy(buffer, upload->data.data() + upload->offset, n);
    upload->offset += n;
    return n;
}

// Lines of an e-mail end in CRLF, and a line holding a single dot would end the message.
std::string message_text(const SmtpSettings& smtp, const std::string& to,
                         const std::string& subject, const std::string& body) {
    std::string out = "From: " + smtp.from + "\r\nTo: " + to + "\r\nSubject: " + subject +
                      "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
    std::size_t start = 0;
    while (start < body.size()) {
        auto end = body.find('\n', start);
        if (end == std::string::npos) end = body.size();
        std::string line = body.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && line[0] == '.') line.insert(0, ".");
        out += line + "\r\n";
        start = end + 1;
    }
    return out;
}

}  // namespace

Result<void> send_smtp_mail(const SmtpSettings& smtp, const std::string& to,
                            const std::string& subject, const std::string& body) {
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return fail(ErrorKind::Unavailable, "cannot start libcurl to send e-mail");
    Upload upload{message_text(smtp, to, subject, body), 0};
    const std::string from = "<" + smtp.from + ">";
    const std::string recipient = "<" + to + ">";
    curl_slist* recipients = curl_slist_append(nullptr, recipient.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, smtp.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (code != CURLE_OK) {
        return fail(ErrorKind::Unavailable, "cannot send e-mail to " + to + " through " + smtp.url +
                                                " (" + curl_easy_strerror(code) +
                                                "): check the settings smtp.url and smtp.from");
    }
    return {};
}

}  // namespace csip::app
