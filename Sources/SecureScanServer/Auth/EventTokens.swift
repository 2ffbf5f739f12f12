import Crypto
import Foundation
import SecureScanCore

/// Short-lived tokens that let a browser's `EventSource` (which cannot send headers) open one scan's
/// event stream: `b64url("<scan>|<key>|<expires>|" + b64url(HMAC-SHA256(secret, "<scan>|<key>|<expires>")))`,
/// the reference system's wire format. The secret is `SECURESCAN_EVENT_TOKEN_SECRET`, else random per process.
struct EventTokens: Sendable {
    static let lifetime: TimeInterval = 300
    let secret: SymmetricKey

    init(secret: String?) {
        if let secret, !secret.isEmpty {
            self.secret = SymmetricKey(data: Array(secret.utf8))
        } else {
            self.secret = SymmetricKey(size: .bits256)
        }
    }

    func mint(scanID: String, keyID: String, now: Date) -> String {
        let body = "\(scanID)|\(keyID)|\(Int(now.timeIntervalSince1970 + Self.lifetime))"
        return Base64URL.encode(Array((body + "|" + mac(body)).utf8))
    }

    /// The scan and key a valid, unexpired token names; nil otherwise.
    func verify(_ token: String, now: Date) -> (scanID: String, keyID: String)? {
        guard let bytes = Base64URL.decode(token) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let expires = Int(parts[2]) else { return nil }
        let body = parts[0...2].joined(separator: "|")
        guard ConstantTime.equal(mac(body), parts[3]), Double(expires) >= now.timeIntervalSince1970 else { return nil }
        return (parts[0], parts[1])
    }

    private func mac(_ body: String) -> String {
        Base64URL.encode(Array(HMAC<SHA256>.authenticationCode(for: Array(body.utf8), using: secret)))
    }
}
