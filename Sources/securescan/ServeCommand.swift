import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanScanners
import SecureScanServer
import SecureScanStore

/// `securescan serve`: the artifact site and the HTTP API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the artifact site (/site/), the HTTP API (/api/v1/…) and its docs (/docs).",
        discussion: """
            Every /api route needs a key: create one with `securescan keys create --name NAME --scope admin`, or set \
            SECURESCAN_API_KEY. With --read-only the database is opened read-only and every request that could change \
            something is answered 405. Environment: SECURESCAN_API_KEY, SECURESCAN_EVENT_TOKEN_SECRET, \
            SECURESCAN_RATE_LIMIT_PER_MIN (60), SECURESCAN_RATE_LIMIT_BURST (10), SECURESCAN_RATE_LIMIT_ENABLED (1), \
            SECURESCAN_SECRET_KEY.
            """)

    @Option(name: .long, help: ArgumentHelp("Address to listen on.", valueName: "host"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Port to listen on; 0 for a free port the system picks (named on standard error once listening).", valueName: "port"))
    var port = 8000

    @OptionGroup var storage: StorageOptions

    @OptionGroup var vulnerabilityDatabase: VulnerabilityDatabaseOption

    @Flag(name: .customLong("read-only"), help: "Auditor mode: read everything, change nothing.")
    var readOnly = false

    @Option(name: .long, help: ArgumentHelp("A directory POST /scans may scan and /dashboard/browse may list (repeatable; default: the working directory).", valueName: "dir"))
    var root: [String] = []

    @Option(name: .long, help: ArgumentHelp("Scans that run at once (0: none here; `securescan worker` processes on the same store run them).", valueName: "n"))
    var workers = 2

    @Option(name: .long, help: ArgumentHelp("Config file whose webhooks.allow_networks the server uses.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Directory of report templates to use instead of the built-in ones.", valueName: "dir"))
    var templates: String?

    @Option(name: .customLong("cache-mb"), help: ArgumentHelp("Memory for serialized findings and scans of stored runs, which never change (0: off).", valueName: "mb"))
    var cacheMB = 64

    @Option(name: .customLong("max-publish-mb"), help: ArgumentHelp("The largest run or artifact folder a runner may publish (POST /api/v1/runs).", valueName: "mb"))
    var maxPublishMB = 256

    @Option(name: .customLong("cors-origin"), help: ArgumentHelp("A browser origin (https://dash.example.com) whose pages may call the API (repeatable; default: none).", valueName: "origin"))
    var corsOrigin: [String] = []

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds a connection may send nothing before it is closed.", valueName: "s"))
    var idleTimeout = 30

    @Option(name: .customLong("body-timeout"), help: ArgumentHelp("Seconds a request body may take to arrive (408 past it).", valueName: "s"))
    var bodyTimeout = 60

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (0: a free port the system picks)") }
        guard (0...64).contains(workers) else { throw ValidationError("--workers must be between 0 and 64") }
        guard (0...65_536).contains(cacheMB) else { throw ValidationError("--cache-mb must be between 0 and 65536") }
        guard (1...4_096).contains(maxPublishMB) else { throw ValidationError("--max-publish-mb must be between 1 and 4096") }
        guard (1...3_600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be between 1 and 3600 seconds") }
        guard (1...3_600).contains(bodyTimeout) else { throw ValidationError("--body-timeout must be between 1 and 3600 seconds") }
        for origin in corsOrigin {
            guard let url = URL(string: origin), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()), url.host != nil,
                  url.path.isEmpty || url.path == "/", url.query == nil, url.user == nil else {
                throw ValidationError("--cors-origin \(origin) is not an origin (scheme://host[:port], like https://dash.example.com)")
            }
        }
        for directory in root {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--root \(directory) is not a directory")
            }
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let allowedNetworks = try CommandInputs.webhookNetworks(config: config)
        var configuration = ServerConfiguration(
            host: host, port: port, outputRoot: storage.output, database: try storage.location(), readOnly: readOnly,
            environmentKey: environment["SECURESCAN_API_KEY"], eventTokenSecret: environment["SECURESCAN_EVENT_TOKEN_SECRET"],
            roots: root, workers: workers, vulnerabilityDatabase: vulnerabilityDatabase.directory, templatesDirectory: templates,
            executablePath: CommandLine.arguments[0], webhookAllowedNetworks: allowedNetworks,
            scanRateLimit: try Self.rateLimit(environment), cacheBytes: cacheMB << 20)
        configuration.publishLimitBytes = maxPublishMB << 20
        configuration.corsOrigins = corsOrigin
        configuration.idleTimeout = .seconds(idleTimeout)
        configuration.bodyTimeout = .seconds(bodyTimeout)
        // A new server's artifact root is made here, as a scan would make it (an auditor's read-only server
        // needs what is already there).
        if !readOnly, case .sqlite = configuration.database {
            try? FileManager.default.createDirectory(atPath: storage.output, withIntermediateDirectories: true)
        }
        // Said once the socket listens, with the port it listens on: a port already taken fails before
        // anything claims to be serving, and `--port 0` tells which port the system picked.
        let (host, readOnly) = (host, readOnly)
        let application = try CommandInputs.starting {
            try ServerRunner(configuration) { port in
                FileHandle.standardError.write(Data("SecureScan serving http://\(host):\(port)/ (API docs at /docs, site at /site/)\(readOnly ? ", read-only" : "")\n".utf8))
            }
        }
        do {
            try await application.run()
        } catch let error as ServerError {
            Terminal.error(error.detail)
            throw ExitCode(GateExit.usageError.rawValue)
        }
    }

    /// The scan-creation limit from the environment; nil when switched off.
    static func rateLimit(_ environment: [String: String]) throws -> (perMinute: Int, burst: Int)? {
        if let enabled = environment["SECURESCAN_RATE_LIMIT_ENABLED"]?.lowercased(), ["0", "false", "no", "off"].contains(enabled) { return nil }
        func number(_ name: String, _ fallback: Int) throws -> Int {
            guard let text = environment[name], !text.isEmpty else { return fallback }
            guard let value = Int(text), value > 0 else {
                Terminal.error("\(name) must be a positive integer, not '\(text)'")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            return value
        }
        return (try number("SECURESCAN_RATE_LIMIT_PER_MIN", 60), try number("SECURESCAN_RATE_LIMIT_BURST", 10))
    }
}
