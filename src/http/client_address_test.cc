#include "http/client_address.h"

#include <gtest/gtest.h>

namespace trellis::http {
namespace {

const std::vector<std::string> kProxies = {"10.0.0.2", "10.0.0.3"};

TEST(ClientAddress, ADirectClientIsItsOwnAddressWhateverItClaims) {
  EXPECT_EQ(ClientAddress("203.0.113.9", "", kProxies), "203.0.113.9");
  // Anyone can send X-Forwarded-For; only a trusted proxy's is believed.
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", kProxies), "203.0.113.9");
  EXPECT_EQ(ClientAddress("10.0.0.2", "198.51.100.1", {}), "10.0.0.2");
}

TEST(ClientAddress, BehindProxiesTheNearestUntrustedHopIsTheClient) {
  EXPECT_EQ(ClientAddress("10.0.0.2", "198.51.100.1", kProxies), "198.51.100.1");
  // Two proxies in a row, and a client that wrote its own X-Forwarded-For first: the
  // address left of the first untrusted hop is the client's claim, not believed.
  EXPECT_EQ(ClientAddress("10.0.0.2", "192.0.2.66, 198.51.100.1, 10.0.0.3", kProxies),
            "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.2", " 198.51.100.1 ,10.0.0.3", kProxies), "198.51.100.1");
}

TEST(ClientAddress, ATrustedProxyWithoutUsableForwardingStaysThePeer) {
  EXPECT_EQ(ClientAddress("10.0.0.2", "", kProxies), "10.0.0.2");
  EXPECT_EQ(ClientAddress("10.0.0.2", " , ", kProxies), "10.0.0.2");
  // Every hop a trusted proxy: the leftmost is as near as we can get.
  EXPECT_EQ(ClientAddress("10.0.0.2", "10.0.0.3", kProxies), "10.0.0.3");
}

}  // namespace
}  // namespace trellis::http
