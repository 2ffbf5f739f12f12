import SecureScanCore

/// safety on each requirements file (`safety check --output json`, which 2.x and 3.x both run; it needs
/// the network for its database).
public struct SafetyScanner: ExternalToolAdapter {
    public let id = "safety"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "safety: Python requirements against the Safety DB (online)"
    public let nothingToScan = "no requirements files to audit"
    public let tool: ExternalTool
    public let parser: any ReportParser = SafetyReport()

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "safety", version: "3.8.1", executable: "safety"), toolsDirectory: toolsDirectory)
    }

    /// Exit 64 is safety's "vulnerabilities found".
    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        ManifestAudit.requirements(in: target).map { manifest in
            ToolInvocation(["--disable-optional-telemetry", "check", "-r", manifest, "--output", "json"], successCodes: [0, 64], manifest: manifest)
        }
    }
}
