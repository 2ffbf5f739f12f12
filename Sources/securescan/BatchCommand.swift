#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanReports

/// `securescan batch audits.yml`: the nightly audit of many targets.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Audit every target of a batch file: resumable, bounded, unchanged targets skipped.",
        discussion: """
            Exit codes: 0 every gate passed, 1 a gate failed, 2 the batch file or an option is wrong, 3 a target \
            failed (or a scanner failed with fail_on_scanner_error). A batch killed in the middle resumes on the next \
            run with the same file and shard. Summaries go to <output>/batch/<batch-id>/summary.md and summary.json. \
            With a PostgreSQL store (--database postgres://… or SECURESCAN_DATABASE_URL), every batch process started with \
            the same file and shard, on any host, joins one batch and claims its targets one at a time; a process that \
            dies loses its target after SECURESCAN_BATCH_LEASE_SECONDS (default 60) and another takes it; the last \
            process to finish writes the summary and sends batch.complete.
            """)

    @Argument(help: "The batch file (the schema of securescan.yml around a targets list).")
    var file: String

    @OptionGroup var storage: StorageOptions

    @OptionGroup var vulnerabilityDatabase: VulnerabilityDatabaseOption

    @Option(name: .long, help: ArgumentHelp("Targets scanned at once (default: the number of cores).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("Run shard i of n: a deterministic split by target name, for n machines or CI jobs.", valueName: "i/n"))
    var shard: String = "1/1"

    @Flag(name: .long, help: "Scan every target, even those unchanged since their last run.")
    var force = false

    @Option(name: .customLong("log-format"), help: ArgumentHelp("text or json (default: a live status line on a terminal, text otherwise).", valueName: "format"))
    var logFormat: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated artifact formats (default all).", valueName: "list"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Directory of report templates to use instead of the built-in ones.", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("Baseline of accepted findings for every target, over each target's `baseline:`.", valueName: "file"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("A VEX document (OpenVEX or CycloneDX) whose not_affected and fixed statements suppress the vulnerabilities they name; repeatable, with the config's `vex:`.", valueName: "file"))
    var vex: [String] = []

    @OptionGroup(title: "Gate (for each target)")
    var gate: GateOptions

    @Flag(name: .customLong("fail-on-scanner-error"), help: "Count a scanner failure as a failed target (exit 3).")
    var failOnScannerError = false

    @Flag(name: .long, help: "Print the batch result as one JSON object to stdout.")
    var json = false

    var parsedShard: (index: Int, count: Int)? {
        let parts = shard.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else { return nil }
        return (index, count)
    }

    func validate() throws {
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 256") }
        guard parsedShard != nil else { throw ValidationError("--shard must be i/n with 1 ≤ i ≤ n, like 2/5, not '\(shard)'") }
        if let logFormat, !["text", "json"].contains(logFormat) { throw ValidationError("--log-format must be text or json") }
        if json, logFormat == "json" { throw ValidationError("--json and --log-format json both write to stdout; choose one") }
    }

    func run() async throws {
        let style: BatchProgress.Style = logFormat.flatMap(BatchProgress.Style.init(rawValue:)) ?? (isatty(STDERR_FILENO) == 1 ? .live : .text)
        let progress = BatchProgress(style: style)
        var pipeline = Pipeline(executablePath: CommandLine.arguments[0])
        try CommandInputs.applySourceDateEpoch(to: &pipeline)
        let runner = BatchRunner(pipeline: pipeline, progress: { progress.handle($0) })
        var request = BatchRequest(
            file: file, outputRoot: storage.output, database: try storage.location(), vulnerabilityDatabase: vulnerabilityDatabase.directory,
            templatesDirectory: templates, jobs: jobs, shard: parsedShard!, force: force,
            gate: gate.policy(failOnScannerError: failOnScannerError),
            formats: format.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
        request.baselineFile = baseline
        request.vexFiles = vex
        if let lease = ProcessInfo.processInfo.environment["SECURESCAN_BATCH_LEASE_SECONDS"], !lease.isEmpty {
            guard let seconds = Double(lease), seconds >= 1, seconds <= 86_400 else {
                Terminal.error("SECURESCAN_BATCH_LEASE_SECONDS must be a number of seconds between 1 and 86400, not '\(lease)'")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            request.leaseSeconds = seconds
        }
        let result: BatchResult
        do {
            result = try await runner.run(request)
        } catch {
            progress.finish()
            Terminal.error(error.description)
            throw ExitCode(error.exitCode)
        }
        progress.finish()
        let totals = result.totals
        FileHandle.standardError.write(Data("""
            batch \(result.batchID): \(totals["targets"] ?? 0) targets, \(totals["completed"] ?? 0) scanned, \(totals["reused"] ?? 0) unchanged, \
            \(totals["failed"] ?? 0) failed, \(totals["gates_failed"] ?? 0) gates failed, \(totals["new_findings"] ?? 0) new findings
            summary: \(result.summaryDirectory)/summary.md

            """.utf8))
        if json {
            Terminal.emit(try StableJSON.data(result, format: "json"))
        }
        throw ExitCode(result.exitCode)
    }
}

/// `securescan prune --keep N`: retention.
struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete all but the newest N runs of each target (or of one), with their artifacts.")

    @Option(name: .long, help: ArgumentHelp("Runs to keep per target.", valueName: "n"))
    var keep: Int

    @Option(name: .long, help: ArgumentHelp("Only this target.", valueName: "name"))
    var target: String?

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        guard keep >= 1 else { throw ValidationError("--keep must be at least 1 (delete a target's last run with the API's DELETE /scans/{id})") }
    }

    func run() async throws {
        do {
            let pruned = try await Pipeline.prune(outputRoot: storage.output, database: try storage.location(), keep: keep, target: target,
                                            executablePath: CommandLine.arguments[0])
            for (name, count) in pruned.sorted(by: { $0.key < $1.key }) where count > 0 { print("\(name): removed \(count) run\(count == 1 ? "" : "s")") }
            if pruned.values.allSatisfy({ $0 == 0 }) { print("nothing to prune: no target has more than \(keep) run\(keep == 1 ? "" : "s")") }
        } catch {
            Terminal.error(String(describing: error))
            throw ExitCode(GateExit.usageError.rawValue)
        }
    }
}
