import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanStore

/// `securescan history`: stored runs, newest first.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List stored runs, newest first.")

    @OptionGroup var storage: StorageOptions

    @Option(name: .long, help: ArgumentHelp("Only runs of this target.", valueName: "name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("At most this many runs.", valueName: "n"))
    var limit: Int = 20

    @Flag(name: .long, help: "Print JSON to stdout.")
    var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let store = try storage.openStore(create: false)
        defer { store.close() }
        let runs: [RunSummary]
        do {
            runs = try store.runs(target: target, limit: limit)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        if json {
            var data = try StableJSON.encoder.encode(runs)
            data.append(0x0A)
            Terminal.emit(data)
            return
        }
        let terminal = Terminal(json: false)
        guard !runs.isEmpty else {
            terminal.say(target.map { "No runs of \($0) yet." } ?? "No runs yet.")
            return
        }
        terminal.say(SummaryPrinter.pad("RUN", 25) + SummaryPrinter.pad("TARGET", 20) + SummaryPrinter.pad("FINISHED", 22)
            + SummaryPrinter.pad("OPEN", 6) + SummaryPrinter.pad("C/H/M/L/I", 16) + SummaryPrinter.pad("NEW", 5)
            + SummaryPrinter.pad("FIXED", 6) + SummaryPrinter.pad("RISK", 7) + "GATE")
        for run in runs {
            let c = run.counts
            terminal.say(SummaryPrinter.pad(run.id, 25) + SummaryPrinter.pad(run.target, 20) + SummaryPrinter.pad(run.finishedAt, 22)
                + SummaryPrinter.pad("\(c.total)", 6) + SummaryPrinter.pad("\(c.critical)/\(c.high)/\(c.medium)/\(c.low)/\(c.info)", 16)
                + SummaryPrinter.pad("\(run.diff.new + run.diff.reopened)", 5) + SummaryPrinter.pad("\(run.diff.fixed)", 6)
                + SummaryPrinter.pad("\(run.riskScore)", 7) + (run.gate.passed ? "passed" : "failed"))
        }
    }
}
