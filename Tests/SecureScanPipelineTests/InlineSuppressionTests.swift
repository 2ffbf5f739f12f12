import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners
@testable import SecureScanStore

/// Comments in the scanned code that suppress findings, through a whole scan: marked, not dropped;
/// off with the policy; a typo in a rule id stops the run before anything is stored.
@Suite struct InlineSuppressionTests {
    static let key = "AKIAB3SKCZTKMBF6JDPY"
    static let token = "ghp_JC6RQuFlBnDomtQhA14VqnPa5lwOo0OpGcSD"

    func scan(_ files: [String: String], gate: GatePolicy = GatePolicy(), config: String? = nil) async throws(PipelineError) -> (ScanOutcome, URL) {
        let root: URL, output: URL
        do {
            root = try Fixtures.makeTemporaryDirectory()
            output = try Fixtures.makeTemporaryDirectory()
            try Fixtures.write(files, under: root)
            if let config { try Data(config.utf8).write(to: root.appendingPathComponent("securescan.yml")) }
        } catch {
            throw .target("fixture: \(error)")
        }
        let request = ScanRequest(path: root.path, outputRoot: output.path, scanners: ["secrets"], formats: ["json"], gate: gate,
                                  vulnerabilityDatabase: output.appendingPathComponent("none").path)
        do {
            return (try await Pipeline().scan(request), output)
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
    }

    static let files = [
        "a.py": "KEY = \"\(key)\"  # securescan:ignore secrets/aws-access-token -- a fixture of the tests\n",
        "b.py": "TOKEN = \"\(token)\"  # gitleaks:allow\n",
        "c.py": "# securescan:ignore\nTOKEN = \"\(token)\"\n",
        "d.py": "KEY = \"\(key)\"\n",
    ]

    @Test func directivesMarkFindingsSuppressedAndKeepThem() async throws {
        let (outcome, output) = try await scan(Self.files, gate: GatePolicy(failOn: .high))
        defer { try? FileManager.default.removeItem(at: output) }
        let byPath = Dictionary(uniqueKeysWithValues: outcome.report.findings.map { ($0.location!.path, $0) })
        #expect(byPath.keys.sorted() == ["a.py", "b.py", "c.py", "d.py"])
        #expect(byPath["a.py"]?.suppression == Suppression(source: .inline, reason: "securescan:ignore at a.py:1: a fixture of the tests"))
        #expect(byPath["b.py"]?.suppression == Suppression(source: .inline, reason: "gitleaks:allow at b.py:1"))
        #expect(byPath["c.py"]?.suppression?.source == .inline)
        #expect(byPath["d.py"]?.suppression == nil)
        #expect(outcome.report.counts.total == 1)
        #expect(outcome.report.gate.reasons == ["1 open finding at or above high"])
    }

    @Test func auditorsCanCountThemAgain() async throws {
        let (flagged, output) = try await scan(Self.files, gate: GatePolicy(allowInlineSuppressions: false))
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(flagged.report.findings.allSatisfy { $0.suppression == nil })
        let (configured, second) = try await scan(Self.files, config: "version: 1\npolicy:\n  allow_inline_suppressions: false\n")
        defer { try? FileManager.default.removeItem(at: second) }
        #expect(configured.report.counts.total == 4)
    }

    @Test func anUnknownRuleInACommentIsAnErrorAndNothingIsStored() async throws {
        let files = ["src/app.py": "x = 1\nKEY = \"\(Self.key)\"  # securescan:ignore secrets/aws-acess-token\n"]
        do {
            let (_, output) = try await scan(files)
            try? FileManager.default.removeItem(at: output)
            Issue.record("the run went through")
        } catch {
            #expect(error == .config(file: "src/app.py", line: 2, column: nil,
                                     message: "unknown rule 'secrets/aws-acess-token' (did you mean 'secrets/aws-access-token'?) in a securescan:ignore comment"))
            #expect(error.exitCode == 2)
        }
        // Ids outside the built-in namespaces (an external tool's rules) are taken as written.
        let (outcome, output) = try await scan(["a.py": "KEY = \"\(Self.key)\"  # securescan:ignore B105, secrets\n"])
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(outcome.report.findings.first?.suppression?.source == .inline)
        let store = try Store.open(path: output.appendingPathComponent("securescan.db").path)
        #expect(try store.runs().count == 1)
    }
}
