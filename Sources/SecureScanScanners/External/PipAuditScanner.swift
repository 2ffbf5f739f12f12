import SecureScanCore

/// pip-audit on each requirements file (it asks PyPI or OSV, so it needs the network).
public struct PipAuditScanner: ExternalToolAdapter {
    public let id = "pip-audit"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "pip-audit: Python requirements against PyPI/OSV advisories (online)"
    public let nothingToScan = "no requirements files to audit"
    public let tool: ExternalTool
    public let parser: any ReportParser = PipAuditReport()

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "pip-audit", version: "2.10.1", executable: "pip-audit"), toolsDirectory: toolsDirectory)
    }

    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        ManifestAudit.requirements(in: target).map { manifest in
            ToolInvocation(["-r", manifest, "-f", "json", "--progress-spinner", "off", "--no-deps", "--disable-pip"],
                           successCodes: [0, 1], manifest: manifest)
        }
    }
}
