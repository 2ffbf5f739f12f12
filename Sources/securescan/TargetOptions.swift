import ArgumentParser
import SecureScanScanners

/// What to scan and how, for the commands that scan without storing a run (`diff`, `baseline`).
struct TargetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Config file (default: securescan.yml found upward from the target).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated scanner ids to run (default: the config's, else all).", valueName: "list"))
    var scanners: String?

    @Option(name: .customLong("target-name"), help: ArgumentHelp("Name of the target (part of every fingerprint).", valueName: "name"))
    var targetName: String?

    @Option(name: .long, help: ArgumentHelp("Extra .gitignore-style pattern to skip (repeatable).", valueName: "pattern"))
    var exclude: [String] = []

    @OptionGroup var vulnerabilityDatabase: VulnerabilityDatabaseOption

    /// The scanners asked for; nil for the config's (or the default) selection.
    var scannerList: [String]? { scanners.map { _ in CommandInputs.list(scanners) } }

    func validate() throws {
        for id in CommandInputs.list(scanners) where Scanners.named(id) == nil {
            throw ValidationError("unknown scanner '\(id)' (known: \(Scanners.ids.joined(separator: ", ")))")
        }
    }
}
