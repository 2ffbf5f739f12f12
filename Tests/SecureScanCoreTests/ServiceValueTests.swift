import Crypto
import Testing
import TestSupport
@testable import SecureScanCore

/// The pure parts of the service: key tokens and hashes, IP classification for webhooks, webhook
/// bodies and signatures, JSON serialization, triage verdicts and notification rules.
@Suite struct ServiceValueTests {
    @Test func keyTokensHaveTheReferenceShapeAndVerifyOnlyTheirOwnHash() throws {
        let token = APIKeyToken.generate()
        #expect(token.plaintext.count == 47)
        #expect(token.plaintext.hasPrefix("ssk_\(token.id)_"))
        #expect(!token.id.contains("_") && !token.id.contains("-"))
        let parsed = try #require(APIKeyToken(parsing: token.plaintext))
        #expect(parsed.id == token.id)
        let hash = token.hash()
        #expect(parsed.verifies(hash))
        #expect(token.hash() != hash, "every hash has a fresh salt")
        #expect(!APIKeyToken.generate().verifies(hash))
        for stored in ["", "nosalt", "zz$zz", String(repeating: "0", count: 32) + "$"] { #expect(!token.verifies(stored)) }
        for text in ["ssk_short_x", "sk_\(token.id)_abc", "ssk_\(token.id)_", "ssk_"] { #expect(APIKeyToken(parsing: text) == nil, "\(text)") }
        // The reference system's recipe: sha256(salt ‖ plaintext) as hex, behind the hex salt.
        let salt = Array(repeating: UInt8(7), count: 16)
        let expected = salt.hexString + "$" + Array(SHA256.hash(data: salt + Array("ssk_abcdefghij_secret".utf8))).hexString
        #expect(APIKeyToken.hash(plaintext: "ssk_abcdefghij_secret", salt: salt) == expected)
    }

    @Test func scopesAreHierarchical() {
        #expect(APIScope.grants([.admin], .read))
        #expect(APIScope.grants([.write], .read))
        #expect(!APIScope.grants([.read], .write))
        #expect(!APIScope.grants([], .read))
    }

    @Test(arguments: [
        ("10.1.2.3", true), ("172.16.0.1", true), ("172.32.0.1", false), ("192.168.0.10", true), ("127.0.0.1", true),
        ("169.254.169.254", true), ("100.64.1.1", true), ("0.0.0.0", true), ("8.8.8.8", false), ("93.184.216.34", false),
        ("::1", true), ("fe80::1", true), ("fd12:3456::1", true), ("::ffff:10.0.0.1", true), ("::ffff:8.8.8.8", false),
        ("2606:4700:4700::1111", false), ("[::1]", true), ("fe80::1%eth0", true),
    ])
    func internalAddressesAreRecognized(address: String, expected: Bool) throws {
        #expect(try #require(IPAddress(address)).isInternal == expected)
    }

    @Test func addressesAndRangesParseStrictly() {
        for text in ["1.2.3", "256.1.1.1", "01.2.3.4", "1.2.3.4.5", "::1::2", "12345::", "hello", "1.2.3.4/33"] {
            #expect(IPAddress(text) == nil || IPRange(text) == nil, "\(text)")
        }
        let range = IPRange("10.20.0.0/16")!
        #expect(range.contains(IPAddress("10.20.255.1")!))
        #expect(!range.contains(IPAddress("10.21.0.1")!))
        #expect(range.contains(IPAddress("::ffff:10.20.0.9")!))
        #expect(IPRange("2001:db8::/32")!.contains(IPAddress("2001:db8:1::5")!))
        #expect(IPAddress("2001:db8::1")!.description == "2001:db8:0:0:0:0:0:1")
    }

    static let payload = WebhookPayload(event: .scanComplete, scanID: "20261201T000000Z-abcdef", data: [
        "target": "web", "findings_count": 3, "risk_score": 42.5,
        "severity_counts": ["critical": 1, "high": 2, "medium": 0, "low": 0, "info": 0],
    ], occurredAt: "2026-12-01T00:00:00Z")

    @Test func webhookBodiesTakeTheReceiversShape() throws {
        #expect(WebhookPayload.Flavor(url: "https://hooks.slack.com/services/T/B/X") == .slack)
        #expect(WebhookPayload.Flavor(url: "https://discord.com/api/webhooks/1/x") == .discord)
        #expect(WebhookPayload.Flavor(url: "https://example.com/hook") == .generic)
        let generic = String(decoding: Self.payload.body(flavor: .generic, deliveryID: "d1", deliveredAt: "2026-12-01T00:00:05Z"), as: UTF8.self)
        #expect(generic == #"{"data":{"findings_count":3,"risk_score":42.5,"scan_id":"20261201T000000Z-abcdef","severity_counts":{"critical":1,"high":2,"info":0,"low":0,"medium":0},"target":"web"},"delivered_at":"2026-12-01T00:00:05Z","delivery_id":"d1","event":"scan.complete","occurred_at":"2026-12-01T00:00:00Z","scan_id":"20261201T000000Z-abcdef"}"#)
        let slack = String(decoding: Self.payload.body(flavor: .slack, deliveryID: "d1", deliveredAt: "t"), as: UTF8.self)
        #expect(slack.contains(#""text":"✅ Scan 20261201 of web completed: 3 open findings""#))
        #expect(slack.contains("critical: 1 · high: 2"), "the severity counts the reference's Slack shape never had")
        let discord = String(decoding: Self.payload.body(flavor: .discord, deliveryID: "d1", deliveredAt: "t"), as: UTF8.self)
        #expect(discord.contains(#""color":3066993"#))
        #expect(WebhookPayload(stored: Self.payload.stored) == Self.payload)
    }

    @Test func signaturesAreHMACOverTimestampDotBody() {
        let body = Array(#"{"a":1}"#.utf8)
        let signature = WebhookPayload.signature(secret: Array("s3cret".utf8), timestamp: 1_700_000_000, body: body)
        let mac = HMAC<SHA256>.authenticationCode(for: Array("1700000000.".utf8) + body, using: SymmetricKey(data: Array("s3cret".utf8)))
        #expect(signature == "t=1700000000,v1=\(Array(mac).hexString)")
    }

    @Test func compactJSONIsStableAndEscapesControlCharacters() {
        let value: JSONValue = ["b": [1, 2.5, "x\n\"y\"", nil, true], "a": ["\u{1}": "\u{2028}/"]]
        #expect(value.compactJSON == #"{"a":{"\u0001":"\u2028/"},"b":[1,2.5,"x\n\"y\"",null,true]}"#)
        #expect(JSONValue.double(.infinity).compactJSON == "null")
        #expect(JSONValue.double(3).compactJSON == "3")
    }

    @Test func triageVerdictsSuppressTheRightFindings() {
        let finding = Finding.sample()
        let verdict = { (status: TriageStatus, expires: String?) in
            [finding.fingerprint: TriageVerdict(fingerprint: finding.fingerprint, status: status, note: "n", expires: expires, updatedAt: "t")]
        }
        let policy = { FindingPolicy(triage: $0).apply(to: [finding], today: "2026-12-01")[0].suppression }
        #expect(policy(verdict(.falsePositive, nil))?.source == .triage)
        #expect(policy(verdict(.falsePositive, nil))?.reason == "false_positive: n")
        #expect(policy(verdict(.acceptedRisk, "2026-12-31")) != nil)
        #expect(policy(verdict(.acceptedRisk, "2026-11-30")) == nil, "an expired acceptance reopens")
        #expect(policy(verdict(.confirmed, nil)) == nil)
        #expect(TriageStatus(label: "new") == .open)
        #expect(TriageStatus(label: "TRIAGED") == .confirmed)
    }

    @Test func notificationsComeFromCompletedFailedAndSevereEvents() {
        let complete = ScanEvent(.scanComplete, ["target": "web", "findings_count": 2], at: "t")
        #expect(Notification.raised(by: complete, scanID: "s", id: "n")?.body == "2 open findings on web")
        #expect(Notification.raised(by: ScanEvent(.scanComplete, ["findings_count": 0], at: "t"), scanID: "s", id: "n") == nil)
        #expect(Notification.raised(by: ScanEvent(.scanFailed, ["error": "disk full"], at: "t"), scanID: "s", id: "n")?.severity == .error)
        #expect(Notification.raised(by: ScanEvent(.findingsNew, ["count": 1, "target": "web"], at: "t"), scanID: "s", id: "n")?.body
                == "1 new critical/high finding on web")
        #expect(Notification.raised(by: ScanEvent(.scannerStart, [:], at: "t"), scanID: "s", id: "n") == nil)
    }
}
