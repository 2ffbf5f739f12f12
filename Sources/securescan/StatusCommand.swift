import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanScanners

/// `securescan status`: every scanner, whether it can run here, its version and how to install it.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show which scanners are available.")

    @Flag(name: .long, help: "Print JSON to stdout.")
    var json = false

    struct Entry: Encodable {
        let id: String
        let type: String
        let available: Bool
        let version: String?
        let reason: String?
        let installHint: String?
        let summary: String

        enum CodingKeys: String, CodingKey {
            case id, type, available, version, reason, summary
            case installHint = "install_hint"
        }
    }

    func run() async throws {
        var entries: [Entry] = []
        for scanner in Scanners.all {
            switch await scanner.availability() {
            case .available(let version):
                entries.append(Entry(id: scanner.id, type: scanner.scanType.rawValue, available: true, version: version,
                                     reason: nil, installHint: nil, summary: scanner.summary))
            case .unavailable(let reason, let hint):
                entries.append(Entry(id: scanner.id, type: scanner.scanType.rawValue, available: false, version: nil,
                                     reason: reason, installHint: hint, summary: scanner.summary))
            }
        }
        if json {
            var data = try StableJSON.encoder.encode(entries)
            data.append(0x0A)
            Terminal.emit(data)
            return
        }
        let terminal = Terminal(json: false)
        for entry in entries {
            let state = entry.available ? "available   \(entry.version ?? "")" : "unavailable \(entry.reason ?? "")"
            terminal.say(SummaryPrinter.pad(entry.id, 14) + SummaryPrinter.pad(entry.type, 11) + state)
            terminal.say("              " + entry.summary + (entry.installHint.map { "\n              install: \($0)" } ?? ""))
        }
    }
}
