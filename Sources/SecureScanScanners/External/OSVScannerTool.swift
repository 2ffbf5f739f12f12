import SecureScanCore

/// Google's osv-scanner over the target's lockfiles (it queries the OSV API, so it needs the network).
/// Distinct from the built-in `osv` scanner, which matches against the offline database.
public struct OSVScannerTool: ExternalToolAdapter {
    public let id = "osv-scanner"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "osv-scanner: lockfiles against the OSV API"
    public let tool = ExternalTool(executable: "osv-scanner", hint: "install osv-scanner from https://github.com/google/osv-scanner/releases")
    public let parser: any ReportParser = OSVScannerReport()

    public init() {}

    /// Exit 1 means vulnerabilities were found, 128 that no lockfile was.
    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        [ToolInvocation(["--format", "json", "-r", "."], successCodes: [0, 1, 128])]
    }
}
