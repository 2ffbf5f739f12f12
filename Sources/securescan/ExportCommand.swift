import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanReports
import SecureScanStore

/// `securescan export`: a run's artifact folder, or the whole artifact site, written out of the store.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a stored run's artifacts (or the whole artifact site) into a folder.",
        discussion: """
            A shared (PostgreSQL) store keeps every run's artifacts, so any host can write them out, whichever \
            host scanned; with a local store they are copied from the run's folder. Every file is checked \
            against its SHA-256 and every run folder against its manifest.json (as `securescan verify` does). \
            Exit 0 when everything was written and checks out, 1 when a folder does not match its manifest, \
            2 on a usage error or a run with no artifacts to write, 3 when the store cannot be reached.
            """)

    @OptionGroup var storage: StorageOptions

    @Argument(help: ArgumentHelp("The run to export (see `securescan history`).", valueName: "run-id"))
    var runID: String?

    @Option(name: .customLong("to"), help: ArgumentHelp("Folder to write the run's files into (default: ./<run-id>); new or empty.", valueName: "dir"))
    var destination: String?

    @Option(name: .customLong("site"), help: ArgumentHelp("Write the artifact site (every target's runs and the index pages) into this new or empty folder.", valueName: "dir"))
    var site: String?

    @Option(name: .customLong("runs-per-target"), help: ArgumentHelp("With --site, only each target's newest n runs.", valueName: "n"))
    var runsPerTarget: Int?

    @Option(name: .long, help: ArgumentHelp("Report templates directory (for the site's index pages).", valueName: "dir"))
    var templates: String?

    @Flag(name: .long, help: "Print what was written as JSON to stdout.")
    var json = false

    func validate() throws {
        if (runID == nil) == (site == nil) { throw ValidationError("name a run to export, or --site DIR for the whole site (not both)") }
        if site != nil && destination != nil { throw ValidationError("--to goes with a run id; --site names its own folder") }
        if let runsPerTarget, runsPerTarget < 1 { throw ValidationError("--runs-per-target must be at least 1") }
    }

    func run() async throws {
        let store = try storage.openStore(create: false, readOnly: true)
        defer { store.close() }
        let export = ArtifactExport(store: store)
        let terminal = Terminal(json: json)
        let library = runID == nil ? try await Self.templates(templates) : nil
        let summary: ArtifactExport.Summary
        do throws(PipelineError) {
            if let runID {
                let folder = URL(fileURLWithPath: destination ?? runID)
                summary = ArtifactExport.Summary(runs: [try export.run(runID, to: folder)])
            } else if let library {
                summary = try export.site(to: URL(fileURLWithPath: site ?? ""), templates: library, runsPerTarget: runsPerTarget)
            } else {
                return
            }
        } catch {
            Terminal.error(error.description)
            throw ExitCode(error.exitCode == GateExit.scannerError.rawValue ? error.exitCode : GateExit.usageError.rawValue)
        }
        if json {
            var data = try StableJSON.encoder.encode(summary)
            data.append(0x0A)
            Terminal.emit(data)
        } else {
            let files = summary.runs.reduce(0) { $0 + $1.files }
            let bytes = summary.runs.reduce(0) { $0 + $1.bytes }
            terminal.say("Exported \(summary.runs.count) run\(summary.runs.count == 1 ? "" : "s"): \(files) files, \(bytes) bytes"
                + (site.map { " into \($0)" } ?? summary.runs.first.map { " into \($0.directory)" } ?? ""))
            if !summary.skipped.isEmpty {
                terminal.say("  \(summary.skipped.count) run\(summary.skipped.count == 1 ? "" : "s") without artifacts on this host or in the store: "
                    + summary.skipped.prefix(5).joined(separator: ", ") + (summary.skipped.count > 5 ? ", …" : ""))
            }
            for run in summary.runs { for problem in run.problems { terminal.say("  FAIL \(run.target)/\(run.runID): \(problem)") } }
        }
        if !summary.passed { throw ExitCode(1) }
    }

    static func templates(_ explicit: String?) async throws -> TemplateLibrary {
        guard let directory = explicit ?? ProcessInfo.processInfo.environment["SECURESCAN_TEMPLATES"]
            ?? TemplateLibrary.locate(executable: CommandLine.arguments[0]) else {
            Terminal.error(ReportsError.templatesNotFound(searched: TemplateLibrary.candidates(executable: CommandLine.arguments[0])).description)
            throw ExitCode(GateExit.usageError.rawValue)
        }
        do {
            return try await TemplateLibrary.load(from: directory)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(GateExit.usageError.rawValue)
        }
    }
}
