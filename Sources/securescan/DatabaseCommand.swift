import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanReports
import SecureScanStore

/// `securescan db`: the offline vulnerability database, and the run store's connection and schema.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the offline vulnerability database the osv scanner matches against, and check the run store.",
        subcommands: [UpdateOSV.self, UpdateKEV.self, UpdateEPSS.self, Status.self, CheckStore.self, MigrateStore.self])

    /// `securescan db migrate-store --from FILE|URL --to FILE|URL`: moving a store up to a shared server
    /// (or back down to a file).
    struct MigrateStore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate-store",
            abstract: "Copy every run, finding, verdict, key, webhook and event of one run store into another, empty one.",
            discussion: """
                For example: securescan db migrate-store --from output/securescan.db --to postgres://securescan@db:5432/securescan \
                (the password from PGPASSWORD, ~/.pgpass, or a URL in SECURESCAN_DATABASE_URL given as --to env). The source is \
                only read; the destination must be empty and is written in one transaction, committed only when every table \
                holds as many rows as the source's. Exit 3 when a server cannot be reached, 2 for any other problem.
                """)

        @Option(name: .long, help: ArgumentHelp("The store to copy: an SQLite file or a postgres:// URL.", valueName: "file|url"))
        var from: String

        @Option(name: .long, help: ArgumentHelp(
            "The empty store to copy into: an SQLite file or a postgres:// URL ('env': $SECURESCAN_DATABASE_URL).", valueName: "file|url"))
        var to: String

        @Flag(name: .long, help: "Print the rows copied per table as JSON on stdout.")
        var json = false

        func run() throws {
            let terminal = Terminal(json: json)
            do {
                let source = try StoreLocation.resolve(from, defaultPath: from)
                let destination = to == "env" ? try StoreLocation.resolve(nil, defaultPath: "") : try StoreLocation.resolve(to, defaultPath: to)
                try copy(source, destination, terminal)
            } catch let error as StoreError {
                Terminal.error(error.description)
                if case .serverUnreachable = error { throw ExitCode(GateExit.scannerError.rawValue) }
                throw ExitCode(GateExit.usageError.rawValue)
            }
        }

        func copy(_ source: StoreLocation, _ destination: StoreLocation, _ terminal: Terminal) throws {
            if case .sqlite(let path) = destination, path.isEmpty {
                throw StoreError.invalidDatabaseURL("--to env needs \(StoreLocation.environmentVariable) set to a postgres:// URL")
            }
            guard source.description != destination.description else {
                throw StoreError.invalidDatabaseURL("--from and --to name the same store (\(source))")
            }
            let from = try Store.open(source, readOnly: true)
            defer { from.close() }
            let into = try Store.open(destination)
            defer { into.close() }
            let copied = try from.copy(to: into) { table, rows in terminal.say("  \(table): \(rows)") }
            let total = copied.reduce(0) { $0 + $1.rows }
            terminal.say("copied \(total) rows from \(source) into \(destination); every table's count matches")
            // The runs' files, which a shared store keeps: from their folders, where they are on this host.
            if into.keepsArtifacts {
                let kept = try into.keepLocalArtifacts()
                if kept > 0 { terminal.say("kept the artifact files of \(kept) run\(kept == 1 ? "" : "s") in \(destination)") }
            }
            if case .sqlite(let path) = source, case .postgres = destination,
               copied.contains(where: { $0.table == "webhooks" && $0.rows > 0 }),
               FileManager.default.fileExists(atPath: SecretKeyFile.path(forDatabase: path)) {
                terminal.say("""
                    webhook secrets are sealed with \(SecretKeyFile.path(forDatabase: path)): set \(SecretKeyFile.environmentVariable) \
                    to its contents on every host that uses \(destination)
                    """)
            }
            if json {
                let rows = Dictionary(uniqueKeysWithValues: copied.map { ($0.table, JSONValue.int($0.rows)) })
                Terminal.emit(try StableJSON.data(JSONValue.object(["from": .string(source.description), "to": .string(destination.description),
                                                                    "rows": .object(rows)]), format: "json"))
            }
        }
    }

    /// `securescan db check-store`: can this machine reach the store, and is its schema this version's?
    struct CheckStore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-store",
            abstract: "Open the run store and bring its schema up to date (with --read-only, only check it).",
            discussion: """
                The store is --database (an SQLite file, or a postgres://user@host:port/database?sslmode=... URL), else \
                $SECURESCAN_DATABASE_URL, else <output>/securescan.db. A PostgreSQL password comes from the URL in \
                SECURESCAN_DATABASE_URL, PGPASSWORD or ~/.pgpass, never from the command line. Exit 3 when the server \
                cannot be reached or refuses the login, 2 for any other problem.
                """)

        @OptionGroup var storage: StorageOptions

        @Flag(name: .customLong("read-only"), help: "Write nothing: fail unless the schema is already this version's.")
        var readOnly = false

        func run() async throws {
            do {
                switch try StoreLocation.resolve(storage.database, defaultPath: storage.databasePath) {
                case .sqlite(let path):
                    let store = readOnly ? try Store.openReadOnly(path: path) : try Store.open(path: path)
                    guard try store.migrationsAreCurrent() else { throw StoreError.schemaOutOfDate(path: path) }
                    print("SQLite store \(path): schema current (\(CheckStore.schema))")
                case .postgres(let location):
                    let database = try PostgresDatabase.open(location, readOnly: readOnly)
                    let version = try database.serverVersion()
                    database.close()
                    print("PostgreSQL store \(location): schema current (\(CheckStore.schema)); server PostgreSQL \(version)"
                          + (location.passwordSource.map { "; password from \($0)" } ?? ""))
                }
            } catch let error as StoreError {
                Terminal.error(error.description)
                if case .serverUnreachable = error { throw ExitCode(GateExit.scannerError.rawValue) }
                throw ExitCode(GateExit.usageError.rawValue)
            }
        }

        static var schema: String {
            "\(Store.schemaMigrations.count) migrations, the last '\(Store.schemaMigrations.last ?? "")'"
        }
    }

    struct UpdateOSV: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update-osv",
            abstract: "Import OSV records from a directory, an all.zip export or a URL.",
            discussion: """
                Records replace ones with the same id; others already in the database stay. A record that \
                cannot be read is listed on stderr with its file and field and left out. For example: \
                securescan db update-osv --from https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip
                """)

        @Option(name: .long, help: ArgumentHelp("A directory of OSV JSON (or YAML) records, an all.zip, or an http(s) URL of one.", valueName: "source"))
        var from: String

        @OptionGroup var vulnerabilityDatabase: VulnerabilityDatabaseOption

        @Flag(name: .long, help: "Print the result as JSON on stdout.")
        var json = false

        func run() async throws {
            let terminal = Terminal(json: json)
            let result: OSVImport.Result
            do {
                result = try await OSVImport.run(from: from, database: vulnerabilityDatabase.directory, progress: { terminal.say($0) })
            } catch {
                Terminal.error(error.description)
                throw ExitCode(error.exitCode)
            }
            for rejection in result.rejected { Terminal.error("skipped \(rejection)") }
            terminal.say("imported \(result.imported) records (\(result.added) new)" + (result.rejected.isEmpty ? "" : ", \(result.rejected.count) skipped"))
            terminal.say(Status.describe(result.summary, file: VulnerabilityDatabaseLocation.file(in: vulnerabilityDatabase.directory)))
            if json { Terminal.emit(try StableJSON.data(result.summary, format: "json")) }
        }
    }

    /// Loads a vulnerability-intelligence feed: its progress and one summary line for people, its result
    /// as JSON with `--json`; a failure is its message and exit code.
    static func load<Result: Encodable & Sendable>(
        json: Bool, _ work: (@escaping @Sendable (String) -> Void) async throws(PipelineError) -> Result, summary: (Result) -> String
    ) async throws {
        let terminal = Terminal(json: json)
        let result: Result
        do {
            result = try await work { terminal.say($0) }
        } catch {
            Terminal.error(error.description)
            throw ExitCode(error.exitCode)
        }
        terminal.say(summary(result))
        if json { Terminal.emit(try StableJSON.data(result, format: "json")) }
    }

    struct UpdateKEV: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update-kev",
            abstract: "Load CISA's Known Exploited Vulnerabilities catalog (its JSON feed: a file or a URL).",
            discussion: """
                The catalog replaces the one loaded before. Findings of a catalogued CVE (or of an advisory that \
                aliases one) are marked with the date it was added, the remediation due date and whether it is used \
                in ransomware; `--fail-on-kev` (or `policy.fail_on_kev`) gates on them. For example: securescan db \
                update-kev https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json
                """)

        @Argument(help: ArgumentHelp("known_exploited_vulnerabilities.json, or an http(s) URL of it.", valueName: "file|url"))
        var source: String

        @OptionGroup var vulnerabilityDatabase: VulnerabilityDatabaseOption

        @Flag(name: .long, help: "Print the result as JSON on stdout.")
        var json = false

        func run() async throws {
            let (source, directory) = (source, vulnerabilityDatabase.directory)
            try await DatabaseCommand.load(json: json, { progress throws(PipelineError) in
                try await KEVImport.run(from: source, database: directory, progress: progress)
            }, summary: { result in
                "loaded the Known Exploited Vulnerabilities catalog \(result.catalogVersion) (released \(result.dateReleased)): "
                    + "\(result.entries) CVEs, \(result.ransomware) used in ransomware"
            })
        }
    }

    struct UpdateEPSS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update-epss",
            abstract: "Load FIRST's EPSS scores (their CSV, gzip or not: a file or a URL).",
            discussion: """
                The scores replace those loaded before. Findings of a scored CVE carry its probability of exploitation \
                in the next 30 days and its percentile (`epss`, `epss.percentile`, `epss.date`); `--min-epss P` (or \
                `policy.min_epss`) gates on them. For example: securescan db update-epss \
                https://epss.cyentia.com/epss_scores-current.csv.gz
                """)

        @Argument(help: ArgumentHelp("epss_scores-YYYY-MM-DD.csv(.gz), or an http(s) URL of it.", valueName: "file|url"))
        var source: String

        @OptionGroup var vulnerabilityDatabase: VulnerabilityDatabaseOption

        @Flag(name: .long, help: "Print the result as JSON on stdout.")
        var json = false

        func run() async throws {
            let (source, directory) = (source, vulnerabilityDatabase.directory)
            try await DatabaseCommand.load(json: json, { progress throws(PipelineError) in
                try await EPSSImport.run(from: source, database: directory, progress: progress)
            }, summary: { result in "loaded EPSS scores of \(result.scored) CVEs (model \(result.modelVersion), scored \(result.scoreDate))" })
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Show the vulnerability database: records per ecosystem, newest record, digest.")

        @OptionGroup var vulnerabilityDatabase: VulnerabilityDatabaseOption

        @Flag(name: .long, help: "Print the status as JSON on stdout.")
        var json = false

        func run() async throws {
            let file = VulnerabilityDatabaseLocation.file(in: vulnerabilityDatabase.directory)
            let summary: AdvisoryDatabaseSummary
            do {
                summary = try AdvisoryStore.open(path: file, create: false).summary()
            } catch {
                Terminal.error("\(error)")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            if json {
                Terminal.emit(try StableJSON.data(summary, format: "json"))
            } else {
                print(Status.describe(summary, file: file))
            }
        }

        static func describe(_ summary: AdvisoryDatabaseSummary, file: String) -> String {
            var lines = ["Vulnerability database \(file)", "  records:  \(summary.records)"]
            lines.append("  newest:   \(summary.newestModified ?? "-")")
            lines.append("  digest:   sha256:\(summary.digest)")
            lines.append("  kev:      \(summary.knownExploitedCatalog ?? "none loaded (securescan db update-kev)")")
            lines.append("  epss:     \(summary.exploitPredictionDate.map { "scores of \($0)" } ?? "none loaded (securescan db update-epss)")")
            for ecosystem in summary.ecosystems.keys.sorted() {
                lines.append("  \(ecosystem.padding(toLength: 12, withPad: " ", startingAt: 0))\(summary.ecosystems[ecosystem]!)")
            }
            return lines.joined(separator: "\n")
        }
    }
}
