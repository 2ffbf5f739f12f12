import Foundation
import Testing
import TestSupport
@testable import SecureScanScanners

/// The process runner: no shell, limits, exit-code policy, and killing whole process groups.
@Suite struct ToolRunnerTests {
    let runner = ToolRunner()

    @Test func collectsOutputAndExitCode() async throws {
        let output = try await runner.run(.init(executable: "sh", arguments: ["-c", "printf out; printf err >&2; exit 3"], successCodes: [3]))
        #expect(output.stdoutText == "out")
        #expect(output.stderrText == "err")
        #expect(output.exitCode == 3)
    }

    @Test func argumentsAreNotInterpretedByAShell() async throws {
        let output = try await runner.run(.init(executable: "printf", arguments: ["%s|", "$(id)", "a b; echo x"]))
        #expect(output.stdoutText == "$(id)|a b; echo x|")
    }

    @Test func anUnexpectedExitCodeIsAnErrorWithStderr() async throws {
        await #expect(throws: ScannersError.toolExited(tool: "sh", code: 2, stderr: "boom")) {
            _ = try await runner.run(.init(executable: "sh", arguments: ["-c", "echo boom >&2; exit 2"]))
        }
    }

    @Test func aMissingToolIsReportedByName() async throws {
        await #expect(throws: ScannersError.toolNotFound(tool: "securescan-no-such-tool")) {
            _ = try await runner.run(.init(executable: "securescan-no-such-tool"))
        }
    }

    @Test func outputBeyondTheLimitIsAnError() async throws {
        await #expect(throws: ScannersError.toolOutputTooLarge(tool: "yes", limit: 65_536)) {
            _ = try await runner.run(.init(executable: "yes", timeLimit: 20, outputLimit: 65_536))
        }
    }

    @Test func aTimeoutKillsTheWholeProcessGroup() async throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("child.pid").path
        let started = Date()
        await #expect(throws: ScannersError.timedOut(seconds: 0.5)) {
            _ = try await runner.run(.init(
                executable: "sh", arguments: ["-c", "sleep 60 & echo $! > '\(pidFile)'; wait"], timeLimit: 0.5))
        }
        // Far below the 60 s the tool's child would take: the run did not wait for it (a tighter bound only
        // measures how loaded the machine is).
        #expect(Date().timeIntervalSince(started) < 45 * SanitizerBuild.overhead)
        let child = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.isGone(child), "the tool's child process \(child) survived the timeout")
    }

    /// A time limit that runs out while the tool is still being spawned (as on a loaded machine): the
    /// group is killed once its id is known, not left to run to its end.
    @Test func aTimeLimitThatEndsBeforeTheToolHasStartedStillKillsIt() async throws {
        let started = Date()
        for round in 0..<5 {
            await #expect(throws: ScannersError.timedOut(seconds: 0)) {
                _ = try await runner.run(.init(executable: "sh", arguments: ["-c", "sleep 60 & wait"], timeLimit: 0))
            }
            #expect(Date().timeIntervalSince(started) < 45 * SanitizerBuild.overhead, "round \(round) waited for the tool")
        }
    }

    @Test func cancellingTheTaskKillsTheProcessGroup() async throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("child.pid").path
        let task = Task {
            try await runner.run(.init(executable: "sh", arguments: ["-c", "sleep 60 & echo $! > '\(pidFile)'; wait"], timeLimit: 60))
        }
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: pidFile) { try await Task.sleep(for: .milliseconds(50)) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        _ = await task.result
        let child = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.isGone(child), "the tool's child process \(child) survived cancellation")
    }

    /// True when the process no longer runs (absent, or a zombie awaiting its new parent's reaping).
    static func isGone(_ pid: Int32) -> Bool {
        for _ in 0..<50 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
            usleep(100_000)
        }
        return false
    }

    /// `securescan` ignores SIGTERM and SIGINT while a command runs (it handles them itself); a tool it starts
    /// must not inherit that, or the tool could not be stopped by them.
    @Test func toolsStartWithDefaultSignalHandlingWhenThisProcessIgnoresSignals() async throws {
        let previous = (signal(SIGTERM, SIG_IGN), signal(SIGINT, SIG_IGN))
        defer { _ = signal(SIGTERM, previous.0); _ = signal(SIGINT, previous.1) }
        let output = try await runner.run(.init(executable: "grep", arguments: ["^SigIgn:", "/proc/self/status"]))
        let field = output.stdoutText.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        let ignored = try #require(UInt64(field, radix: 16), "no SigIgn mask in \(output.stdoutText)")
        #expect(ignored & (1 << (UInt64(SIGTERM) - 1)) == 0, "the tool ignores SIGTERM (mask \(field))")
        #expect(ignored & (1 << (UInt64(SIGINT) - 1)) == 0, "the tool ignores SIGINT (mask \(field))")
    }

    @Test func aMemoryLimitBindsTheToolAndIsReportedAsSuch() async throws {
        let allocate = ["-c", "x = bytearray(512 * 1024 * 1024); print(len(x))"]
        await #expect(throws: ScannersError.memoryLimitExceeded(tool: "python3", limit: 128 << 20)) {
            _ = try await runner.run(.init(executable: "python3", arguments: allocate, timeLimit: 60, memoryLimit: 128 << 20))
        }
        // Under a limit it fits in, the same tool runs normally.
        let output = try await runner.run(.init(executable: "python3", arguments: ["-c", "x = bytearray(8 * 1024 * 1024); print(len(x))"],
                                               timeLimit: 60, memoryLimit: 512 << 20))
        #expect(output.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "8388608")
    }
}
