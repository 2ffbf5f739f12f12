import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners
@testable import SecureScanStore

/// A scanner that fails on targets holding a file named `CRASH` (a real scanner failure inside a batch).
struct MarkerCrashScanner: ScannerAdapter {
    let id = "marker"
    let scanType = ScanType.code
    let summary = "fails where told to"

    struct Crash: Error, CustomStringConvertible {
        var description: String { "marker scanner crashed on purpose" }
    }

    func availability() async -> ScannerAvailability { .available(version: "1.0") }

    func scan(_ target: ScanTarget) async throws -> Observations {
        if target.tree.files.contains(where: { $0.path == "CRASH" }) { throw Crash() }
        return Observations()
    }
}

/// `securescan batch` in process: the batch file's schema and errors, mixed outcomes over 50 targets, reuse
/// of unchanged targets, a new vulnerability database re-running only the matcher, shards, the lock, pruning.
@Suite(.serialized) struct BatchTests {
    static let templates = PipelineTests.templates

    /// `count` targets under `root/repos/`: every fourth has a fake secret, every seventh a `CRASH` marker.
    static func makeTargets(_ root: URL, count: Int) throws {
        for index in 0..<count {
            var files = ["README.txt": "target \(index)\n"]
            if index % 4 == 0 {
                // A distinct, well-formed access key id per target (the letters spell the index).
                let letters = String(format: "%03d", index).map { Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(String($0))!)) }
                files["settings.py"] = "AWS_ACCESS_KEY_ID = \"AKIAQ3EGVP7IW\(String(letters))JDPY\"\n"
            }
            if index % 7 == 3 { files["CRASH"] = "" }
            try Fixtures.write(files, under: root.appendingPathComponent(String(format: "repos/t%02d", index)))
        }
    }

    func runner(_ scanners: [any ScannerAdapter] = [SecretsScanner(), MarkerCrashScanner()]) -> BatchRunner {
        BatchRunner(pipeline: Pipeline(scanners: scanners))
    }

    func request(_ file: URL, jobs: Int = 2, force: Bool = false, shard: (Int, Int) = (1, 1), vulnerabilityDatabase: String? = nil) -> BatchRequest {
        BatchRequest(file: file.path, outputRoot: file.deletingLastPathComponent().appendingPathComponent("out").path,
                     vulnerabilityDatabase: vulnerabilityDatabase ?? file.deletingLastPathComponent().appendingPathComponent("no-vulndb").path,
                     templatesDirectory: Self.templates, jobs: jobs, shard: shard, force: force, formats: ["json", "markdown"])
    }

    func loader() -> BatchFileLoader { BatchFileLoader(knownScanners: ["secrets", "marker", "dockerfile"]) }

    @Test(arguments: [
        ("targets: []\n", "audits.yml:1:10: targets is empty"),
        ("version: 1\n", "a batch file needs a targets list"),
        ("targets:\n  - path: a\n    colour: blue\n", "audits.yml:3:5: unknown key 'colour' in a targets entry"),
        ("targets:\n  - path: a\n    glob: b/*\n", "audits.yml:2:5: a targets entry has either path or glob, not both"),
        ("targets:\n  - name: x\n", "audits.yml:2:5: a targets entry needs a path or a glob"),
        ("defaults:\n  scanners: [semgrepp]\ntargets:\n  - path: a\n", "audits.yml:2:14: unknown scanner 'semgrepp'"),
        ("defaults:\n  targets: []\ntargets:\n  - path: a\n", "audits.yml:2:3: unknown key 'targets' in defaults"),
        ("targets:\n  - path: a/x\n  - path: b/x\n", "audits.yml:3:5: two targets are named 'x'"),
        ("targets:\n  - path: a\n    name: ../up\n", "audits.yml:3:11: target name '../up'"),
        ("targets:\n  - glob: '*'\n    name: x\n", "audits.yml:3:11: a glob entry names its targets after their directories"),
        ("targets:\n  - path: a\n    policy: {fail_on: scary}\n", "audits.yml:3:23: policy.fail_on: 'scary' is not a severity"),
        ("targets: [\n", "audits.yml:2:1: invalid YAML"),
    ])
    func badBatchFilesNameTheFileLineAndKey(text: String, message: String) throws {
        #expect(throws: (any Error).self) { try loader().parse(text, file: "audits.yml", base: "/srv") }
        do {
            _ = try loader().parse(text, file: "audits.yml", base: "/srv")
        } catch {
            #expect(error.description.hasPrefix(message) || error.description.contains(message), "\(error.description)")
        }
    }

    @Test func aMissingOrUnreadableBatchFileIsNamedWithTheReason() throws {
        let root = try Fixtures.makeTemporaryDirectory("batch-unreadable")
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = root.appendingPathComponent("audits.yml").path
        #expect(throws: PipelineError.configUnreadable(file: missing, reason: "no such file")) { try loader().load(file: missing) }
        #expect(throws: PipelineError.configUnreadable(file: root.path, reason: "it is a directory, not a file")) { try loader().load(file: root.path) }
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: missing))
        #expect(throws: PipelineError.config(file: missing, line: nil, column: nil, message: "the file is not valid UTF-8")) { try loader().load(file: missing) }
    }

    @Test func defaultsAndEntriesCombineAndGlobsExpandSorted() throws {
        let root = try Fixtures.makeTemporaryDirectory("batch-file")
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.makeTargets(root, count: 3)
        try Data().write(to: root.appendingPathComponent("repos/not-a-directory"))
        let file = try loader().parse("""
            defaults:
              scanners: [secrets]
              exclude: ["docs/"]
              timeout: 90s
              policy: {fail_on_new: high}
            targets:
              - glob: repos/t*
                exclude: ["*.md"]
                timeout: 5m
                policy: {fail_on: critical}
              - path: repos/t00
                name: first-again
              - glob: nothing/*
            """, file: "audits.yml", base: root.path)
        #expect(file.targets.map(\.name) == ["t00", "t01", "t02", "first-again"])
        #expect(file.targets[0].path == root.appendingPathComponent("repos/t00").standardizedFileURL.path)
        #expect(file.targets[0].config.exclude == ["docs/", "*.md"])
        #expect(file.targets[0].config.timeout == 300)
        #expect(file.targets[3].config.timeout == 90)
        #expect(file.targets[3].config.scanners == ["secrets"])
        #expect(file.targets[0].configDigest != file.targets[3].configDigest)
        #expect(file.targets[0].configDigest == file.targets[1].configDigest)
        #expect(file.targets[0].config.policy == GatePolicy(failOn: .critical, failOnNew: .high))
        #expect(file.targets[3].config.policy == GatePolicy(failOnNew: .high))
        #expect(file.notes == ["audits.yml:13: glob nothing/* matched no directory"])
    }

    @Test func everyTargetIsInExactlyOneShard() throws {
        let names = (0..<200).map { "repo-\($0)" }
        let file = BatchFile(file: "f", digest: "d", targets: names.map {
            BatchFile.Target(name: $0, path: "/r/\($0)", config: ScanConfig(), configDigest: "", origin: "")
        }, webhookAllowedNetworks: [], notes: [])
        for count in 1...7 {
            let shards = (1...count).map { file.shard($0, of: count).map(\.name) }
            #expect(shards.flatMap { $0 }.sorted() == names.sorted(), "n = \(count)")
            #expect(Set(shards.flatMap { $0 }).count == names.count)
            if count > 1 { #expect(shards.allSatisfy { !$0.isEmpty }) }
        }
        // A target's shard depends on its name only: removing the others never moves it.
        var smaller = file
        smaller.targets = Array(file.targets.prefix(10))
        for target in smaller.targets {
            let index = BatchFile.shardIndex(of: target.name, count: 5)
            #expect(smaller.shard(index, of: 5).contains(target) && file.shard(index, of: 5).contains(target))
        }
    }

    @Test func fiftyTargetsWithMixedOutcomesEachGetOneRunAndOneExitCode() async throws {
        let root = try Fixtures.makeTemporaryDirectory("batch-50")
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.makeTargets(root, count: 48)
        try Data("not a directory".utf8).write(to: root.appendingPathComponent("plain-file"))
        let file = root.appendingPathComponent("audits.yml")
        try Data("""
            defaults:
              scanners: [secrets, marker]
              policy: {fail_on: high}
            targets:
              - glob: repos/*
              - path: plain-file
              - path: does-not-exist
            """.utf8).write(to: file)
        let result = try await runner().run(request(file))
        #expect(result.targets.count == 50)
        let byName = Dictionary(uniqueKeysWithValues: result.targets.map { ($0.name, $0) })
        #expect(byName["plain-file"]?.status == .failed)
        #expect(byName["plain-file"]?.error?.contains("not a directory") == true)
        #expect(byName["does-not-exist"]?.error?.contains("does not exist") == true)
        #expect(byName["t00"]?.counts?.critical == 1)
        #expect(byName["t00"]?.gate?.passed == false)
        #expect(byName["t01"]?.gate?.passed == true)
        #expect(byName["t03"]?.failedScanners == ["marker"])
        #expect(byName["t03"]?.status == .completed, "a failed scanner fails the scanner, not the target")
        #expect(result.exitCode == 3)
        // One run per target that could be scanned, a sound database, and the summary on disk.
        let store = try Store.open(path: root.appendingPathComponent("out/securescan.db").path)
        for index in 0..<48 { #expect(try store.runs(target: String(format: "t%02d", index)).count == 1) }
        #expect(try store.integrityCheck() == "ok")
        let summary = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: result.summaryDirectory + "/summary.json")))
        #expect(summary["totals"]?["failed"] == 2)
        #expect(summary["totals"]?["completed"] == 48)
        #expect(summary["totals"]?["gates_failed"] == 12)
        let markdown = try String(contentsOfFile: result.summaryDirectory + "/summary.md", encoding: .utf8)
        #expect(markdown.contains("| plain-file | failed |"))
        #expect(markdown.contains("marker scanner crashed") == false, "scanner errors stay in the run; the summary names the scanner")
        #expect(markdown.contains("scanners failed: marker"))
        #expect(try store.batch(id: result.batchID).status == .finished)
        // The overview page lists every target once the batch is done.
        let overview = try String(contentsOf: root.appendingPathComponent("out/index.html"), encoding: .utf8)
        #expect(overview.contains("t47") && overview.contains("t00"))
    }

    @Test func unchangedTargetsAreReusedAndChangedOnesScanned() async throws {
        let root = try Fixtures.makeTemporaryDirectory("batch-reuse")
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.makeTargets(root, count: 6)
        let file = root.appendingPathComponent("audits.yml")
        try Data("defaults: {scanners: [secrets]}\ntargets:\n  - glob: repos/*\n".utf8).write(to: file)
        let first = try await runner().run(request(file))
        #expect(first.targets.allSatisfy { $0.status == .completed })
        let second = try await runner().run(request(file))
        #expect(second.targets.allSatisfy { $0.status == .reused })
        #expect(second.targets.allSatisfy { $0.newFindings == 0 })
        let store = try Store.open(path: root.appendingPathComponent("out/securescan.db").path)
        #expect(try store.runs(target: "t00").count == 1)
        let reused = try store.scan(id: try #require(second.targets[0].scanID))
        #expect(reused.status == .reused)
        #expect(reused.run?.id == first.targets[0].runID)
        // A changed file, and a changed config, make a target scan again; the others stay reused.
        try Data("AWS_SECRET_ACCESS_KEY = \"wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEYq\"\n".utf8).write(to: root.appendingPathComponent("repos/t01/new.py"))
        let third = try await runner().run(request(file))
        #expect(third.targets.filter { $0.status == .completed }.map(\.name) == ["t01"])
        try Data("defaults: {scanners: [secrets], max_file_size: 5MiB}\ntargets:\n  - glob: repos/*\n".utf8).write(to: file)
        let fourth = try await runner().run(request(file))
        #expect(fourth.targets.allSatisfy { $0.status == .completed })
        let forced = try await runner().run(request(file, force: true))
        #expect(forced.targets.allSatisfy { $0.status == .completed })
        #expect(try store.runs(target: "t00").count == 3)
    }

    @Test func aNewVulnerabilityDatabaseReRunsOnlyTheMatcher() async throws {
        let root = try Fixtures.makeTemporaryDirectory("batch-vulndb")
        let database = try Fixtures.makeTemporaryDirectory("batch-vulndb-db")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: database)
        }
        _ = try await OSVImport.run(from: OSVPipelineTests.advisories[1], database: database.path)
        let tree = try DemoApp.copy()
        defer { try? FileManager.default.removeItem(at: tree.deletingLastPathComponent()) }
        let file = root.appendingPathComponent("audits.yml")
        try Data("defaults: {scanners: [secrets, dependencies, osv]}\ntargets:\n  - path: \(tree.path)\n    name: demo\n".utf8).write(to: file)
        let scanners: [any ScannerAdapter] = [SecretsScanner(), DependenciesScanner(), OSVScanner()]
        let first = try await runner(scanners).run(request(file, vulnerabilityDatabase: database.path))
        #expect(first.targets[0].status == .completed)
        #expect(try await runner(scanners).run(request(file, vulnerabilityDatabase: database.path)).targets[0].status == .reused)
        _ = try await OSVImport.run(from: OSVPipelineTests.advisories[0], database: database.path)
        let third = try await runner(scanners).run(request(file, vulnerabilityDatabase: database.path))
        #expect(third.targets[0].status == .completed)
        let store = try Store.open(path: root.appendingPathComponent("out/securescan.db").path)
        let report = try store.report(runID: try #require(third.targets[0].runID))
        let notes = Dictionary(uniqueKeysWithValues: report.scannerRuns.map { ($0.scanner, $0.notes.joined()) })
        #expect(notes["secrets"]?.contains("results reused from run \(first.targets[0].runID!)") == true)
        #expect(notes["dependencies"]?.contains("results reused") == true)
        #expect(notes["osv"]?.contains("results reused") == false)
        let previous = try store.report(runID: first.targets[0].runID!)
        #expect(Set(report.findings.filter { $0.scanner == "secrets" }.map(\.fingerprint)) == Set(previous.findings.filter { $0.scanner == "secrets" }.map(\.fingerprint)))
        #expect(report.diff.counts.new == report.findings.filter { $0.scanner == "osv" }.count - previous.findings.filter { $0.scanner == "osv" }.count)
        #expect(report.components.count == previous.components.count)
    }

    @Test func aSecondBatchOnTheSameStoreAndShardIsRefused() async throws {
        let root = try Fixtures.makeTemporaryDirectory("batch-lock")
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.makeTargets(root, count: 2)
        let file = root.appendingPathComponent("audits.yml")
        try Data("targets:\n  - glob: repos/*\n".utf8).write(to: file)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("out"), withIntermediateDirectories: true)
        let held = try BatchLock(database: .sqlite(path: root.appendingPathComponent("out/securescan.db").path), outputRoot: root, shard: "1/1")
        await #expect(throws: PipelineError.self) { _ = try await runner().run(request(file)) }
        do {
            _ = try await runner().run(request(file))
        } catch {
            #expect(error.description.contains("another batch (shard 1/1, process \(getpid()))"))
        }
        // Another shard of the same store may run.
        let other = try await runner().run(request(file, shard: (1, 2)))
        #expect(other.targets.map(\.name) == ["t00", "t01"].filter { BatchFile.shardIndex(of: $0, count: 2) == 1 })
        withExtendedLifetime(held) {}
    }

    @Test func pruneKeepsTheNewestRunsAndTheirFolders() async throws {
        let root = try Fixtures.makeTemporaryDirectory("batch-prune")
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.makeTargets(root, count: 2)
        let file = root.appendingPathComponent("audits.yml")
        try Data("defaults: {scanners: [secrets]}\ntargets:\n  - glob: repos/*\n".utf8).write(to: file)
        var runs: [String] = []
        for _ in 0..<3 { runs.append(try #require(try await runner().run(request(file, force: true)).targets[0].runID)) }
        _ = try await runner().run(request(file))
        let output = root.appendingPathComponent("out")
        let removed = try await Pipeline.prune(outputRoot: output.path, database: .sqlite(path: output.appendingPathComponent("securescan.db").path),
                                               keep: 1, target: nil, executablePath: "/nonexistent")
        #expect(removed == ["t00": 2, "t01": 2])
        let store = try Store.open(path: output.appendingPathComponent("securescan.db").path)
        #expect(try store.runs(target: "t00").map(\.id) == [runs[2]])
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("t00/\(runs[0])").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("t00/\(runs[2])/findings.json").path))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: output.appendingPathComponent("t00/latest").path) == runs[2])
        #expect(try store.integrityCheck() == "ok")
    }

    /// What a process killed between staging, saving and publishing leaves behind is put in order by the next batch:
    /// a staged run the store holds is published, a staged run it does not hold is removed, `latest` is repaired.
    @Test func leftoversOfAnInterruptedRunAreRecovered() async throws {
        let root = try Fixtures.makeTemporaryDirectory("batch-recover")
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.makeTargets(root, count: 2)
        let file = root.appendingPathComponent("audits.yml")
        try Data("defaults: {scanners: [secrets]}\ntargets:\n  - glob: repos/*\n".utf8).write(to: file)
        let first = try await runner().run(request(file))
        let saved = try #require(first.targets[0].runID)
        let output = root.appendingPathComponent("out")
        let t00 = output.appendingPathComponent("t00"), t01 = output.appendingPathComponent("t01")
        // t00: killed after the save, before the publish. t01: killed while staging a run never saved.
        try FileManager.default.moveItem(at: t00.appendingPathComponent(saved), to: t00.appendingPathComponent(".partial-\(saved)"))
        try FileManager.default.removeItem(at: t00.appendingPathComponent("latest"))
        let orphan = "20990101T000000Z-abcdef"
        try Fixtures.write(["findings.json": "{\"trunc"], under: t01.appendingPathComponent(".partial-\(orphan)"))

        let second = try await runner().run(request(file))
        #expect(second.notes.contains("t00: published run \(saved), stored before an interruption"), "\(second.notes)")
        #expect(second.notes.contains("t01: removed the unfinished run \(orphan) an interruption left"), "\(second.notes)")
        #expect(second.targets.map(\.status) == [.reused, .reused])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: t00.appendingPathComponent("latest").path) == saved)
        #expect(FileManager.default.fileExists(atPath: t00.appendingPathComponent("\(saved)/findings.json").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: t01.path).allSatisfy { !$0.hasPrefix(".partial-") })
    }
}
