import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 version 5): the same name always gives the same UUID, so serial numbers
/// and document namespaces are reproducible.
enum DeterministicUUID {
    /// This project's namespace for the names it hashes.
    static let namespace: [UInt8] = [0x6f, 0x2b, 0x51, 0x8e, 0x3c, 0x0d, 0x4f, 0x6a, 0x9a, 0x41, 0x2e, 0x7b, 0x19, 0xd5, 0x80, 0x3f]

    static func make(_ name: String) -> String {
        var digest = Array(Insecure.SHA1.hash(data: namespace + Array(name.utf8)).prefix(16))
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
