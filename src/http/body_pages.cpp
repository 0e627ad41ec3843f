#include "http/site.hpp"

namespace csip::http {

void add_body_pages(httplib::Server& /*server*/, Site& /*site*/) {}

}  // namespace csip::http
