import SecureScanCore

/// `detect-secrets scan --all-files`: its baseline, read for the secrets' types, places and hashes.
public struct DetectSecretsScanner: ExternalToolAdapter {
    public let id = "detect-secrets"
    public let scanType = ScanType.code
    public let summary = "detect-secrets: secrets by plugin (keywords, entropy, known key formats)"
    public let tool: ExternalTool
    public let parser: any ReportParser = DetectSecretsReport()

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "detect-secrets", version: "1.5.0", executable: "detect-secrets"), toolsDirectory: toolsDirectory)
    }

    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        [ToolInvocation(["scan", "--all-files", "--exclude-files", "(^|/)(\\.git|node_modules|\\.venv|venv)/", "."], successCodes: [0])]
    }
}
