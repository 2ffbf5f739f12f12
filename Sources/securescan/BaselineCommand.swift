import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanScanners

/// `securescan baseline create|update`: the committed file of findings a team has accepted.
struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Write or update a baseline file of accepted findings (scan, diff and batch take it with --baseline).",
        discussion: """
            A baseline lists findings by fingerprint, rule, path, severity and scanner, with the reason they were \
            accepted and the date: never a secret's value or a line of code. Baselined findings are kept in runs, \
            marked suppressed (baseline) and not counted; entries that no longer match a finding are reported.
            """,
        subcommands: [Create.self, Update.self])

    /// The options both subcommands share: what to scan and where the file is.
    struct Inputs: ParsableArguments {
        @Argument(help: "The directory to scan.")
        var path: String = "."

        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The baseline file.", valueName: "file"))
        var file: String

        @Option(name: .long, help: ArgumentHelp("Why the findings are accepted (kept with each new entry).", valueName: "text"))
        var reason: String?

        @OptionGroup var target: TargetOptions

        func validate() throws {
            if reason?.trimmingCharacters(in: .whitespaces).isEmpty == true { throw ValidationError("--reason must not be empty") }
        }

        /// The target's current findings, as a scan reports them; exits 2 on a bad target or config.
        func observe() async throws -> (pipeline: Pipeline, target: String, findings: [Finding], notes: [String]) {
            var pipeline = Pipeline(executablePath: CommandLine.arguments[0])
            try CommandInputs.applySourceDateEpoch(to: &pipeline)
            let request = ScanRequest(path: path, targetName: target.targetName, configFile: target.config, outputRoot: "",
                                      scanners: target.scannerList, excludes: target.exclude,
                                      vulnerabilityDatabase: target.vulnerabilityDatabase.directory)
            do {
                let observed = try await pipeline.observe(request)
                return (pipeline, observed.target, observed.findings, observed.notes)
            } catch {
                Terminal.error(error.description)
                throw ExitCode(error.exitCode)
            }
        }

        func write(_ baseline: Baseline) throws {
            do {
                try baseline.encoded().write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                Terminal.error("cannot write \(file): \(error.localizedDescription)")
                throw ExitCode(GateExit.usageError.rawValue)
            }
        }

        static func today(_ pipeline: Pipeline) -> String { UTCTimestamp.iso8601(pipeline.now()).prefix(10).description }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept every open finding of the target into a new baseline file.")

        @OptionGroup var inputs: Inputs

        @Flag(name: .long, help: "Replace an existing file (its reasons and dates are lost; `baseline update` keeps them).")
        var force = false

        func run() async throws {
            if !force, FileManager.default.fileExists(atPath: inputs.file) {
                Terminal.error("\(inputs.file) exists: `securescan baseline update` brings it up to date, --force replaces it")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            let observed = try await inputs.observe()
            let baseline = Baseline(target: observed.target, accepting: observed.findings,
                                    reason: inputs.reason ?? "accepted when the baseline was created", date: Inputs.today(observed.pipeline))
            try inputs.write(baseline)
            for note in observed.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
            FileHandle.standardError.write(Data("Baseline: \(baseline.entries.count) finding\(baseline.entries.count == 1 ? "" : "s") of \(observed.target) accepted into \(inputs.file)\n".utf8))
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the target's new open findings to a baseline file and drop the entries that no longer match.")

        @OptionGroup var inputs: Inputs

        func run() async throws {
            let existing: Baseline
            do {
                existing = try Pipeline.readBaseline(inputs.file)
            } catch {
                Terminal.error(error.description)
                throw ExitCode(error.exitCode)
            }
            let observed = try await inputs.observe()
            if let target = existing.target, target != observed.target {
                Terminal.error("\(inputs.file) is the baseline of target '\(target)', not '\(observed.target)' (use --target-name \(target))")
                throw ExitCode(GateExit.usageError.rawValue)
            }
            let (updated, added, dropped) = existing.updated(
                with: observed.findings, reason: inputs.reason ?? "accepted when the baseline was updated", date: Inputs.today(observed.pipeline))
            try inputs.write(updated)
            for note in observed.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
            FileHandle.standardError.write(Data(
                "Baseline \(inputs.file): \(added) added, \(dropped) dropped (no longer found), \(updated.entries.count - added) kept\n".utf8))
        }
    }
}
