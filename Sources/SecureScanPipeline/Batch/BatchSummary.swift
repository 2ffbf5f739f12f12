import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanStore

/// `output/batch/<batch-id>/summary.md` and `summary.json`: per target its status, open findings, what is
/// new since its previous run and its gate, worst news first. Both written atomically.
enum BatchSummary {
    static func write(_ result: BatchResult) throws {
        let directory = URL(fileURLWithPath: result.summaryDirectory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var json = try StableJSON.encoder.encode(result)
        json.append(0x0A)
        try json.write(to: directory.appendingPathComponent("summary.json"), options: .atomic)
        try Data(markdown(result).utf8).write(to: directory.appendingPathComponent("summary.md"), options: .atomic)
    }

    /// Failed targets, then failed gates, then the most new findings, then by name.
    static func ordered(_ targets: [BatchResult.Target]) -> [BatchResult.Target] {
        targets.sorted { a, b in
            let rank = { (target: BatchResult.Target) -> Int in target.status == .failed ? 0 : target.gate?.passed == false ? 1 : 2 }
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            if a.newFindings != b.newFindings { return a.newFindings > b.newFindings }
            return a.name < b.name
        }
    }

    static func markdown(_ result: BatchResult) -> String {
        let totals = result.totals
        var text = "# SecureScan batch \(result.batchID)\n\n"
        text += "`\(cell(result.file))` · shard \(result.shard) · \(result.startedAt) to \(result.finishedAt)"
        text += result.resumed ? " (resumed after an interruption)" : ""
        text += " · exit code \(result.exitCode)\n\n"
        text += "| targets | scanned | unchanged (reused) | failed | gates failed | new findings |\n|---:|---:|---:|---:|---:|---:|\n"
        text += "| \(totals["targets"] ?? 0) | \(totals["completed"] ?? 0) | \(totals["reused"] ?? 0) | \(totals["failed"] ?? 0) | "
        text += "\(totals["gates_failed"] ?? 0) | \(totals["new_findings"] ?? 0) |\n\n"
        text += "## Targets\n\n"
        text += "| target | status | critical | high | medium | low | info | new | fixed | gate |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n"
        for target in ordered(result.targets) {
            let counts = target.counts
            let status = target.status == .reused ? "unchanged" : target.status.rawValue
            let gate = target.gate.map { $0.passed ? "passed" : "**failed**: " + cell($0.reasons.joined(separator: "; ")) } ?? "—"
            let numbers = [counts?.critical, counts?.high, counts?.medium, counts?.low, counts?.info].map { $0.map(String.init) ?? "—" }
            text += "| \(cell(target.name)) | \(status) | \(numbers.joined(separator: " | ")) | \(target.newFindings) | \(target.fixedFindings) | \(gate) |\n"
        }
        let failed = ordered(result.targets).filter { $0.status == .failed || !$0.failedScanners.isEmpty }
        if !failed.isEmpty {
            text += "\n## Failures\n\n"
            for target in failed {
                if let error = target.error {
                    text += "- **\(cell(target.name))** (`\(cell(target.path))`): \(cell(error))\n"
                } else {
                    text += "- **\(cell(target.name))**: scanners failed: \(target.failedScanners.joined(separator: ", "))\n"
                }
            }
        }
        if !result.notes.isEmpty {
            text += "\n## Notes\n\n" + result.notes.map { "- \(cell($0))\n" }.joined()
        }
        return text
    }

    /// Text safe in a Markdown table cell: one line, pipes and angle brackets escaped.
    static func cell(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "|": output += "\\|"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\n", "\r": output += " "
            default: output.append(character)
            }
        }
        return output
    }
}
