import Foundation
import Testing
import TestSupport
@testable import SecureScanCore

/// Baseline files: what they hold (and never hold), the shapes accepted as one, updates, and bad files.
@Suite struct BaselineTests {
    static func findings() -> [Finding] {
        var secret = Finding.sample(rule: "secrets/aws-access-token", severity: .critical, path: "app/settings.py", line: 3,
                                    identity: .secret(valueDigest: "d1"), title: "AWS access key ID")
        secret.evidence = "KEY = \"AKIA…JDPY\""
        let docker = Finding.sample(scanner: "dockerfile", rule: "dockerfile/latest-tag", severity: .medium, path: "Dockerfile", line: 1,
                                    identity: .iac(resource: "FROM"))
        var suppressed = Finding.sample(rule: "secrets/github-pat", path: "tests/x.py", identity: .secret(valueDigest: "d2"))
        suppressed.suppression = Suppression(source: .config, reason: "fixture")
        return [secret, docker, suppressed]
    }

    @Test func aBaselineHoldsIdentityAndReasonNeverEvidence() throws {
        let baseline = Baseline(target: "demo", accepting: Self.findings(), reason: "known before the audit", date: "2026-12-04")
        #expect(baseline.entries.map(\.ruleID) == ["dockerfile/latest-tag", "secrets/aws-access-token"], "open findings only, by path")
        let bytes = baseline.encoded()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("AKIA") && !text.contains("KEY ="))
        #expect(text.hasSuffix("}\n"))
        let read = try Baseline.read(bytes, file: "b.json")
        #expect(read == baseline)
        #expect(read.encoded() == bytes)
        let object = try JSONSerialization.jsonObject(with: bytes) as! [String: Any]
        #expect(object["kind"] as? String == "securescan-baseline" && object["schema_version"] as? Int == 1)
        let entry = (object["entries"] as! [[String: Any]])[1]
        #expect(Set(entry.keys) == ["fingerprint", "rule_id", "path", "severity", "scanner", "reason", "date"])
        let fingerprint = Self.findings()[0].fingerprint
        #expect(baseline.suppression(for: fingerprint) == Suppression(source: .baseline, reason: "baseline (2026-12-04): known before the audit"))
    }

    @Test func updatesAddNewFindingsDropFixedOnesAndKeepTheRest() {
        let findings = Self.findings()
        let baseline = Baseline(target: "demo", accepting: [findings[0]], reason: "first", date: "2026-01-01")
        let new = Finding.sample(rule: "secrets/slack-bot-token", path: "app/new.py", identity: .secret(valueDigest: "d3"))
        let (updated, added, dropped) = baseline.updated(with: [findings[1], new], reason: "second", date: "2026-12-04")
        #expect(added == 2 && dropped == 1)
        #expect(updated.entries.map(\.reason) == ["second", "second"])
        let (again, addedAgain, droppedAgain) = updated.updated(with: [findings[1], new], reason: "third", date: "2027-01-01")
        #expect(addedAgain == 0 && droppedAgain == 0)
        #expect(again.entries.map(\.date) == ["2026-12-04", "2026-12-04"], "kept entries keep their date and reason")
        #expect(baseline.stale(against: [findings[1].fingerprint]).map(\.ruleID) == ["secrets/aws-access-token"])
    }

    @Test func findingsJSONAndSARIFServeAsBaselines() throws {
        let fingerprint = Self.findings()[0].fingerprint.rawValue
        let findingsJSON = """
            {"kind": "securescan-findings", "schema_version": 1, "run": {"id": "20261204T000000Z-abcdef", "target": "demo", "finished_at": "2026-12-04T10:00:00Z"},
             "findings": [{"fingerprint": "\(fingerprint)", "rule_id": "secrets/aws-access-token", "severity": "critical", "scanner": "secrets",
                           "location": {"path": "app/settings.py", "start_line": 3}},
                          {"fingerprint": "fp1:other", "rule_id": "r", "severity": "low", "scanner": "secrets", "suppression": {"source": "config", "reason": "x"}}]}
            """
        let fromRun = try Baseline.read(Data(findingsJSON.utf8), file: "findings.json")
        #expect(fromRun.target == "demo")
        #expect(fromRun.entries.map(\.fingerprint) == [fingerprint], "suppressed findings are not accepted")
        #expect(fromRun.entries.first?.reason == "in the run 20261204T000000Z-abcdef" && fromRun.entries.first?.date == "2026-12-04")
        let sarif = """
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "SecureScan"}}, "results": [
              {"ruleId": "secrets/aws-access-token", "level": "error", "partialFingerprints": {"securescan/fp1": "\(fingerprint)"},
               "properties": {"severity": "critical", "scanner": "secrets"},
               "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app/settings%20x.py"}}}]},
              {"ruleId": "other-tool-rule", "level": "warning"}]}]}
            """
        let fromSARIF = try Baseline.read(Data(sarif.utf8), file: "findings.sarif")
        #expect(fromSARIF.entries.map(\.fingerprint) == [fingerprint])
        #expect(fromSARIF.entries.first?.path == "app/settings x.py" && fromSARIF.entries.first?.severity == .critical)
    }

    @Test(arguments: [
        ("not json", "b.json: not JSON"),
        ("[1, 2]", "b.json: expected a JSON object (a baseline, a findings.json or a SARIF log)"),
        (#"{"kind": "securescan-baseline", "schema_version": 2, "entries": []}"#,
         "b.json: schema_version 2 was written by a newer SecureScan; this one reads 1"),
        (#"{"kind": "securescan-baseline", "schema_version": 1, "entries": [{"fingerprint": "fp1:a", "rule_id": "r", "severity": "urgent", "scanner": "s", "reason": "x", "date": "2026-01-01"}]}"#,
         "b.json: entries[0].severity 'urgent' is not a severity (critical, high, medium, low, info)"),
        (#"{"kind": "securescan-baseline", "schema_version": 1, "entries": [{"rule_id": "r", "severity": "low", "scanner": "s", "reason": "x", "date": "2026-01-01"}]}"#,
         "b.json: entries[0].fingerprint is missing or not a string"),
        (#"{"kind": "securescan-baseline", "schema_version": 1, "entries": [{"fingerprint": "fp1:a", "rule_id": "r", "severity": "low", "scanner": "s", "reason": "x", "date": "soon"}]}"#,
         "b.json: entries[0].date must be a date like 2026-12-04, not 'soon'"),
        (#"{"something": 1}"#, "b.json: neither a SecureScan baseline (kind \"securescan-baseline\"), a findings.json nor a SARIF log"),
    ])
    func badFilesNameTheFieldAtFault(text: String, message: String) {
        do {
            _ = try Baseline.read(Data(text.utf8), file: "b.json")
            Issue.record("read \(text)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }
}
