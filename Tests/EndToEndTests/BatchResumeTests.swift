import Foundation
import Testing
import TestSupport
import SecureScanStore

/// `securescan batch` killed with SIGKILL in the middle of a target, then run again: the second run
/// finishes the rest without redoing what was done, leaves no half-written run folder, and the
/// database passes `PRAGMA integrity_check`.
@Suite(.serialized) struct BatchResumeTests {
    static let targetCount = 50
    static let killAfter = 12

    /// Small real targets: a README, and in every third one a planted key (found by the secrets scanner).
    static func makeTargets(_ root: URL) throws -> URL {
        for index in 0..<targetCount {
            var files = ["README.md": "# service \(index)\n", "app.py": "import os\nprint(os.environ.get('HOME'))\n"]
            if index % 3 == 0 {
                let letters = String(format: "%03d", index).map { Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(String($0))!)) }
                files["settings.py"] = "AWS_ACCESS_KEY_ID = \"AKIAQ3EGVP7IW\(String(letters))JDPY\"\n"
            }
            try Fixtures.write(files, under: root.appendingPathComponent(String(format: "repos/svc-%02d", index)))
        }
        let file = root.appendingPathComponent("audits.yml")
        try "version: 1\ndefaults:\n  scanners: [secrets, dependencies]\ntargets:\n  - glob: repos/*\n".write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Starts the batch and kills it with SIGKILL once `killAfter` targets are done and the next one has started.
    static func runAndKill(_ arguments: [String], after killAfter: Int = killAfter, environment: [String: String] = [:]) async throws -> Int {
        try await Blocking.run {
            let process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            env["SECURESCAN_TEMPLATES"] = Fixtures.repositoryRoot.appendingPathComponent("templates").path
            env["SECURESCAN_VULNDB"] = "/nonexistent/securescan-test-vulndb"
            for (key, value) in environment { env[key] = value }
            process.environment = env
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var buffer = Data()
            var finished = 0
            var killed = false
            while !killed {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    if line.contains("\"event\":\"target.finish\"") { finished += 1 }
                    // Mid-target: a scanner of the next target has started, its artifacts are not yet published.
                    if finished >= killAfter, line.contains("\"event\":\"scanner.start\"") {
                        kill(process.processIdentifier, SIGKILL)
                        killed = true
                        break
                    }
                }
            }
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "the batch ended before it could be killed (exit \(process.terminationStatus))")
            return finished
        }
    }

    @Test func aKilledBatchResumesWithoutRedoingOrCorrupting() async throws {
        let root = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = try Self.makeTargets(root)
        let output = root.appendingPathComponent("out")
        let arguments = ["batch", file.path, "--output", output.path, "--jobs", "1"]

        let finishedBeforeKill = try await Self.runAndKill(arguments + ["--log-format", "json"])
        #expect(finishedBeforeKill >= Self.killAfter)
        let database = output.appendingPathComponent("securescan.db").path
        let before = try Store.openReadOnly(path: database)
        let runsBefore = Dictionary(uniqueKeysWithValues: try before.runs(limit: 1000).map { ($0.target, $0.id) })
        #expect(runsBefore.count >= Self.killAfter && runsBefore.count < Self.targetCount, "\(runsBefore.count) runs stored before the kill")

        let second = try await CommandLineTests.run(arguments + ["--json"])
        #expect(second.status == 0, "\(second.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(result["resumed"] as? Bool == true)
        let notes = result["notes"] as? [String] ?? []
        #expect(notes.contains { $0.hasPrefix("resumed batch") }, "\(notes)")
        let targets = result["targets"] as? [[String: Any]] ?? []
        #expect(targets.count == Self.targetCount)
        #expect(targets.allSatisfy { $0["status"] as? String == "completed" }, "\(targets.map { "\($0["name"] ?? "?"): \($0["status"] ?? "?")" })")

        let store = try Store.openReadOnly(path: database)
        #expect(try store.integrityCheck() == "ok")
        let perTarget = try store.targets()
        #expect(perTarget.count == Self.targetCount)
        #expect(perTarget.allSatisfy { $0.runs == 1 }, "every target exactly once: \(perTarget.filter { $0.runs != 1 })")
        // The targets done before the kill kept their runs; the batch result points at them.
        let runIDs = Dictionary(uniqueKeysWithValues: targets.map { ($0["name"] as? String ?? "", $0["run_id"] as? String ?? "") })
        for (target, runID) in runsBefore { #expect(runIDs[target] == runID, "\(target) was scanned again") }

        // No half-written run folder survives, and each target has one published run folder.
        for target in perTarget {
            let entries = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent(target.name).path)
            #expect(!entries.contains { $0.hasPrefix(".partial-") || $0.hasPrefix(".latest-") }, "\(target.name): \(entries)")
            let runFolders = entries.filter { !$0.hasPrefix(".") && $0 != "latest" && $0 != "index.html" }
            #expect(runFolders.count == 1, "\(target.name): \(entries)")
            let manifest = output.appendingPathComponent("\(target.name)/latest/manifest.json")
            #expect(FileManager.default.fileExists(atPath: manifest.path), "\(target.name) has no complete latest run")
        }
        let summary = output.appendingPathComponent("batch/\(result["batch_id"] as? String ?? "?")/summary.json")
        #expect(FileManager.default.fileExists(atPath: summary.path))
    }
}
