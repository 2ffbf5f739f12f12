import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanReports
import SecureScanScanners

/// `securescan import <file> --as <format> --target NAME`: a report another tool produced, stored as a run.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store a report another tool produced (SARIF, semgrep, trivy, …) as a run of a target.",
        discussion: """
            The report goes through the whole pipeline: fingerprints, policy, the diff against the target's \
            previous run, artifacts and the gate. Findings of scanners the report does not cover are carried \
            as not_reassessed, never as fixed. Formats: \(ReportFormats.names.joined(separator: ", ")).
            """)

    @Argument(help: "The report file.")
    var file: String

    @Option(name: .customLong("as"), help: ArgumentHelp("The report's format (\(ReportFormats.names.joined(separator: ", "))).", valueName: "format"))
    var format: String

    @Option(name: .long, help: ArgumentHelp("The target the report is about (its runs, history and diff).", valueName: "name"))
    var target: String

    @Option(name: .long, help: ArgumentHelp("The scanned tree on this machine: paths are made relative to it and flagged lines read from it.", valueName: "dir"))
    var path: String?

    @Option(name: .customLong("strip-prefix"), help: ArgumentHelp("A root the tool saw the tree under (a container mount like /src), removed from paths (repeatable).", valueName: "dir"))
    var stripPrefix: [String] = []

    @Option(name: .long, help: ArgumentHelp("For dependency audits that do not name it: the lockfile or manifest the report covers.", valueName: "path"))
    var manifest: String?

    @Option(name: .long, help: ArgumentHelp("Config file (default: securescan.yml found upward from --path).", valueName: "file"))
    var config: String?

    @OptionGroup var storage: StorageOptions

    @OptionGroup(title: "Publish") var publishing: PublishOptions

    @Option(name: .customLong("formats"), help: ArgumentHelp("Comma-separated artifact formats (\(Formats.ids.joined(separator: ", "))).", valueName: "list"))
    var formats: String?

    @OptionGroup(title: "Gate")
    var gate: GateOptions

    @Flag(name: .long, help: "Print one JSON result object to stdout.")
    var json = false

    @Flag(name: .long, help: "Refuse the whole report (exit 2, nothing stored) when any entry breaks its format; by default such entries are skipped, each named, and the rest is stored.")
    var strict = false

    func validate() throws {
        guard ReportFormats.named(format) != nil else {
            throw ValidationError("unknown report format '\(format)' (known: \(ReportFormats.names.joined(separator: ", ")))")
        }
        if let problem = TargetConfig.nameProblem(target) { throw ValidationError(problem) }
        for id in CommandInputs.list(formats) where Formats.named(id) == nil {
            throw ValidationError("unknown format '\(id)' (known: \(Formats.ids.joined(separator: ", ")))")
        }
    }

    func run() async throws {
        let terminal = Terminal(json: json)
        let parser = ReportFormats.named(format)!
        let root: String?
        if let path {
            do {
                root = try TreeWalker.resolveRoot(path)
            } catch {
                Terminal.error(error.description)
                throw ExitCode(GateExit.usageError.rawValue)
            }
        } else {
            root = nil
        }
        let adapters: [ImportedReport]
        do {
            adapters = try ImportedReport.load(
                file: file, parser: parser, context: ReportContext(source: file, root: root, foreignRoots: stripPrefix, manifest: manifest))
        } catch {
            Terminal.error(error.description)
            throw ExitCode(GateExit.usageError.rawValue)
        }
        let skipped = adapters.flatMap(\.report.observations.skipped)
        if strict, !skipped.isEmpty {
            Terminal.error("\(file): \(skipped.count) entr\(skipped.count == 1 ? "y breaks" : "ies break") the \(parser.format) format (--strict: nothing stored)")
            for entry in skipped.prefix(20) { Terminal.error("  \(entry)") }
            if skipped.count > 20 { Terminal.error("  … and \(skipped.count - 20) more") }
            throw ExitCode(GateExit.usageError.rawValue)
        }
        for entry in skipped.prefix(20) { Terminal.warning("\(file): skipped \(entry)") }
        if skipped.count > 20 { Terminal.warning("\(file): … and \(skipped.count - 20) more entries skipped") }
        let ids = adapters.map(\.id)
        var pipeline = Pipeline(
            scanners: adapters + Scanners.all.filter { !ids.contains($0.id) }, executablePath: CommandLine.arguments[0],
            progress: { event in
                if case .scannerFinished(let run) = event { terminal.say("  \(run.scanner): \(SummaryPrinter.status(run))") }
            })
        try CommandInputs.applySourceDateEpoch(to: &pipeline)
        var request = ScanRequest(
            path: root ?? FileManager.default.currentDirectoryPath, targetName: target, configFile: config, outputRoot: storage.output,
            database: try storage.location(), scanners: ids, formats: formats.map { _ in CommandInputs.list(formats) },
            gate: gate.policy())
        request.walkTree = false
        request.publisher = try publishing.publisher()
        terminal.say("Importing \(file) as \(parser.format) for target \(target)…")
        let outcome: ScanOutcome
        do {
            outcome = try await pipeline.scan(request)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(error.exitCode)
        }
        try await SummaryPrinter.finish(outcome, terminal: terminal, json: json)
    }
}
