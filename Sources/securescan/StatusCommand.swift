import ArgumentParser
import Foundation
import SecureScanCore
import SecureScanPipeline
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
        /// False for tools that run only when named (they send the package list to an online service).
        let runsByDefault: Bool
        /// The identity kinds its findings' fingerprints are made of.
        let fingerprintKinds: [String]

        enum CodingKeys: String, CodingKey {
            case id, type, available, version, reason, summary
            case fingerprintKinds = "fingerprint_kinds"
            case runsByDefault = "runs_by_default"
            case installHint = "install_hint"
        }
    }

    func run() async throws {
        var entries: [Entry] = []
        for scanner in Scanners.all {
            switch await scanner.availability() {
            case .available(let version):
                entries.append(Entry(id: scanner.id, type: scanner.scanType.rawValue, available: true, version: version,
                                     reason: nil, installHint: nil, summary: scanner.summary, runsByDefault: scanner.runsByDefault,
                                     fingerprintKinds: scanner.fingerprintKinds))
            case .unavailable(let reason, let hint):
                entries.append(Entry(id: scanner.id, type: scanner.scanType.rawValue, available: false, version: nil,
                                     reason: reason, installHint: hint, summary: scanner.summary, runsByDefault: scanner.runsByDefault,
                                     fingerprintKinds: scanner.fingerprintKinds))
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
            let indent = String(repeating: " ", count: 16)
            terminal.say(SummaryPrinter.pad(entry.id, 16) + SummaryPrinter.pad(entry.type, 11) + state)
            let optIn = entry.id == GitHistoryScanner.scannerID
                ? "runs only when named in scanners or asked for with `scan --history`"
                : "runs only when named in scanners (it sends the package list to an online service)"
            terminal.say(indent + entry.summary + (entry.runsByDefault ? "" : "\n\(indent)" + optIn)
                + (entry.installHint.map { "\n\(indent)install: \($0)" } ?? ""))
        }
        let git = await Pipeline.gitStatus()
        terminal.say("")
        switch (git.version, git.usable) {
        case (let version?, true): terminal.say(SummaryPrinter.pad("git", 27) + "available   \(version) (diff)")
        case (let version?, false): terminal.say(SummaryPrinter.pad("git", 27) + "too old     \(version): diff needs 2.24 or later")
        case (nil, _): terminal.say(SummaryPrinter.pad("git", 27) + "unavailable: diff needs it (Debian: apt-get install git)")
        }
    }
}
