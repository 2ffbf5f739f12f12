import Foundation
import Testing
import TestSupport

/// SIGTERM to `scan`, `batch` and `serve` while a scanner runs: each stops within 10 s, the scanner's
/// whole process group is killed, nothing half-done is stored, and the work left is done by the next run
/// (a batch's remaining targets; a server's interrupted scan, requeued and run after a restart).
@Suite(.serialized) struct SignalTests {
    /// A stand-in `bandit` on PATH: the first call (no marker file yet) starts a child and waits for ever,
    /// writing both PIDs; later calls print an empty report at once.
    struct SlowTool {
        let folder: URL
        var bin: URL { folder.appendingPathComponent("bin") }
        var marker: URL { folder.appendingPathComponent("fast") }
        var toolPID: URL { folder.appendingPathComponent("tool.pid") }
        var childPID: URL { folder.appendingPathComponent("child.pid") }

        init() throws {
            folder = try Fixtures.makeTemporaryDirectory("slow-tool")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let script = """
                #!/bin/sh
                if [ "$1" = "--version" ]; then echo "bandit 1.9.4"; exit 0; fi
                if [ -f "\(marker.path)" ]; then echo '{"results": [], "errors": []}'; exit 0; fi
                echo $$ > "\(toolPID.path).tmp"; mv "\(toolPID.path).tmp" "\(toolPID.path)"
                sleep 300 &
                echo $! > "\(childPID.path)"
                wait
                """
            let path = bin.appendingPathComponent("bandit").path
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }

        var environment: [String: String] {
            ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
             "SECURESCAN_TOOLS": folder.appendingPathComponent("no-tools").path,
             "SECURESCAN_TEMPLATES": Fixtures.repositoryRoot.appendingPathComponent("templates").path,
             "SECURESCAN_VULNDB": "/nonexistent/securescan-test-vulndb"]
        }

        /// Waits until the tool runs; its PID and its child's.
        func waitUntilRunning(seconds: Double = 120) async throws -> (tool: pid_t, child: pid_t) {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let tool = try? String(contentsOf: toolPID, encoding: .utf8), let child = try? String(contentsOf: childPID, encoding: .utf8),
                   let toolID = pid_t(tool.trimmingCharacters(in: .whitespacesAndNewlines)), let childID = pid_t(child.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    return (toolID, childID)
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw CancellationError()
        }

        func makeFast() throws {
            try Data().write(to: marker)
            try? FileManager.default.removeItem(at: toolPID)
            try? FileManager.default.removeItem(at: childPID)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// Whether `pid` is a live process (a zombie awaiting its reaper is not).
    static func alive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false)
    }

    static func start(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Sends SIGTERM and waits for the exit; the seconds it took.
    static func terminate(_ process: Process) async throws -> Double {
        let started = Date()
        process.terminate()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return Date().timeIntervalSince(started)
    }

    static func tree(_ root: URL, _ name: String) throws -> URL {
        let folder = root.appendingPathComponent(name)
        try Fixtures.write(["app.py": "import os\n", "README.md": "# \(name)\n"], under: folder)
        return folder
    }

    @Test func aScanStopsAtOnceAndStoresNothing() async throws {
        let tool = try SlowTool()
        defer { tool.remove() }
        let root = try Fixtures.makeTemporaryDirectory("sigterm-scan")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        let process = try Self.start(["scan", try Self.tree(root, "svc").path, "--output", output.path, "--scanners", "bandit,secrets"],
                                     environment: tool.environment)
        let (toolPID, childPID) = try await tool.waitUntilRunning()
        let took = try await Self.terminate(process)
        #expect(took < 10 * SanitizerBuild.overhead)
        #expect(process.terminationStatus == 143)
        try await Task.sleep(for: .milliseconds(300))
        #expect(!Self.alive(toolPID) && !Self.alive(childPID), "the tool's whole process group is killed")
        let runs = (try? FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("svc").path)) ?? []
        #expect(runs.filter { $0 != "index.html" }.isEmpty, "no run, whole or half: \(runs)")
        #expect(try FaultTests.query(output.appendingPathComponent("securescan.db").path, "SELECT count(*) FROM runs;") == "0")
    }

    @Test func aBatchStopsAndTheNextRunDoesTheRest() async throws {
        let tool = try SlowTool()
        defer { tool.remove() }
        let root = try Fixtures.makeTemporaryDirectory("sigterm-batch")
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["a", "b", "c"] { _ = try Self.tree(root.appendingPathComponent("repos"), name) }
        let file = root.appendingPathComponent("audits.yml")
        try "version: 1\ndefaults:\n  scanners: [bandit, secrets]\ntargets:\n  - glob: repos/*\n".write(to: file, atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("out")
        let arguments = ["batch", file.path, "--output", output.path, "--jobs", "1"]
        let process = try Self.start(arguments, environment: tool.environment)
        let (toolPID, _) = try await tool.waitUntilRunning()
        let took = try await Self.terminate(process)
        #expect(took < 10 * SanitizerBuild.overhead)
        #expect(process.terminationStatus == 143)
        #expect(!Self.alive(toolPID))
        let database = output.appendingPathComponent("securescan.db").path
        #expect(try FaultTests.integrity(database) == "ok")

        try tool.makeFast()
        let again = try await CommandLineTests.run(arguments, environment: tool.environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try FaultTests.query(database, "SELECT count(DISTINCT target_id) FROM runs;") == "3")
    }

    @Test func aServerStopsAndItsInterruptedScanRunsAfterTheRestart() async throws {
        let tool = try SlowTool()
        defer { tool.remove() }
        let root = try Fixtures.makeTemporaryDirectory("sigterm-serve")
        defer { try? FileManager.default.removeItem(at: root) }
        let tree = try Self.tree(root.appendingPathComponent("repos"), "svc")
        let output = root.appendingPathComponent("out")
        let port = try LoopbackPort.free()
        var environment = tool.environment
        environment["SECURESCAN_API_KEY"] = "sk-test-signals-0123456789"
        let arguments = ["serve", "--port", String(port), "--output", output.path, "--root", root.appendingPathComponent("repos").path]
        let server = try Self.start(arguments, environment: environment)
        let client = LocalHTTPClient(port: port, key: "sk-test-signals-0123456789")
        try await client.waitUntilReady()
        let created = try await client.post("/api/v1/scans", json: ["target_path": tree.path, "scanners": ["bandit", "secrets"]])
        let scanID = try #require(created["scan_id"] as? String ?? created["id"] as? String, "\(created)")
        let (toolPID, _) = try await tool.waitUntilRunning()
        let took = try await Self.terminate(server)
        #expect(took < 10 * SanitizerBuild.overhead)
        #expect(!Self.alive(toolPID))

        try tool.makeFast()
        let restarted = try Self.start(arguments, environment: environment)
        defer { restarted.terminate() }
        try await client.waitUntilReady()
        var status = ""
        for _ in 0..<150 {
            status = (try await client.get("/api/v1/scans/\(scanID)"))["status"] as? String ?? ""
            if status == "completed" || status == "failed" { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(status == "completed", "the interrupted scan was requeued and run")
    }
}

/// A client for a `securescan serve` started by a test: JSON requests with the key, through curl.
struct LocalHTTPClient {
    let port: Int
    let key: String

    func request(_ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, object: [String: Any]) {
        var arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method, "-H", "X-API-Key: \(key)"]
        if let body { arguments += ["-H", "Content-Type: application/json", "--data", body] }
        let result = try await ExternalCommand.run("/usr/bin/curl", arguments + ["http://127.0.0.1:\(port)\(path)"])
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        let text = lines.dropLast().joined(separator: "\n")
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return (Int(lines.last ?? "") ?? 0, object)
    }

    func get(_ path: String) async throws -> [String: Any] { try await request("GET", path).object }

    func post(_ path: String, json: [String: Any]) async throws -> [String: Any] {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
        return try await request("POST", path, body: body).object
    }

    func waitUntilReady() async throws {
        for _ in 0..<150 {
            if (try? await request("GET", "/health").status) == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CancellationError()
    }
}
