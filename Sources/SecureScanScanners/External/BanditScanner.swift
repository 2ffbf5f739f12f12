import SecureScanCore

/// bandit over the target's Python files (the walked tree, so excludes apply).
public struct BanditScanner: ExternalToolAdapter {
    public let id = "bandit"
    public let scanType = ScanType.code
    public let summary = "bandit: Python security linter"
    public let nothingToScan = "no Python files to check"
    public let tool: ExternalTool
    public let parser: any ReportParser = BanditReport()

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "bandit", version: "1.9.4", executable: "bandit"), toolsDirectory: toolsDirectory)
    }

    /// Bounded argument lists: a huge tree is checked in slices of 2,000 files.
    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        let files = target.tree.files.map(\.path).filter { $0.hasSuffix(".py") }
        return stride(from: 0, to: files.count, by: 2000).map { start in
            ToolInvocation(["-f", "json", "-q"] + files[start..<min(start + 2000, files.count)], successCodes: [0, 1])
        }
    }
}
