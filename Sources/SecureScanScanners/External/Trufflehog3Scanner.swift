import SecureScanCore

/// trufflehog3 over the working tree (`--no-history`: the git history is a separate question).
public struct Trufflehog3Scanner: ExternalToolAdapter {
    public let id = "trufflehog3"
    public let scanType = ScanType.code
    public let summary = "trufflehog3: secrets by regular expression and entropy"
    public let tool: ExternalTool
    public let parser: any ReportParser = Trufflehog3Report()

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "trufflehog3", version: "3.0.10", executable: "trufflehog3"), toolsDirectory: toolsDirectory)
    }

    /// The absolute root: trufflehog3 3.0 fails on "." ("empty pattern"). Exit 2 means it found something; 1 is an error.
    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        [ToolInvocation(["--no-history", "--format", "json", target.root], successCodes: [0, 2])]
    }
}
