#if canImport(CGlibcMalloc)
import CGlibcMalloc
#endif
import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanStore

/// `securescan`: the command line. Parses, calls the pipeline or the store, prints; no logic of its own.
@main
struct SecureScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "securescan",
        abstract: "Security-audit pipeline: run scanners, fingerprint and diff findings, write evidence, gate releases.",
        discussion: """
            Exit codes: 0 passed, 1 the gate failed, 2 usage or configuration error, \
            3 a scanner failed and --fail-on-scanner-error was set.
            """,
        version: ToolInfo.current.version,
        subcommands: [ScanCommand.self, DiffCommand.self, BaselineCommand.self, ConfigCommand.self, GitHubCommand.self, ImportCommand.self, InstallCommand.self, BatchCommand.self, PruneCommand.self, SBOMCommand.self, DatabaseCommand.self, VerifyCommand.self, ExportCommand.self, KeysCommand.self, ServeCommand.self, WorkerCommand.self, StatusCommand.self, HistoryCommand.self, InitCommand.self]
    )

    /// Runs the command, mapping argument errors to exit code 2 (the documented usage-error code).
    static func main() async {
        #if canImport(CGlibcMalloc)
        // Two malloc arenas instead of glibc's eight per core: the pipeline's threads each kept freed
        // memory in arenas of their own, which at 100,000 findings was 15-25 MB more peak RSS
        // (docs/benchmarks.md), for no measured loss of speed.
        _ = mallopt(M_ARENA_MAX, 2)
        #endif
        do {
            var command = try parseAsRoot(CommandInputs.rewritingHistoryRange(Array(CommandLine.arguments.dropFirst())))
            if command is ServeCommand || command is WorkerCommand, var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else if let asyncCommand = command as? any AsyncParsableCommand {
                // The command in a task of its own, so that SIGTERM or SIGINT can cancel it.
                nonisolated(unsafe) var running = asyncCommand
                let work = Task { try await running.run() }
                let stop = SignalStop.install { work.cancel() }
                let outcome = await work.result
                if let signal = stop.stoppingSignal {
                    FileHandle.standardError.write(Data("securescan: stopped by signal \(signal)\n".utf8))
                    Foundation.exit(128 + signal)
                }
                try outcome.get()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
            Foundation.exit(GateExit.usageError.rawValue)
        }
    }
}

/// Options shared by commands that touch the output root and database.
struct StorageOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Artifact root.", valueName: "dir"))
    var output: String = "output"

    @Option(name: .long, help: ArgumentHelp(
        "Run store: an SQLite file, or a postgres://user@host:port/db?sslmode=... URL (default: $SECURESCAN_DATABASE_URL, else <output>/securescan.db).",
        valueName: "file|url"))
    var database: String?

    /// The default SQLite file.
    var databasePath: String { URL(fileURLWithPath: output).appendingPathComponent("securescan.db").path }

    /// The run store: `--database`, else `SECURESCAN_DATABASE_URL`, else ``databasePath``. A URL that cannot
    /// be used is an error naming what is wrong (exit 2).
    func location() throws -> StoreLocation {
        do {
            return try StoreLocation.resolve(database, defaultPath: databasePath)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(GateExit.usageError.rawValue)
        }
    }

    /// The run store only when one is named (`--database` or `SECURESCAN_DATABASE_URL`), for commands
    /// that read verdicts from a store if there is one and otherwise use none.
    func namedLocation() throws -> StoreLocation? { try Self.named(database) }

    /// ``namedLocation()`` for a command with a `--database` option of its own.
    static func named(_ database: String?) throws -> StoreLocation? {
        let environment = ProcessInfo.processInfo.environment[StoreLocation.environmentVariable] ?? ""
        guard database != nil || !environment.isEmpty else { return nil }
        do {
            return try StoreLocation.resolve(database, defaultPath: "")
        } catch {
            Terminal.error(error.description)
            throw ExitCode(GateExit.usageError.rawValue)
        }
    }

    /// Opens the run store, as an error naming it when it cannot be: exit 3 for a server that cannot be
    /// reached or refuses the login, 2 otherwise. `create`: an SQLite file (and its directory) is made
    /// when there is none; otherwise it must exist. `readOnly`: nothing is written, not even a migration.
    func openStore(create: Bool, readOnly: Bool = false) throws -> Store {
        let location = try location()
        do {
            if case .sqlite(let path) = location {
                if create {
                    try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                            withIntermediateDirectories: true)
                } else if !FileManager.default.fileExists(atPath: path) {
                    Terminal.error("no database at \(path); run `securescan scan` first, or name the store with --output or --database")
                    throw ExitCode(GateExit.usageError.rawValue)
                }
            }
            return try Store.open(location, readOnly: readOnly)
        } catch let error as StoreError {
            Terminal.error(error.description)
            if case .serverUnreachable = error { throw ExitCode(GateExit.scannerError.rawValue) }
            throw ExitCode(GateExit.usageError.rawValue)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error("cannot create the database directory for \(location): \(error.localizedDescription)")
            throw ExitCode(GateExit.usageError.rawValue)
        }
    }
}

/// Where the offline vulnerability database is.
struct VulnerabilityDatabaseOption: ParsableArguments {
    @Option(name: .customLong("vuln-db"), help: ArgumentHelp(
        "Vulnerability database directory (default: $SECURESCAN_VULNDB, else ~/.cache/securescan/vulndb).", valueName: "dir"))
    var directory: String?
}

extension Severity: ExpressibleByArgument {
    public init?(argument: String) { self.init(label: argument) }
    public static var allValueStrings: [String] { Severity.descending.map(\.rawValue) }
}

extension APIScope: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
