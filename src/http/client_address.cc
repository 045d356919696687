#include "http/client_address.h"

#include <algorithm>

namespace trellis::http {
namespace {

bool IsTrusted(const std::string& address, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace

std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted) {
  if (!IsTrusted(peer, trusted)) return peer;
  // Right to left: each trusted proxy appended the address it received from.
  std::string address = peer;
  size_t end = forwarded_for.size();
  while (end > 0 && IsTrusted(address, trusted)) {
    const size_t comma = forwarded_for.rfind(',', end - 1);
    const size_t start = comma == std::string::npos ? 0 : comma + 1;
    const std::string hop = Trimmed(forwarded_for.substr(start, end - start));
    if (hop.empty()) break;
    address = hop;
    end = comma == std::string::npos ? 0 : comma;
  }
  return address;
}

}  // namespace trellis::http
