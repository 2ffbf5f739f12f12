import SecureScanCore

/// Google's osv-scanner over the target's lockfiles (it queries the OSV API, so it needs the network).
/// Distinct from the built-in `osv` scanner, which matches against the offline database.
public struct OSVScannerTool: ScannerAdapter {
    public let id = "osv-scanner"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "osv-scanner: lockfiles against the OSV API"
    public var fingerprintKinds: [String] { OSVScannerReport().fingerprintKinds }
    public let isBuiltIn = false
    let tool = ExternalTool(executable: "osv-scanner", hint: "install osv-scanner from https://github.com/google/osv-scanner/releases")

    public init() {}

    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let output = try await tool.run(["--format", "json", "-r", "."], on: target, scanner: id, successCodes: [0, 1, 128])
        return try tool.parse(output, with: OSVScannerReport(), context: ReportContext(source: "osv-scanner", root: target.root)).observations
    }
}
