#if canImport(CGlibcMalloc)
import CGlibcMalloc
#endif
import ArgumentParser
import Foundation
import SecureScanCore

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
        subcommands: [ScanCommand.self, DiffCommand.self, BaselineCommand.self, ConfigCommand.self, GitHubCommand.self, ImportCommand.self, InstallCommand.self, BatchCommand.self, PruneCommand.self, SBOMCommand.self, DatabaseCommand.self, VerifyCommand.self, KeysCommand.self, ServeCommand.self, StatusCommand.self, HistoryCommand.self, InitCommand.self]
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
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
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

    @Option(name: .long, help: ArgumentHelp("Database file (default: <output>/securescan.db).", valueName: "path"))
    var database: String?

    var databasePath: String { database ?? URL(fileURLWithPath: output).appendingPathComponent("securescan.db").path }
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
