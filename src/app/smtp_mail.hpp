// Sends one plain-text e-mail through an SMTP server with libcurl (smtp:// or smtps:// URL).
// Used by reminders; the only place csip speaks SMTP.
#pragma once

#include <string>

#include "app/report_service.hpp"
#include "domain/result.hpp"

namespace csip::app {

[[nodiscard]] Result<void> send_smtp_mail(const SmtpSettings& smtp, const std::string& to,
                                          const std::string& subject, const std::string& body);

}  // namespace csip::app
