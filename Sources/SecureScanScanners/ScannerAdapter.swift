import SecureScanCore

/// A source of findings and components: a built-in analysis or an external tool's adapter.
///
/// The pipeline asks each adapter whether it can run, then calls ``scan(_:)`` with a time limit.
/// An adapter reports problems by throwing; the pipeline turns that into a failed ``ScannerRun``
/// so one broken scanner never stops the others.
public protocol ScannerAdapter: Sendable {
    /// Stable id used in config, the database and fingerprints. Never rename one.
    var id: String { get }
    var scanType: ScanType { get }
    /// One line for `securescan status`.
    var summary: String { get }
    /// Whether the scanner can run here, and its version.
    func availability() async -> ScannerAvailability
    /// Scans `target`. Long-running work checks for cancellation, which is how time limits stop it.
    func scan(_ target: ScanTarget) async throws -> Observations
    /// How to install the tool an external adapter runs; nil for built-in scanners (the default).
    var installPlan: InstallPlan? { get }
    /// Whether the scanner is part of this program (the default) rather than an external tool.
    var isBuiltIn: Bool { get }
    /// Whether its results depend on the vulnerability database (so a new database means running it
    /// again even on an unchanged tree). Default false.
    var usesVulnerabilityDatabase: Bool { get }
    /// The `scanner_options` keys it reads (rule files, hosts, …); none by default.
    var optionKeys: [String] { get }
    /// Those of ``optionKeys`` whose values may be paths relative to the scanned directory (rule files),
    /// which must be made absolute when the scanner runs on a copy of the tree (`diff`); none by default.
    var pathOptionKeys: [String] { get }
    /// Whether it runs when the configuration does not list scanners. Tools that send the target's
    /// package list to an online service say no: they run only when named (`scanners:` or `--scanners`).
    var runsByDefault: Bool { get }
    /// The ``FindingIdentity`` kinds of its findings; by default the kind its scan type stands for.
    var fingerprintKinds: [String] { get }
    /// Whether its results depend only on the tree, the config and its version, so that a batch may reuse
    /// them when those are unchanged (the default); false for one that reads what the tree does not show
    /// (a repository's history, which gains commits and branches without the work tree changing).
    var reusesResults: Bool { get }
    /// Whether it joins a run whose scanners were not named, though it does not run by default: when the
    /// tree is its kind of target (a root filesystem) or the request gives what it needs (a target URL).
    /// `options` are the request's `scanner_options`. False by default.
    func selectsItself(root: String, options: [String: [String: [String]]]) -> Bool
}

extension ScannerAdapter {
    /// nil for scanners that need nothing installed.
    public var installPlan: InstallPlan? { nil }
    /// Pure Swift, part of this program: always available, never installed.
    public var isBuiltIn: Bool { installPlan == nil }
    public var usesVulnerabilityDatabase: Bool { false }
    public var optionKeys: [String] { [] }
    public var pathOptionKeys: [String] { [] }
    public var runsByDefault: Bool { true }
    public var reusesResults: Bool { true }
    public func selectsItself(root: String, options: [String: [String: [String]]]) -> Bool { false }
    public var fingerprintKinds: [String] {
        switch scanType {
        case .code, .baseline: ["code"]
        case .dependency: ["dependency"]
        case .iac: ["iac"]
        case .dast: ["dast"]
        case .network: ["network"]
        }
    }
}

/// Whether a scanner can run on this machine.
public enum ScannerAvailability: Sendable, Hashable {
    case available(version: String)
    case unavailable(reason: String, installHint: String)
}

/// What one scanner reports about a target.
public struct Observations: Sendable {
    public var findings: [Finding.Draft]
    public var components: [Component]
    /// Things worth telling the user that are not findings (skipped files, partial parses).
    public var notes: [String]
    /// Secret values this scanner saw, so the pipeline can scrub them from every other finding's text.
    /// Held in memory for the run only; never stored, logged or rendered.
    public var sensitiveValues: [String]
    /// Entries of a report that broke its format and were skipped, each as `<JSON pointer>: <what is wrong>`
    /// (`/runs/0/results/17/message: is missing`): the rest of the report was read.
    public var skipped: [String]

    public init(findings: [Finding.Draft] = [], components: [Component] = [], notes: [String] = [], sensitiveValues: [String] = [],
                skipped: [String] = []) {
        self.findings = findings
        self.components = components
        self.notes = notes
        self.sensitiveValues = sensitiveValues
        self.skipped = skipped
    }

    /// The note that names the skipped entries (the first five), or nil when none was skipped.
    public var skippedNote: String? {
        guard !skipped.isEmpty else { return nil }
        let more = skipped.count > 5 ? "; and \(skipped.count - 5) more" : ""
        return "\(skipped.count) entr\(skipped.count == 1 ? "y" : "ies") of the report skipped for breaking its format, the rest read: "
            + skipped.prefix(5).joined(separator: "; ") + more
    }
}
