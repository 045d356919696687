#pragma once
// Who a request comes from, when trellis stands behind reverse proxies.

#include <string>
#include <vector>

namespace trellis::http {

// The client's address: `peer` (the connecting address) unless it is one of `trusted`
// proxies, in which case the nearest address in `forwarded_for` (an X-Forwarded-For value,
// "client, proxy1, proxy2") that is not itself a trusted proxy. Addresses further left than
// that were written by the client and are not believed. A trusted peer with no usable
// X-Forwarded-For stays the peer.
std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted);

}  // namespace trellis::http
