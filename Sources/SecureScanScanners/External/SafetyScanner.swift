import SecureScanCore

/// safety on each requirements file (`safety check --output json`, which 2.x and 3.x both run; it needs
/// the network for its database).
public struct SafetyScanner: ScannerAdapter {
    public let id = "safety"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "safety: Python requirements against the Safety DB (online)"
    public var fingerprintKinds: [String] { SafetyReport().fingerprintKinds }
    let tool: ExternalTool

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "safety", version: "3.8.1", executable: "safety"), toolsDirectory: toolsDirectory)
    }

    public var installPlan: InstallPlan? { tool.plan }
    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        return try await ManifestAudit.each(ManifestAudit.requirements(in: target), none: "no requirements files to audit") { manifest in
            // 64 is safety's "vulnerabilities found".
            let output = try await tool.run(["--disable-optional-telemetry", "check", "-r", manifest, "--output", "json"],
                                            on: target, scanner: id, successCodes: [0, 64])
            return try tool.parse(output, with: SafetyReport(), context: ReportContext(source: "safety", root: target.root, manifest: manifest)).observations
        }
    }
}
