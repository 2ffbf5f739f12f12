import ArgumentParser
import SecureScanCore

/// The gate's options, the same for `scan`, `import` and `batch` (where they apply to each target). A
/// command adds `--fail-on-scanner-error` where scanners run.
struct GateOptions: ParsableArguments {
    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Fail when any open finding is at or above this severity.", valueName: "severity"))
    var failOn: Severity?

    @Option(name: .customLong("fail-on-new"), help: ArgumentHelp("Fail when a new or reopened finding is at or above this severity.", valueName: "severity"))
    var failOnNew: Severity?

    @Option(name: .customLong("max-findings"), help: ArgumentHelp("Fail when there are more open findings than this.", valueName: "n"))
    var maxFindings: Int?

    @Option(name: .customLong("max-new"), help: ArgumentHelp("Fail when more than this many findings are new or reopened.", valueName: "n"))
    var maxNew: Int?

    @Flag(name: .customLong("no-inline-suppressions"), help: "Count the findings that comments in the code suppress (for audits).")
    var noInlineSuppressions = false

    @Flag(name: .customLong("fail-on-kev"), help: "Fail when an open finding is a vulnerability in CISA's Known Exploited Vulnerabilities catalog (securescan db update-kev).")
    var failOnKEV = false

    @Option(name: .customLong("min-epss"), help: ArgumentHelp("Fail when an open finding's EPSS probability is at least this (0-1; securescan db update-epss).", valueName: "p"))
    var minEPSS: Double?

    func validate() throws {
        if let maxFindings, maxFindings < 0 { throw ValidationError("--max-findings must not be negative") }
        if let maxNew, maxNew < 0 { throw ValidationError("--max-new must not be negative") }
        if let minEPSS, !(0...1).contains(minEPSS) { throw ValidationError("--min-epss must be a probability between 0 and 1") }
    }

    /// The policy these options ask for, over the config's.
    func policy(failOnScannerError: Bool = false) -> GatePolicy {
        GatePolicy(failOn: failOn, failOnNew: failOnNew, maxFindings: maxFindings, maxNew: maxNew, failOnScannerError: failOnScannerError,
                   allowInlineSuppressions: !noInlineSuppressions, failOnKEV: failOnKEV ? true : nil, minEPSS: minEPSS)
    }
}
