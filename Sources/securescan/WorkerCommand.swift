import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanScanners
import SecureScanServer
import SecureScanStore

/// `securescan worker`: the scans the API queued and the webhook deliveries, run without HTTP.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run queued API scans and webhook deliveries of a run store, with no HTTP.",
        discussion: """
            Any number of workers and `serve --workers 0` replicas share one store (PostgreSQL, or an SQLite file on \
            one host): each queued scan is run by one worker, which holds a claim on it renewed while it runs; a worker \
            that dies loses its scans when their claims run out, and another runs them again. SIGTERM or SIGINT puts \
            running scans back in the queue. Environment: SECURESCAN_DATABASE_URL, PGPASSWORD, SECURESCAN_SECRET_KEY.
            """)

    @OptionGroup var storage: StorageOptions

    @OptionGroup var vulnerabilityDatabase: VulnerabilityDatabaseOption

    @Option(name: .long, help: ArgumentHelp("Scans that run at once.", valueName: "n"))
    var workers = 2

    @Option(name: .long, help: ArgumentHelp("Config file whose webhooks.allow_networks deliveries may reach.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Directory of report templates to use instead of the built-in ones.", valueName: "dir"))
    var templates: String?

    func validate() throws {
        guard (1...64).contains(workers) else { throw ValidationError("--workers must be between 1 and 64") }
    }

    func run() async throws {
        let allowedNetworks = try CommandInputs.webhookNetworks(config: config)
        let configuration = ServerConfiguration(
            outputRoot: storage.output, database: try storage.location(), workers: workers,
            vulnerabilityDatabase: vulnerabilityDatabase.directory, templatesDirectory: templates, executablePath: CommandLine.arguments[0],
            webhookAllowedNetworks: allowedNetworks)
        let worker = try CommandInputs.starting { try WorkerRunner(configuration) }
        FileHandle.standardError.write(Data("SecureScan worker on \(configuration.database): up to \(workers) scans at once, and webhook deliveries\n".utf8))
        try await worker.run()
    }
}
