import SecureScanCore

/// trufflehog3 over the working tree (`--no-history`: the git history is a separate question).
public struct Trufflehog3Scanner: ScannerAdapter {
    public let id = "trufflehog3"
    public let scanType = ScanType.code
    public let summary = "trufflehog3: secrets by regular expression and entropy"
    public var fingerprintKinds: [String] { Trufflehog3Report().fingerprintKinds }
    let tool: ExternalTool

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "trufflehog3", version: "3.0.10", executable: "trufflehog3"), toolsDirectory: toolsDirectory)
    }

    public var installPlan: InstallPlan? { tool.plan }
    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        // The absolute root: trufflehog3 3.0 fails on "." ("empty pattern"). Exit 2 means it found something; 1 is an error.
        let output = try await tool.run(["--no-history", "--format", "json", target.root], on: target, scanner: id, successCodes: [0, 2])
        return try tool.parse(output, with: Trufflehog3Report(), context: ReportContext(source: "trufflehog3", root: target.root)).observations
    }
}
