import Foundation
import SecureScanCore
import SecureScanReports
import SecureScanScanners
import SecureScanStore

/// What a scan request resolves to before anything is read: the tree's root, the configuration, the
/// target's name, the scanners and formats, and the templates the formats need.
struct RunSetup: Sendable {
    var root: String
    var configFile: String?
    var config: ScanConfig
    var configDigest: String
    /// The config's entry for this target, when it names one.
    var targetConfig: TargetConfig?
    var targetName: String
    var scanners: [any ScannerAdapter]
    var formats: [any OutputFormat]
    var templates: TemplateLibrary?
    /// The baseline of accepted findings (`--baseline`, else the config's `baseline:`), and its file's digest.
    var baseline: Baseline? = nil
    var baselineDigest: String? = nil
    /// The statements of the VEX documents given (`--vex`, then the config's `vex:`).
    var vex: [VEXStatement] = []
}

/// The run's store, opened before scanning so a bad database path fails first, and what it remembers of
/// the target.
struct RunStorage: Sendable {
    var store: Store
    var previous: PreviousState
    var outputRoot: URL
    var database: StoreLocation
}

/// The advisory database a run reads, with the digest that says which state of it the results used.
struct AdvisoryAccess: Sendable {
    var store: AdvisoryStore
    var file: String
    var digest: String
}

/// A target's scanner results after redaction, fingerprinting and merging with reused results.
struct CollectedResults: Sendable {
    var findings: [Finding]
    var components: [Component]

    /// Hands the findings over, leaving none here: the judge step then holds the only reference to each.
    mutating func takeFindings() -> [Finding] {
        defer { findings = [] }
        return findings
    }
}

/// The findings after policy and triage, compared with the previous run, and the gate's verdict on them.
struct Judgement: Sendable {
    var policy: FindingPolicy
    var diff: RunDiff
    /// `diff.current`, merged once.
    var current: [Finding]
    var gate: GateResult
    /// Baseline entries that matched no finding of the run.
    var staleBaseline: [Baseline.Entry] = []
    /// Suppressing VEX statements that matched no finding of a run whose dependency scanners completed.
    var staleVEX: [VEXStatement] = []
}
