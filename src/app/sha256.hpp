// SHA-256 (libsodium's), as the lower-case hex csip shows and stores: the content hash of a
// published report, the hash of an evidence file.
#pragma once

#include <sodium.h>

#include <string>
#include <string_view>

namespace csip::app {

class Sha256 {
  public:
    Sha256() { crypto_hash_sha256_init(&m_state); }
    Sha256& update(std::string_view bytes) {
        crypto_hash_sha256_update(&m_state, reinterpret_cast<const unsigned char*>(bytes.data()),
                                  bytes.size());
        return *this;
    }
    // The digest of everything given, in hex; the object is used up.
    [[nodiscard]] std::string hex() {
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&m_state, digest);
        static constexpr char kHex[] = "0123456789abcdef";
        std::string out;
        for (const unsigned char byte : digest) {
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0f];
        }
        return out;
    }

  private:
    crypto_hash_sha256_state m_state{};
};

[[nodiscard]] inline std::string sha256_hex(std::string_view bytes) {
    return Sha256().update(bytes).hex();
}

}  // namespace csip::app
