import SecureScanCore

/// pip-audit on each requirements file (it asks PyPI or OSV, so it needs the network).
public struct PipAuditScanner: ScannerAdapter {
    public let id = "pip-audit"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "pip-audit: Python requirements against PyPI/OSV advisories (online)"
    public var fingerprintKinds: [String] { PipAuditReport().fingerprintKinds }
    let tool: ExternalTool

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "pip-audit", version: "2.10.1", executable: "pip-audit"), toolsDirectory: toolsDirectory)
    }

    public var installPlan: InstallPlan? { tool.plan }
    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        return try await ManifestAudit.each(ManifestAudit.requirements(in: target), none: "no requirements files to audit") { manifest in
            let output = try await tool.run(["-r", manifest, "-f", "json", "--progress-spinner", "off", "--no-deps", "--disable-pip"],
                                            on: target, scanner: id, successCodes: [0, 1])
            return try tool.parse(output, with: PipAuditReport(), context: ReportContext(source: "pip-audit", root: target.root, manifest: manifest)).observations
        }
    }
}
