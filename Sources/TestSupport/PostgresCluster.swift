import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL server for tests: a new cluster (`initdb`) in a temporary directory, started
/// as a child process on a free loopback port, password authentication (SCRAM) for one user, and removed by
/// ``stop()``. The server refuses to run as root, so under root it runs as `nobody` (via `setpriv`).
public final class PostgresCluster: @unchecked Sendable {
    public let directory: URL
    public let port: Int
    public let user = "securescan"
    public let database = "securescan"
    /// The user's password: tests hand it over as `PGPASSWORD`, never in a URL on a command line.
    public let password: String
    private let binaries: URL
    private var running = true
    /// The server, a child of this process (not daemonized by pg_ctl: a daemon inherits the descriptors
    /// Foundation watches to see a child exit, and `waitUntilExit` on pg_ctl would never return).
    private var server: Process?

    /// What went wrong starting or using the cluster, with the server's log when there is one.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The URL a store connects to (no password; see ``environment``).
    public var url: String { "postgres://\(user)@127.0.0.1:\(port)/\(database)?sslmode=disable" }

    /// The environment a process needs to connect: the password.
    public var environment: [String: String] { ["PGPASSWORD": password] }

    /// The directory of PostgreSQL's programs: Debian keeps them under /usr/lib/postgresql/VERSION/bin.
    public static func binaries() -> URL? {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let bin = root.appendingPathComponent(version).appendingPathComponent("bin")
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
        }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let bin = URL(fileURLWithPath: String(directory))
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path),
               FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("postgres").path) { return bin }
        }
        return nil
    }

    /// Creates and starts a cluster with an empty database ``database`` owned by ``user``.
    public static func start() throws -> PostgresCluster {
        guard let binaries = binaries() else {
            throw Failure(description: "PostgreSQL is not installed (Debian: apt-get install postgresql; `make test` installs it)")
        }
        reapAbandoned()
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("securescan-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("\(getpid())\n".utf8).write(to: directory.appendingPathComponent("owner.pid"))
        let password = UUID().uuidString
        let cluster = PostgresCluster(directory: directory, port: try LoopbackPort.free(), password: password, binaries: binaries)
        do {
            try cluster.setUp()
        } catch {
            cluster.stop()
            throw error
        }
        return cluster
    }

    /// Stops and removes the clusters of test processes that died without stopping theirs (killed, or
    /// crashed): each cluster's directory names the process that started it.
    static func reapAbandoned() {
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory())
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix("securescan-pg-") {
            let directory = temporary.appendingPathComponent(name)
            guard let owner = (try? String(contentsOf: directory.appendingPathComponent("owner.pid"), encoding: .utf8))
                .flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }),
                  kill(owner, 0) != 0, errno == ESRCH else { continue }
            let postmaster = try? String(contentsOf: directory.appendingPathComponent("data/postmaster.pid"), encoding: .utf8)
            if let line = postmaster?.split(separator: "\n").first, let server = Int32(line) {
                kill(server, SIGQUIT)
                for _ in 0..<50 where kill(server, 0) == 0 { usleep(100_000) }
            }
            try? FileManager.default.removeItem(at: directory)
        }
    }

    private init(directory: URL, port: Int, password: String, binaries: URL) {
        self.directory = directory
        self.port = port
        self.password = password
        self.binaries = binaries
    }

    deinit { stop() }

    private var data: String { directory.appendingPathComponent("data").path }
    private var log: String { directory.appendingPathComponent("server.log").path }

    private func setUp() throws {
        let passwordFile = directory.appendingPathComponent("password")
        try Data(password.utf8).write(to: passwordFile)
        if getuid() == 0 {
            // The whole directory belongs to the unprivileged user the server runs as.
            for path in [directory.path, passwordFile.path] { chown(path, 65534, 65534) }
        }
        chmod(directory.path, 0o700)
        chmod(passwordFile.path, 0o600)
        try run("initdb", ["-D", data, "-U", user, "--auth=scram-sha-256", "--pwfile=\(passwordFile.path)", "-E", "UTF8",
                           "--no-locale", "--no-sync"])
        let server = Process()
        let postgres = binaries.appendingPathComponent("postgres").path
        let options = ["-D", data, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-k", directory.path, "-c", "fsync=off",
                       "-c", "full_page_writes=off", "-c", "max_connections=200"]
        if getuid() == 0 {
            server.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            server.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", postgres] + options
        } else {
            server.executableURL = URL(fileURLWithPath: postgres)
            server.arguments = options
        }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let logHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        server.standardOutput = logHandle
        server.standardError = logHandle
        server.standardInput = FileHandle.nullDevice
        try server.run()
        try? logHandle.close()
        self.server = server
        let deadline = Date().addingTimeInterval(60)
        while (try? run("pg_isready", ["-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", "postgres", "-q"])) == nil {
            guard server.isRunning, Date() < deadline else {
                let serverLog = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                throw Failure(description: "the PostgreSQL server did not start:\n\(serverLog.suffix(2000))")
            }
            usleep(50_000)
        }
        try run("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q",
                         "-c", "CREATE DATABASE \(database)"])
    }

    /// Runs SQL as the cluster's user in ``database`` (`psql`), returning unaligned, tuples-only output.
    @discardableResult
    public func psql(_ sql: String, database: String? = nil) throws -> String {
        try run("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", database ?? self.database, "-v", "ON_ERROR_STOP=1",
                         "-q", "-A", "-t", "-c", sql])
    }

    /// Stops the server at once and removes the cluster. Safe to call twice.
    public func stop() {
        guard running else { return }
        running = false
        if let server, server.isRunning {
            // SIGQUIT: immediate shutdown (the cluster is thrown away, nothing needs to be flushed).
            kill(server.processIdentifier, SIGQUIT)
            server.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    private func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        let executable = binaries.appendingPathComponent(program).path
        if getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = password
        environment["LC_ALL"] = "C"
        process.environment = environment
        process.currentDirectoryURL = directory
        // Files, not pipes: a pipe some descendant kept open would make reading it to its end wait for
        // that descendant. Named for this run alone: tests running at the same time share the cluster
        // and call psql at the same time.
        let token = UUID().uuidString
        let outputFile = directory.appendingPathComponent("\(program)-\(token).out"), errorFile = directory.appendingPathComponent("\(program)-\(token).err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputFile), errors = try FileHandle(forWritingTo: errorFile)
        defer {
            try? output.close()
            try? errors.close()
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stdout = (try? Data(contentsOf: outputFile)) ?? Data()
        let stderr = (try? Data(contentsOf: errorFile)) ?? Data()
        guard process.terminationStatus == 0 else {
            let serverLog = (try? String(contentsOfFile: log, encoding: .utf8)).map { "\nserver log:\n" + $0.suffix(2000) } ?? ""
            throw Failure(description: "\(program) exited with \(process.terminationStatus): \(String(decoding: stderr, as: UTF8.self))\(serverLog)")
        }
        return String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
