#pragma once
// The requests trellis sends to OpenID providers (discovery, keys, the token request), over
// cpp-httplib: TLS with the system's certificate authorities and verification of the
// provider's certificate, no redirects followed, short time-outs.

#include "sso/provider.h"

namespace trellis::http {

class ProviderTransport final : public sso::Transport {
 public:
  Result<sso::Reply> Get(const std::string& url) override;
  Result<sso::Reply> PostForm(const std::string& url,
                              const std::vector<std::pair<std::string, std::string>>& form,
                              const std::string& user, const std::string& password) override;
};

}  // namespace trellis::http
