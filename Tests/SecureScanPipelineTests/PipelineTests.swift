import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanReports
@testable import SecureScanScanners
@testable import SecureScanStore

/// The whole pipeline, in process: scan → fingerprint → diff → store → artifacts → gate.
@Suite struct PipelineTests {
    static let templates = Fixtures.repositoryRoot.appendingPathComponent("templates").path

    /// A pipeline with a fixed clock (as with SOURCE_DATE_EPOCH) and the given scanners.
    func pipeline(_ scanners: [any ScannerAdapter] = Scanners.all) -> Pipeline {
        Pipeline(scanners: scanners, now: { Date(timeIntervalSince1970: 1_764_374_400) })
    }

    func request(_ path: URL, output: URL, config: String? = nil, gate: GatePolicy = GatePolicy()) -> ScanRequest {
        ScanRequest(
            path: path.path, configFile: config, outputRoot: output.path, gate: gate, templatesDirectory: Self.templates,
            vulnerabilityDatabase: output.appendingPathComponent("no-vulndb").path)
    }

    @Test func aSecondScanOfAnUnchangedTreeReportsNothingNewOrFixed() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let first = try await pipeline().scan(request(DemoApp.url, output: output))
        #expect(first.report.diff.counts.new == first.report.findings.count)
        #expect(first.report.findings.count >= 15)
        let second = try await pipeline().scan(request(DemoApp.url, output: output))
        #expect(second.report.diff.counts == RunDiff.Counts(unchanged: first.report.findings.count))
        #expect(second.report.baseRunID == first.report.runID)
    }

    @Test func movingCodeKeepsEveryFinding() async throws {
        let tree = try DemoApp.copy()
        let output = try Fixtures.makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: tree.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: output)
        }
        let first = try await pipeline().scan(request(tree, output: output))
        for file in ["app/settings.py", "web/src/api.js", "scripts/deploy.sh", "Dockerfile"] {
            let url = tree.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            let header = file == "Dockerfile" ? "# build notes\n# more notes\n\n" : "\n\n\n// moved down\n\n"
            let moved = file.hasSuffix(".py") || file.hasSuffix(".sh") ? text.replacingOccurrences(of: "\n", with: "\n\n", options: [], range: text.range(of: "\n")) : header + text
            try Data(moved.utf8).write(to: url)
        }
        let second = try await pipeline().scan(request(tree, output: output))
        #expect(second.report.diff.counts == RunDiff.Counts(unchanged: first.report.findings.count))
        let firstLines = Set(first.report.findings.compactMap { $0.location?.startLine })
        let secondLines = Set(second.report.findings.compactMap { $0.location?.startLine })
        #expect(firstLines != secondLines, "the test must actually move findings")
    }

    @Test func aCrashingScannerIsAFailedRunAndItsFindingsAreNotReassessed() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let healthy = try await pipeline([SecretsScanner(), FakeScanner(mode: .finds(["vpc", "bucket"]))]).scan(request(DemoApp.url, output: output))
        #expect(healthy.report.findings.filter { $0.scanner == "fake" }.count == 2)

        let crashed = try await pipeline([SecretsScanner(), FakeScanner(mode: .crash)]).scan(request(DemoApp.url, output: output))
        let fakeRun = try #require(crashed.report.scannerRuns.first { $0.scanner == "fake" })
        #expect(fakeRun.status == .failed)
        #expect(fakeRun.error == "fake scanner crashed: parser exploded")
        #expect(crashed.report.diff.fixed.isEmpty)
        #expect(crashed.report.diff.notReassessed.map(\.ruleID) == ["fake/rule", "fake/rule"])
        #expect(crashed.report.findings.filter { $0.scanner == "secrets" }.count == healthy.report.findings.filter { $0.scanner == "secrets" }.count)
        #expect(crashed.report.gate.passed, "a scanner error only fails the gate when asked to")

        // Back to health: the carried findings are unchanged, not reopened.
        let recovered = try await pipeline([SecretsScanner(), FakeScanner(mode: .finds(["vpc", "bucket"]))]).scan(request(DemoApp.url, output: output))
        #expect(recovered.report.diff.counts.new == 0)
        #expect(recovered.report.diff.counts.reopened == 0)
        #expect(recovered.report.diff.counts.fixed == 0)

        let stored = try Store.open(path: output.appendingPathComponent("securescan.db").path)
        #expect(try stored.scannerRuns(runID: crashed.report.runID).first { $0.scanner == "fake" }?.status == .failed)
    }

    @Test func aScannerThatRunsOutOfTimeIsTimedOutAndTheOthersStillReport() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let config = output.appendingPathComponent("securescan.yml")
        try Data("scanner_timeouts:\n  fake: 300ms\n".utf8).write(to: config)
        // The stubborn scanner ignores cancellation for 30 s: the run must be over long before it is (however
        // loaded the machine), so the check is on its flag, not on a clock.
        let stubbornDone = FakeScanner.Flag()
        for mode in [FakeScanner.Mode.hang, .stubborn(30, finished: stubbornDone)] {
            let outcome = try await pipeline([SecretsScanner(), FakeScanner(mode: mode)]).scan(
                request(DemoApp.url, output: output, config: config.path, gate: GatePolicy(failOnScannerError: true)))
            #expect(!stubbornDone.isSet, "the pipeline must not wait for a scanner past its time limit")
            #expect(outcome.report.scannerRuns.first { $0.scanner == "fake" }?.status == .timedOut)
            #expect(outcome.report.findings.contains { $0.scanner == "secrets" })
            #expect(outcome.report.gate.exitCode == 3)
        }
    }

    @Test func withAFixedClockTwoScansGiveIdenticalArtifacts() async throws {
        let one = try Fixtures.makeTemporaryDirectory(), two = try Fixtures.makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: two)
        }
        let a = try await pipeline().scan(request(DemoApp.url, output: one))
        let b = try await pipeline().scan(request(DemoApp.url, output: two))
        #expect(a.report.runID != b.report.runID)
        let sarifA = try Data(contentsOf: URL(fileURLWithPath: a.artifactsDirectory).appendingPathComponent("findings.sarif"))
        let sarifB = try Data(contentsOf: URL(fileURLWithPath: b.artifactsDirectory).appendingPathComponent("findings.sarif"))
        #expect(sarifA == sarifB)
        for name in ["findings.json", "diff.json", "summary.md"] {
            let textA = try String(contentsOf: URL(fileURLWithPath: a.artifactsDirectory).appendingPathComponent(name), encoding: .utf8)
            let textB = try String(contentsOf: URL(fileURLWithPath: b.artifactsDirectory).appendingPathComponent(name), encoding: .utf8)
            #expect(textA.replacingOccurrences(of: a.report.runID, with: "RUN") == textB.replacingOccurrences(of: b.report.runID, with: "RUN"), "\(name)")
        }
    }

    @Test func noPlantedSecretAppearsInAnyArtifactOrInTheDatabase() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try await pipeline().scan(request(DemoApp.url, output: output))
        #expect(outcome.report.findings.filter { $0.scanner == "secrets" }.count >= 9)
        var files: [URL] = []
        let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { files.append(url) }
        }
        #expect(files.contains { $0.lastPathComponent == "securescan.db" })
        for file in files {
            let bytes = try Data(contentsOf: file)
            for secret in DemoApp.plantedSecrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret.prefix(6))… found in \(file.lastPathComponent)")
            }
        }
        let json = String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
        for secret in DemoApp.plantedSecrets { #expect(!json.contains(secret)) }
    }

    @Test func theGateFailsOnSeverityAndOnNewFindings() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let failed = try await pipeline().scan(request(DemoApp.url, output: output, gate: GatePolicy(failOn: .critical)))
        #expect(failed.report.gate.exitCode == 1)
        let again = try await pipeline().scan(request(DemoApp.url, output: output, gate: GatePolicy(failOnNew: .low)))
        #expect(again.report.gate.passed, "nothing is new the second time")
    }

    @Test func configSuppressionsAndOverridesApply() async throws {
        let tree = try DemoApp.copy()
        let output = try Fixtures.makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: tree.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: output)
        }
        try Data("""
            severity_overrides:
              dockerfile/no-healthcheck: info
            suppressions:
              - rule: secrets/jwt
                path: app/**
                reason: signed with a throwaway key
            policy:
              fail_on: critical
            """.utf8).write(to: tree.appendingPathComponent("securescan.yml"))
        let outcome = try await pipeline().scan(request(tree, output: output))
        #expect(outcome.configFile?.hasSuffix("demo-app/securescan.yml") == true)
        let jwt = try #require(outcome.report.findings.first { $0.ruleID == "secrets/jwt" })
        #expect(jwt.suppression?.reason == "signed with a throwaway key")
        let healthcheck = try #require(outcome.report.findings.first { $0.ruleID == "dockerfile/no-healthcheck" })
        #expect(healthcheck.severity == .info && healthcheck.originalSeverity == .low)
        #expect(outcome.report.gate.exitCode == 1)
    }

    @Test func hostileTreesGiveNotesNotCrashes() async throws {
        let tree = try Fixtures.makeTemporaryDirectory("hostile")
        let output = try Fixtures.makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: tree)
            try? FileManager.default.removeItem(at: output)
        }
        try Fixtures.write(["ok.py": "token = \"ghp_JC6RQuFlBnDomtQhA14VqnPa5lwOo0OpGcSD\"\n"], under: tree)
        try Data([0xFF, 0xFE, 0x41, 0xC3, 0x0A]).write(to: tree.appendingPathComponent("bad-utf8.txt"))
        try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent("loop").path, withDestinationPath: ".")
        let huge = tree.appendingPathComponent("huge.bin")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let outcome = try await pipeline().scan(request(tree, output: output))
        // The tree has no .gitignore: git-hygiene says so.
        #expect(outcome.report.findings.map(\.ruleID) == ["secrets/github-pat", "git-hygiene/missing-gitignore"])
        #expect(outcome.notes.contains { $0.contains("huge.bin") && $0.contains("not scanned") })
        #expect(outcome.notes.contains("1 symbolic link not followed: loop"))
    }

    @Test func anOutputDirectoryInsideTheTargetIsNotScanned() async throws {
        let tree = try DemoApp.copy()
        defer { try? FileManager.default.removeItem(at: tree.deletingLastPathComponent()) }
        let output = tree.appendingPathComponent("output")
        let first = try await pipeline().scan(request(tree, output: output))
        let second = try await pipeline().scan(request(tree, output: output))
        #expect(second.report.diff.counts == RunDiff.Counts(unchanged: first.report.findings.count))
    }

    @Test func theCommitGateWaitsForTheRenderersDecision() async throws {
        for commit in [true, false] {
            let gate = CommitGate()
            let waited = Task.detached { () -> Bool in
                do { try gate.waitForCommit(); return true } catch { return false }
            }
            try await Task.sleep(for: .milliseconds(50))
            gate.decide(commit: commit)
            #expect(await waited.value == commit)
        }
    }

    @Test func aCommandLineScanStoresTheRunWithItsArtifacts() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try await pipeline().scan(request(DemoApp.url, output: output))
        let store = try Store.open(outcome.database)
        let run = try store.run(id: outcome.report.runID)
        #expect(run.id == outcome.report.runID)
        #expect(try store.findings(runID: outcome.report.runID).count == outcome.report.findings.count)
        #expect(FileManager.default.fileExists(atPath: outcome.artifactsDirectory + "/manifest.json"))
    }

    /// A format that writes part of its file and then fails, as a full disk would.
    struct FailingFormat: OutputFormat {
        let id = "failing"
        let fileName = "failing.txt"
        let mediaType = "text/plain"

        func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
            sink.write("half of an artifact")
            throw .writeFailed(path: fileName, reason: "No space left on device")
        }
    }

    @Test func aRunWhoseArtifactsFailIsNeitherStoredNorPublished() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let first = try await pipeline().scan(request(DemoApp.url, output: output))
        var failing = pipeline()
        failing.formats = Formats.all + [FailingFormat()]
        // Renders and stores at the same time (a command-line scan): the store's transaction must roll back.
        await #expect(throws: PipelineError.reports(ReportsError.writeFailed(path: "failing.txt", reason: "No space left on device").description)) {
            _ = try await failing.scan(request(DemoApp.url, output: output))
        }
        let store = try Store.open(first.database)
        #expect(try store.runs().map(\.id) == [first.report.runID])
        #expect(try store.previousState(target: first.report.target.name).runID == first.report.runID)
        let target = URL(fileURLWithPath: first.artifactsDirectory).deletingLastPathComponent()
        let left = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
        #expect(left == [first.report.runID, "index.html", "latest"], "\(left)")
        // The next scan is compared with the last stored run, as if the failed one never happened.
        let next = try await pipeline().scan(request(DemoApp.url, output: output))
        #expect(next.report.baseRunID == first.report.runID)
        #expect(next.report.diff.counts == RunDiff.Counts(unchanged: first.report.findings.count))
    }

    @Test func badInputFailsCleanlyWithoutWritingAnything() async throws {
        let output = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        await #expect(throws: PipelineError.target("target does not exist: /nonexistent/securescan-target")) {
            _ = try await pipeline().scan(request(URL(fileURLWithPath: "/nonexistent/securescan-target"), output: output))
        }
        let config = output.appendingPathComponent("bad.yml")
        try Data("version: 1\nexclude:\n  - docs/\nscaners: [secrets]\n".utf8).write(to: config)
        await #expect(throws: PipelineError.config(file: config.path, line: 4, column: 1, message:
            "unknown key 'scaners' in the top level (did you mean 'scanners'?); known keys: \(ConfigLoader.topLevelKeys.joined(separator: ", "))")) {
            _ = try await pipeline().scan(request(DemoApp.url, output: output, config: config.path))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["bad.yml"])
    }
}
