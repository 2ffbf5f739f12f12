import SecureScanCore

/// `detect-secrets scan --all-files`: its baseline, read for the secrets' types, places and hashes.
public struct DetectSecretsScanner: ScannerAdapter {
    public let id = "detect-secrets"
    public let scanType = ScanType.code
    public let summary = "detect-secrets: secrets by plugin (keywords, entropy, known key formats)"
    public var fingerprintKinds: [String] { DetectSecretsReport().fingerprintKinds }
    let tool: ExternalTool

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "detect-secrets", version: "1.5.0", executable: "detect-secrets"), toolsDirectory: toolsDirectory)
    }

    public var installPlan: InstallPlan? { tool.plan }
    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let output = try await tool.run(["scan", "--all-files", "--exclude-files", "(^|/)(\\.git|node_modules|\\.venv|venv)/", "."],
                                        on: target, scanner: id, successCodes: [0])
        return try tool.parse(output, with: DetectSecretsReport(), context: ReportContext(source: "detect-secrets", root: target.root)).observations
    }
}
