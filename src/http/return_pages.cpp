#include "http/site.hpp"

namespace csip::http {

void add_return_pages(httplib::Server& /*server*/, Site& /*site*/) {}

}  // namespace csip::http
