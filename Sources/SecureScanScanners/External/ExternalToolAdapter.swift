import SecureScanCore

/// An adapter that runs an external program and reads its report: the program (``tool``), the report's
/// reader (``parser``, the same one `securescan import --as` uses) and the runs to make over a target
/// (``invocations(for:)``). Availability, the install plan, the fingerprint kinds, the built-in flag and
/// the scan itself (each run's report parsed and merged) come from here; an adapter states only what is
/// its own.
public protocol ExternalToolAdapter: ScannerAdapter {
    /// The program, how to install it and how to ask its version.
    var tool: ExternalTool { get }
    /// Reads the program's report. Its identity kinds are the adapter's fingerprint kinds.
    var parser: any ReportParser { get }
    /// The runs over `target`, in order: one for most tools, one per manifest for the dependency auditors,
    /// one per slice of a long file list. Empty when the target holds nothing for the tool (the scan then
    /// says ``nothingToScan``); throws ``ScannersError/unavailable(reason:installHint:)`` when the
    /// configuration lacks what the tool needs (rules, hosts).
    func invocations(for target: ScanTarget) async throws -> [ToolInvocation]
    /// The note of a scan that had nothing to run on ("no Python files to check").
    var nothingToScan: String { get }
    /// The report's name in messages (`npm audit`); the adapter's id by default.
    var reportSource: String { get }
}

/// One run of an external tool: its arguments, the exit codes that still mean a report, extra
/// environment, where it runs (the target's root by default) and the manifest it audits, if one.
public struct ToolInvocation: Sendable {
    var arguments: [String]
    var successCodes: Set<Int32>
    var environment: [String: String] = [:]
    var workingDirectory: String?
    var manifest: String?

    init(_ arguments: [String], successCodes: Set<Int32>, environment: [String: String] = [:], workingDirectory: String? = nil,
         manifest: String? = nil) {
        self.arguments = arguments
        self.successCodes = successCodes
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.manifest = manifest
    }
}

extension ExternalToolAdapter {
    public var installPlan: InstallPlan? { tool.plan }
    public var isBuiltIn: Bool { false }
    public var fingerprintKinds: [String] { parser.fingerprintKinds }
    public var nothingToScan: String { "nothing for \(id) to check" }
    public var reportSource: String { id }

    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let runs = try await invocations(for: target)
        guard !runs.isEmpty else { return Observations(notes: [nothingToScan]) }
        return try await observations(of: runs, on: target)
    }

    /// Each run made and its report parsed, the observations merged in order.
    func observations(of runs: [ToolInvocation], on target: ScanTarget) async throws(ScannersError) -> Observations {
        var merged = Observations()
        for run in runs {
            let output = try await tool.run(run.arguments, on: target, scanner: id, successCodes: run.successCodes,
                                            environment: run.environment, workingDirectory: run.workingDirectory)
            let report = try tool.parse(output, with: parser, context: ReportContext(source: reportSource, root: target.root, manifest: run.manifest))
            merged.findings += report.observations.findings
            merged.components += report.observations.components
            merged.notes += report.observations.notes
            merged.sensitiveValues += report.observations.sensitiveValues
            merged.skipped += report.observations.skipped
        }
        return merged
    }
}
