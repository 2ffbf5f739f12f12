#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SecureScanCore
import SecureScanScanners

/// Which URLs a webhook may point at: `http(s)` only, no credentials in the URL, and no address on a
/// loopback, private, link-local or other internal network unless that range is allowed by config
/// (`webhooks.allow_networks`), so a webhook cannot be used to reach the server's own network.
public struct WebhookTargetPolicy: Sendable {
    public var allowedNetworks: [IPRange]

    public init(allowedNetworks: [IPRange] = []) {
        self.allowedNetworks = allowedNetworks
    }

    /// Checks the URL's form, and its host when it is an IP literal or `localhost` (names are resolved
    /// and checked again at every delivery). Returns the reason for a refusal.
    public func problem(withURL text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.contains(where: { $0.isWhitespace || $0 == "\0" }) { return "url must not contain whitespace or NUL characters" }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https" else { return "url must be an http:// or https:// URL" }
        guard let host = components.host, !host.isEmpty else { return "url has no host" }
        if components.user != nil || components.password != nil { return "url must not carry credentials; the signature authenticates deliveries" }
        if host.lowercased() == "localhost" || host.lowercased().hasSuffix(".localhost") {
            return refusal(for: IPAddress("127.0.0.1")!, host: host)
        }
        if let address = IPAddress(host) { return refusal(for: address, host: host) }
        return nil
    }

    /// Resolves the URL's host and refuses it if any address is internal and not allowed.
    public func check(url text: String) async -> String? {
        if let problem = problem(withURL: text) { return problem }
        guard let host = URLComponents(string: text.trimmingCharacters(in: .whitespaces))?.host else { return "url has no host" }
        if IPAddress(host) != nil { return nil }
        let addresses = await Self.resolve(host)
        guard !addresses.isEmpty else { return "cannot resolve \(host)" }
        for address in addresses {
            if let refusal = refusal(for: address, host: host) { return refusal }
        }
        return nil
    }

    private func refusal(for address: IPAddress, host: String) -> String? {
        guard address.isInternal, !allowedNetworks.contains(where: { $0.contains(address) }) else { return nil }
        return "\(host) is on an internal network (\(address.unmapped)); webhooks may only reach it when config allows it (webhooks.allow_networks)"
    }

    /// Every address `host` resolves to (getaddrinfo blocks, so it runs on a scan thread, off the cooperative pool).
    static func resolve(_ host: String) async -> [IPAddress] {
        await ScanExecutor.run { () -> [IPAddress] in
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, nil, &hints, &result) == 0 else { return [] }
            defer { freeaddrinfo(result) }
            var addresses: [IPAddress] = []
            var cursor = result
            while let entry = cursor {
                if let socket = entry.pointee.ai_addr {
                    if entry.pointee.ai_family == AF_INET {
                        socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                            var value = pointer.pointee.sin_addr
                            let bytes = withUnsafeBytes(of: &value) { Array($0) }
                            if let address = IPAddress(bytes: bytes) { addresses.append(address) }
                        }
                    } else if entry.pointee.ai_family == AF_INET6 {
                        socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                            var value = pointer.pointee.sin6_addr
                            let bytes = withUnsafeBytes(of: &value) { Array($0) }
                            if let address = IPAddress(bytes: bytes) { addresses.append(address) }
                        }
                    }
                }
                cursor = entry.pointee.ai_next
            }
            return addresses
        }
    }
}
