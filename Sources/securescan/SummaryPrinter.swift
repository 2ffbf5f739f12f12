import Foundation
import SecureScanCore
import ArgumentParser
import SecureScanPipeline
import SecureScanReports
import SecureScanScanners

/// The human-readable run summary: scanners, counts, changes, the worst new findings, the gate.
enum SummaryPrinter {
    /// Findings listed individually under "New and reopened".
    static let listLimit = 20

    /// The end of a run on the command line: the summary, webhooks, the JSON result when asked, and the
    /// gate's exit code (0 included), with which the process exits.
    static func finish(_ outcome: ScanOutcome, terminal: Terminal, json: Bool) async throws -> Never {
        terminal.say(summary(outcome))
        let undelivered = await Pipeline.deliverWebhooks(for: outcome)
        if undelivered > 0 { terminal.say("\(undelivered) webhook deliveries are still pending; `securescan serve` retries them") }
        if json {
            var data = try StableJSON.encoder.encode(outcome)
            data.append(0x0A)
            Terminal.emit(data)
        }
        // The process ends here rather than by unwinding: unwinding would free the run's findings one by
        // one (0.2 s at 100,000 findings) just before the system takes the whole heap back. Output is
        // written unbuffered, and the store was closed when the pipeline returned.
        withExtendedLifetime(outcome) { exit(outcome.report.gate.exitCode) }
    }

    static func summary(_ outcome: ScanOutcome) -> String {
        let report = outcome.report
        var lines: [String] = []
        lines.append("")
        lines.append("SecureScan \(report.tool.version) · target \(report.target.name) · run \(report.runID)")
        lines.append("")
        lines.append("Scanners")
        for run in report.scannerRuns {
            lines.append("  " + pad(run.scanner, 16) + pad(status(run), 40) + (run.version ?? ""))
        }
        let counts = report.counts
        lines.append("")
        lines.append("Open findings   critical \(counts.critical) · high \(counts.high) · medium \(counts.medium) · low \(counts.low) · info \(counts.info) · total \(counts.total)"
            + "   risk \(report.riskScore)/100")
        let suppressed = report.suppressedCount
        if suppressed > 0 { lines.append("                (\(suppressed) suppressed, not counted: \(report.suppressionBreakdown))") }
        let diff = report.diff.counts
        let base = report.baseRunID.map { "vs \($0)" } ?? "first run"
        lines.append("Changes         new \(diff.new) · reopened \(diff.reopened) · fixed \(diff.fixed) · unchanged \(diff.unchanged) · not reassessed \(diff.notReassessed)   (\(base))")
        let isFresh = { (finding: Finding) in finding.isOpen && (finding.change == .new || finding.change == .reopened) }
        let freshCount = report.findings.count(where: isFresh)
        if freshCount > 0 {
            lines.append("")
            lines.append("New and reopened")
            for finding in report.findings.lazy.filter(isFresh).prefix(listLimit) { lines.append(line(finding)) }
            if freshCount > listLimit { lines.append("  … and \(freshCount - listLimit) more (see findings.json)") }
        }
        if !report.diff.fixed.isEmpty {
            lines.append("")
            lines.append("Fixed")
            for finding in report.diff.fixed.prefix(listLimit) { lines.append(line(finding)) }
        }
        lines += ending(notes: outcome.notes, gate: report.gate)
        lines.append("Artifacts: \(outcome.artifactsDirectory)")
        return lines.joined(separator: "\n")
    }

    /// The end of a summary: the notes, then the gate's verdict and reasons.
    static func ending(notes: [String], gate: GateResult) -> [String] {
        var lines: [String] = []
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes")
            for note in notes { lines.append("  " + note) }
        }
        lines.append("")
        if gate.passed {
            lines.append("Gate: passed")
        } else {
            lines.append("Gate: FAILED (exit \(gate.exitCode))")
            for reason in gate.reasons { lines.append("  - " + reason) }
        }
        return lines
    }

    /// One finding as a summary line: severity, rule, location, title.
    static func line(_ finding: Finding) -> String {
        var location = finding.location.map { $0.path + ($0.startLine.map { ":\($0)" } ?? "") } ?? "-"
        // A finding in git history: where it was, in which commit.
        if let commit = finding.properties["commit"], finding.scanner == GitHistoryScanner.scannerID { location += "@" + commit.prefix(10) }
        return "  " + pad(finding.severity.rawValue.uppercased(), 9) + pad(finding.ruleID, 38) + pad(location, 40) + finding.title
    }

    static func status(_ run: ScannerRun) -> String {
        switch run.status {
        case .ran: "ran, \(run.findingCount) finding\(run.findingCount == 1 ? "" : "s") in \(seconds(run.durationMilliseconds))"
        case .skipped: "skipped: \(run.reason ?? "")" + (run.installHint.map { " (\($0))" } ?? "")
        case .failed: "FAILED: \(run.error ?? "")"
        case .timedOut: "TIMED OUT: \(run.error ?? "")"
        }
    }

    static func seconds(_ milliseconds: Int) -> String {
        let tenths = (milliseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10) s"
    }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
