import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanReports
import SecureScanScanners

/// `securescan diff [path] --base REF [--head REF]`: what a change introduces, judged without stored history.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Scan what changed between two git states and gate on the findings the change introduces.",
        discussion: """
            The same config and scanners run on the base and the head (default: the work tree, with uncommitted \
            and untracked files), and findings are compared by fingerprint: new ones are in the head only, fixed \
            ones in the base only; a file git sees as renamed keeps its findings. Only the files that differ are \
            read unless --full is given. Every gate option counts only new findings. Nothing is stored.
            """)

    @Argument(help: "The directory to scan, in a git work tree.")
    var path: String = "."

    @Option(name: .long, help: ArgumentHelp("The git ref the change is judged against (branch, tag, commit).", valueName: "ref"))
    var base: String

    @Option(name: .long, help: ArgumentHelp("The git ref of the change (default: the work tree).", valueName: "ref"))
    var head: String?

    @Flag(name: .long, help: "The change is what is staged for the next commit (the index), not the work tree.")
    var staged = false

    @Flag(name: .long, help: "Scan both states completely, not only the files that differ (and list unchanged findings).")
    var full = false

    @OptionGroup var target: TargetOptions

    @OptionGroup(title: "Publish (a diff stores no run: the triage verdicts come from the server)") var publishing: PublishOptions

    @Option(name: .long, help: ArgumentHelp(
        "A run store whose triage verdicts apply: an SQLite file or a postgres:// URL (default: $SECURESCAN_DATABASE_URL, else none).",
        valueName: "file|url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Baseline of accepted findings (a baseline file, findings.json or SARIF log), over the config's.", valueName: "file"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("A VEX document (OpenVEX or CycloneDX) whose not_affected and fixed statements suppress the vulnerabilities they name; repeatable, with the config's `vex:`.", valueName: "file"))
    var vex: [String] = []

    @OptionGroup(title: "Gate")
    var gate: GateOptions

    @Flag(name: .customLong("fail-on-scanner-error"), help: "Exit 3 when a scanner fails or times out on either side.")
    var failOnScannerError = false

    @Flag(name: .long, help: "Print one JSON result object to stdout.")
    var json = false

    @Flag(name: .long, help: "Print GitHub Actions workflow commands that annotate the new findings on their lines (stdout; not with --json).")
    var annotations = false

    @Option(name: .long, help: ArgumentHelp("Write these artifacts of the change into --output (\(Formats.ids.joined(separator: ", "))).", valueName: "list"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Directory for the artifacts --format asks for (default: sarif, json and github-pr-comment).", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Directory of report templates to use instead of the built-in ones.", valueName: "dir"))
    var templates: String?

    func validate() throws {
        for id in CommandInputs.list(format) where Formats.named(id) == nil {
            throw ValidationError("unknown format '\(id)' (known: \(Formats.ids.joined(separator: ", ")))")
        }
        if format != nil, output == nil { throw ValidationError("--format needs --output DIR, where the artifacts go") }
        if annotations, json { throw ValidationError("--annotations and --json both write to stdout; choose one") }
        if staged, head != nil { throw ValidationError("--staged and --head name two different heads; choose one") }
    }

    func run() async throws {
        let terminal = Terminal(json: json)
        let pipeline = Pipeline(executablePath: CommandLine.arguments[0])
        var request = DiffRequest(
            path: path, base: base, head: head, full: full, targetName: target.targetName, configFile: target.config,
            scanners: target.scannerList, excludes: target.exclude,
            gate: gate.policy(failOnScannerError: failOnScannerError), database: try StorageOptions.named(database),
            vulnerabilityDatabase: target.vulnerabilityDatabase.directory)
        request.baselineFile = baseline
        request.vexFiles = vex
        request.outputDirectory = output
        request.staged = staged
        request.publisher = try publishing.publisher()
        let outcome = try await DiffCommand.judge(request, pipeline: pipeline)
        if let output {
            let formats = format.map { _ in CommandInputs.list(format) } ?? ["sarif", "json", "github-pr-comment"]
            do {
                let written = try await pipeline.writeArtifacts(
                    of: outcome, formats: formats, to: output, gate: request.gate, templatesDirectory: templates,
                    links: SourceLinks.gitHub(environment: ProcessInfo.processInfo.environment, commit: outcome.head.commit))
                terminal.say("Artifacts: " + written.joined(separator: ", "))
            } catch {
                Terminal.error(error.description)
                throw ExitCode(error.exitCode)
            }
        }
        try DiffCommand.finish(outcome, terminal: terminal, json: json, annotations: annotations)
    }

    /// The change judged, or exit 2 with the pipeline's message.
    static func judge(_ request: DiffRequest, pipeline: Pipeline) async throws -> ChangeReport {
        do {
            return try await pipeline.diff(request)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(error.exitCode)
        }
    }

    /// The summary, the annotations and JSON when asked, and the gate's exit code (also for `scan --staged`).
    static func finish(_ outcome: ChangeReport, terminal: Terminal, json: Bool, annotations: Bool) throws -> Never {
        terminal.say(DiffCommand.summary(outcome))
        if annotations {
            for command in GitHubAnnotations.commands(for: outcome.new) { Terminal.emit(Data((command + "\n").utf8)) }
        }
        if json {
            var data = try ChangeJSON.data(outcome)
            data.append(0x0A)
            Terminal.emit(data)
        }
        Foundation.exit(outcome.gate.exitCode)
    }

    static func summary(_ outcome: ChangeReport) -> String {
        var lines = ["", "SecureScan \(ToolInfo.current.version) · target \(outcome.target) · \(outcome.base.display) → \(outcome.head.display)"]
        lines.append("\(outcome.changedFiles) changed file\(outcome.changedFiles == 1 ? "" : "s")"
                     + (outcome.full ? ", both states scanned in full" : ", only those read"))
        lines.append("")
        lines.append("Scanners")
        for run in outcome.scannerRuns {
            lines.append("  " + SummaryPrinter.pad(run.scanner, 16) + SummaryPrinter.pad(SummaryPrinter.status(run), 40) + (run.version ?? ""))
        }
        lines.append("")
        lines.append("Change          new \(outcome.new.count) · fixed \(outcome.fixed.count) · unchanged \(outcome.unchangedCount)")
        for (title, findings) in [("New", outcome.new), ("Fixed", outcome.fixed)] where !findings.isEmpty {
            lines.append("")
            lines.append(title)
            for finding in findings.prefix(SummaryPrinter.listLimit) { lines.append(SummaryPrinter.line(finding)) }
            if findings.count > SummaryPrinter.listLimit { lines.append("  … and \(findings.count - SummaryPrinter.listLimit) more (see --json)") }
        }
        lines += SummaryPrinter.ending(notes: outcome.notes, gate: outcome.gate)
        return lines.joined(separator: "\n")
    }
}
