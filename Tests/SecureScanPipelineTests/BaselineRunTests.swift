import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners
@testable import SecureScanStore

/// Baselines through whole runs: `observe` (what `baseline create` accepts), `--baseline` on scan and
/// diff, the config's `baseline:`, stale entries, a previous findings.json as a baseline, bad files.
@Suite struct BaselineRunTests {
    static let key = "AKIAB3SKCZTKMBF6JDPY"
    static let token = "ghp_JC6RQuFlBnDomtQhA14VqnPa5lwOo0OpGcSD"

    struct Tree {
        let root: URL
        let output: URL

        init(_ files: [String: String]) throws {
            root = try Fixtures.makeTemporaryDirectory()
            output = try Fixtures.makeTemporaryDirectory()
            try Fixtures.write(files, under: root)
        }

        func request(baseline: String? = nil, gate: GatePolicy = GatePolicy()) -> ScanRequest {
            var request = ScanRequest(path: root.path, outputRoot: output.path, scanners: ["secrets"], formats: ["json"], gate: gate,
                                      vulnerabilityDatabase: output.appendingPathComponent("none").path)
            request.baselineFile = baseline
            return request
        }

        func remove() {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: output)
        }
    }

    @Test func baselinedFindingsAreSuppressedAndStaleEntriesReported() async throws {
        let tree = try Tree(["a.py": "KEY = \"\(Self.key)\"\n", "b.py": "TOKEN = \"\(Self.token)\"\n"])
        defer { tree.remove() }
        let observed = try await Pipeline().observe(tree.request())
        #expect(observed.findings.count == 2)
        let file = tree.output.appendingPathComponent("baseline.json").path
        try Baseline(target: observed.target, accepting: observed.findings, reason: "known", date: "2026-12-04").encoded()
            .write(to: URL(fileURLWithPath: file))
        // The token is fixed, a new key arrives.
        try Fixtures.write(["b.py": "TOKEN = None\n", "c.py": "OTHER = \"AKIAZ7QW4RTY2UIOP3AS\"\n"], under: tree.root)
        let outcome = try await Pipeline().scan(tree.request(baseline: file, gate: GatePolicy(failOn: .high)))
        let byPath = Dictionary(uniqueKeysWithValues: outcome.report.findings.map { ($0.location!.path, $0) })
        #expect(byPath["a.py"]?.suppression == Suppression(source: .baseline, reason: "baseline (2026-12-04): known"))
        #expect(byPath["c.py"]?.suppression == nil)
        #expect(outcome.report.gate.reasons == ["1 open finding at or above high"])
        #expect(outcome.notes.contains { $0.hasPrefix("1 baseline entry matches no finding any more") && $0.contains("secrets/github-pat in b.py") })
        #expect(outcome.report.suppressionBreakdown == "baseline 1")
    }

    @Test func theConfigNamesABaselineRelativeToItself() async throws {
        let tree = try Tree(["src/a.py": "KEY = \"\(Self.key)\"\n"])
        defer { tree.remove() }
        let observed = try await Pipeline().observe(tree.request())
        try FileManager.default.createDirectory(at: tree.root.appendingPathComponent("security"), withIntermediateDirectories: true)
        try Baseline(target: observed.target, accepting: observed.findings, reason: "legacy", date: "2026-12-04").encoded()
            .write(to: tree.root.appendingPathComponent("security/baseline.json"))
        try Data("version: 1\nbaseline: security/baseline.json\n".utf8).write(to: tree.root.appendingPathComponent("securescan.yml"))
        let outcome = try await Pipeline().scan(tree.request())
        #expect(outcome.report.findings.map(\.suppression?.source) == [.baseline])
    }

    @Test func aPreviousRunsFindingsJSONIsABaseline() async throws {
        let tree = try Tree(["a.py": "KEY = \"\(Self.key)\"\n"])
        defer { tree.remove() }
        let first = try await Pipeline().scan(tree.request())
        let findingsJSON = URL(fileURLWithPath: first.artifactsDirectory).appendingPathComponent("findings.json").path
        try Fixtures.write(["b.py": "TOKEN = \"\(Self.token)\"\n"], under: tree.root)
        let second = try await Pipeline().scan(tree.request(baseline: findingsJSON, gate: GatePolicy(failOn: .high)))
        #expect(second.report.counts.total == 1)
        #expect(second.report.findings.first { $0.location?.path == "a.py" }?.suppression?.reason == "baseline (\(first.report.finishedAt.prefix(10))): in the run \(first.report.runID)")
    }

    @Test func aBadBaselineStopsTheRunAndNothingIsStored() async throws {
        let tree = try Tree(["a.py": "KEY = \"\(Self.key)\"\n"])
        defer { tree.remove() }
        let file = tree.output.appendingPathComponent("bad.json").path
        try Data(#"{"kind": "securescan-baseline", "schema_version": 7, "entries": []}"#.utf8).write(to: URL(fileURLWithPath: file))
        await #expect(throws: PipelineError.config(file: file, line: nil, column: nil,
                                                   message: "schema_version 7 was written by a newer SecureScan; this one reads 1")) {
            try await Pipeline().scan(tree.request(baseline: file))
        }
        await #expect(throws: PipelineError.self) { try await Pipeline().scan(tree.request(baseline: file + ".missing")) }
        #expect(!FileManager.default.fileExists(atPath: tree.output.appendingPathComponent("securescan.db").path))
    }
}
