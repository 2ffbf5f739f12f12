#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SecureScanCore
import SecureScanPipeline
import SecureScanStore
import Synchronization

/// How a batch shows its progress: a live status line on a terminal (targets done/total, what is
/// running, elapsed, ETA), otherwise one log line per event, as text or JSON.
final class BatchProgress: Sendable {
    enum Style: String, Sendable {
        case live
        case text
        case json
    }

    private struct State {
        var total = 0
        var done = 0
        var alreadyDone = 0
        var running: [String: [String]] = [:]
        var started = Date()
        var lineShown = false
    }

    let style: Style
    private let state = Mutex(State())

    init(style: Style) { self.style = style }

    func handle(_ event: BatchRunner.Event) {
        state.withLock { state in
            switch event {
            case .started(let id, let targets, let alreadyDone, let resumed):
                state.total = targets
                state.done = alreadyDone
                state.alreadyDone = alreadyDone
                state.started = Date()
                log(&state, "batch.start", ["batch_id": .string(id), "targets": .int(targets), "already_done": .int(alreadyDone), "resumed": .bool(resumed)],
                    text: "batch \(id): \(targets) targets" + (resumed ? ", resuming (\(alreadyDone) already done)" : ""))
            case .targetStarted(let name):
                state.running[name] = []
                log(&state, "target.start", ["target": .string(name)], text: "\(name): scanning")
            case .scannerStarted(let target, let scanner):
                state.running[target, default: []].append(scanner)
                if style != .live { log(&state, "scanner.start", ["target": .string(target), "scanner": .string(scanner)], text: "\(target): \(scanner) started") }
            case .scannerFinished(let target, let run):
                state.running[target]?.removeAll { $0 == run.scanner }
                if style != .live {
                    log(&state, "scanner.finish", ["target": .string(target), "scanner": .string(run.scanner), "status": .string(run.status.rawValue),
                                                   "findings": .int(run.findingCount), "duration_ms": .int(run.durationMilliseconds)],
                        text: "\(target): \(run.scanner) \(run.status.rawValue) (\(run.findingCount) findings, \(run.durationMilliseconds) ms)"
                            + (run.error.map { ": \($0)" } ?? ""))
                }
            case .targetFinished(let target):
                state.running[target.name] = nil
                state.done += 1
                var data: [String: JSONValue] = [
                    "target": .string(target.name), "status": .string(target.status.rawValue), "new": .int(target.newFindings),
                    "duration_ms": .int(target.durationMilliseconds), "done": .int(state.done), "total": .int(state.total),
                ]
                if let counts = target.counts { data["open"] = .int(counts.total) }
                if let gate = target.gate { data["gate_passed"] = .bool(gate.passed) }
                if let error = target.error { data["error"] = .string(error) }
                log(&state, "target.finish", data, text: "[\(state.done)/\(state.total)] " + BatchProgress.line(target), always: true)
            case .note(let note):
                log(&state, "note", ["message": .string(note)], text: "note: \(note)", always: true)
            }
            if style == .live { redraw(&state) }
        }
    }

    /// Clears the live line before the final summary.
    func finish() {
        state.withLock { state in
            if style == .live, state.lineShown {
                FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
                state.lineShown = false
            }
        }
    }

    static func line(_ target: BatchResult.Target) -> String {
        switch target.status {
        case .failed: return "✗ \(target.name): failed: \(target.error ?? "unknown error")"
        case .reused: return "= \(target.name): unchanged since run \(target.runID ?? "?")"
        case .pending: return "… \(target.name)"
        case .completed:
            let counts = target.counts.map { "\($0.total) open (\($0.critical) critical, \($0.high) high)" } ?? ""
            let gate = target.gate.map { $0.passed ? "gate passed" : "GATE FAILED" } ?? ""
            let scanners = target.failedScanners.isEmpty ? "" : ", failed scanners: \(target.failedScanners.joined(separator: ", "))"
            return "✓ \(target.name): \(counts), \(target.newFindings) new, \(target.fixedFindings) fixed, \(gate)\(scanners)"
        }
    }

    private func log(_ state: inout State, _ event: String, _ data: [String: JSONValue], text: String, always: Bool = false) {
        switch style {
        case .json:
            var object = data
            object["event"] = .string(event)
            object["at"] = .string(UTCTimestamp.iso8601(Date()))
            FileHandle.standardOutput.write(Data((JSONValue.object(object).compactJSON + "\n").utf8))
        case .text:
            FileHandle.standardError.write(Data("\(UTCTimestamp.iso8601(Date())) \(text)\n".utf8))
        case .live:
            guard always else { return }
            FileHandle.standardError.write(Data(((state.lineShown ? "\r\u{1B}[K" : "") + text + "\n").utf8))
            state.lineShown = false
        }
    }

    private func redraw(_ state: inout State) {
        let elapsed = Date().timeIntervalSince(state.started)
        let finishedNow = state.done - state.alreadyDone
        let remaining = state.total - state.done
        var eta = "—"
        if finishedNow > 0, remaining > 0 { eta = BatchProgress.duration(elapsed / Double(finishedNow) * Double(remaining)) }
        let running = state.running.sorted { $0.key < $1.key }.map { name, scanners in
            scanners.isEmpty ? name : "\(name) (\(scanners.joined(separator: ", ")))"
        }.joined(separator: ", ")
        var line = "[\(state.done)/\(state.total)] \(BatchProgress.duration(elapsed)) elapsed, ETA \(eta)"
        if !running.isEmpty { line += " · " + running }
        let width = max(Int(BatchProgress.columns) - 1, 20)
        if line.count > width { line = String(line.prefix(width - 1)) + "…" }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        state.lineShown = true
    }

    static var columns: Int32 {
        var size = winsize()
        return ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int32(size.ws_col) : 100
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m" : total >= 60 ? "\(total / 60)m\(String(format: "%02d", total % 60))s" : "\(total)s"
    }
}
