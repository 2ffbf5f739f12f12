import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanPipeline
@testable import SecureScanScanners
@testable import SecureScanStore

/// How a run records an external tool that is missing, crashes, hangs or writes something that is not
/// its report. The misbehaving tool is a small script installed where `securescan install` would put bandit.
@Suite struct ExternalFailureTests {
    /// A tools directory whose `bandit` is `script`.
    func tools(_ script: String) throws -> URL {
        let directory = try Fixtures.makeTemporaryDirectory("tools")
        let bin = directory.appendingPathComponent("bandit/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let executable = bin.appendingPathComponent("bandit")
        try Data("#!/bin/sh\n\(script)\n".utf8).write(to: executable)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: executable.path)
        return directory
    }

    /// One bandit run on a tree with one Python file, against `store`.
    func scan(_ script: String, tree: URL, output: URL, config: String = "") async throws -> ScanOutcome {
        let tools = try tools(script)
        defer { try? FileManager.default.removeItem(at: tools) }
        let configFile = output.appendingPathComponent("securescan.yml")
        try Data("scanners: [bandit]\n\(config)".utf8).write(to: configFile)
        let pipeline = Pipeline(scanners: [BanditScanner(toolsDirectory: tools.path)] + Scanners.builtIn)
        return try await pipeline.scan(ScanRequest(path: tree.path, configFile: configFile.path, outputRoot: output.appendingPathComponent("out").path,
                                                   formats: ["json"], templatesDirectory: PipelineTests.templates))
    }

    func tree() throws -> URL {
        let tree = try Fixtures.makeTemporaryDirectory("tree")
        try Fixtures.write(["one/one.py": "import os\nassert False\n"], under: tree)
        return tree
    }

    /// The version answer every stand-in gives before doing its part.
    static let version = #"if [ "$1" = "--version" ]; then echo "bandit 1.9.4"; exit 0; fi"#

    @Test func aMissingToolIsSkippedWithItsInstallHint() async throws {
        let empty = try Fixtures.makeTemporaryDirectory("empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        // A tool no machine has, with bandit's kind of plan: unavailable, with the hint naming the pinned package.
        let plan = InstallPlan(manager: .pip, package: "securescan-absent-tool", version: "1.0", executable: "securescan-absent-tool")
        let tool = ExternalTool(plan: plan, toolsDirectory: empty.path)
        #expect(await tool.availability() == .unavailable(
            reason: "securescan-absent-tool is not installed",
            installHint: "securescan install securescan-absent-tool, or pip install securescan-absent-tool==1.0"))
        #expect(BanditScanner().installPlan == InstallPlan(manager: .pip, package: "bandit", version: "1.9.4", executable: "bandit"))
        // In a run it is a skipped scanner with that reason and hint, and the other scanners still run.
        let tree = try tree(), output = try Fixtures.makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: tree)
            try? FileManager.default.removeItem(at: output)
        }
        if ToolRunner.locate("bandit") == nil {
            let config = output.appendingPathComponent("securescan.yml")
            try Data("scanners: [bandit, secrets]\n".utf8).write(to: config)
            let outcome = try await Pipeline(scanners: [BanditScanner(toolsDirectory: empty.path)] + Scanners.builtIn).scan(ScanRequest(
                path: tree.path, configFile: config.path, outputRoot: output.appendingPathComponent("out").path, formats: ["json"],
                templatesDirectory: PipelineTests.templates))
            let run = try #require(outcome.report.scannerRuns.first { $0.scanner == "bandit" })
            #expect(run.status == .skipped)
            #expect(run.installHint == "securescan install bandit, or pip install bandit==1.9.4")
            #expect(outcome.report.scannerRuns.first { $0.scanner == "secrets" }?.status == .ran)
        }
    }

    @Test func crashTimeoutAndGarbageAreFailuresThatNameTheTool() async throws {
        let tree = try tree(), output = try Fixtures.makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: tree)
            try? FileManager.default.removeItem(at: output)
        }
        let report = Fixtures.url("reports/defectdojo/bandit/one_vuln.json").path
        // A normal run: exit 1 is bandit's "found issues".
        let first = try await scan("\(Self.version)\ncat '\(report)'\nexit 1", tree: tree, output: output)
        let found = try #require(first.report.scannerRuns.first { $0.scanner == "bandit" })
        #expect(found.status == .ran)
        #expect(found.version == "1.9.4")
        #expect(first.report.findings.filter { $0.scanner == "bandit" }.count == 1)

        // A crash: failed, with the exit code and the head of stderr; the earlier finding is not reassessed.
        let crash = try await scan("\(Self.version)\necho 'Traceback (most recent call last):' >&2\necho 'RuntimeError: boom' >&2\nexit 2", tree: tree, output: output)
        let crashed = try #require(crash.report.scannerRuns.first { $0.scanner == "bandit" })
        #expect(crashed.status == .failed)
        #expect(crashed.error?.contains("bandit exited with status 2") == true, "\(crashed.error ?? "")")
        #expect(crashed.error?.contains("RuntimeError: boom") == true)
        let carried = try #require(crash.report.diff.notReassessed.first { $0.ruleID == "B101" })
        #expect(carried.change == .notReassessed)
        #expect(crash.report.diff.counts.notReassessed == 1)
        #expect(crash.report.diff.counts.fixed == 0)

        // Output that is not a report: failed, naming the tool and the exit code.
        let garbage = try await scan("\(Self.version)\necho 'Usage: bandit [-h]'\necho 'unrecognized arguments' >&2\nexit 0", tree: tree, output: output)
        let unparsable = try #require(garbage.report.scannerRuns.first { $0.scanner == "bandit" })
        #expect(unparsable.status == .failed)
        #expect(unparsable.error?.hasPrefix("bandit output (exit 0): invalid JSON") == true, "\(unparsable.error ?? "")")
        #expect(unparsable.error?.contains("stderr: unrecognized arguments") == true)

        // A hang: timed out under the configured limit; the tool's process group is killed.
        let marker = output.appendingPathComponent("child.pid").path
        let hang = try await scan("\(Self.version)\nsleep 60 &\necho $! > '\(marker)'\nwait", tree: tree, output: output,
                                  config: "scanner_timeouts:\n  bandit: 1s\n")
        #expect(hang.report.scannerRuns.first { $0.scanner == "bandit" }?.status == .timedOut)
        let pid = try #require(Int32(try String(contentsOfFile: marker, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = false
        for _ in 0..<50 where !gone {
            gone = kill(pid, 0) != 0
            if !gone { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(gone, "the tool's child outlived the timeout")
    }
}
