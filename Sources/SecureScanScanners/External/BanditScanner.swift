import SecureScanCore

/// bandit over the target's Python files (the walked tree, so excludes apply).
public struct BanditScanner: ScannerAdapter {
    public let id = "bandit"
    public let scanType = ScanType.code
    public let summary = "bandit: Python security linter"
    public var fingerprintKinds: [String] { BanditReport().fingerprintKinds }
    let tool: ExternalTool

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "bandit", version: "1.9.4", executable: "bandit"), toolsDirectory: toolsDirectory)
    }

    public var installPlan: InstallPlan? { tool.plan }
    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let files = target.tree.files.map(\.path).filter { $0.hasSuffix(".py") }
        guard !files.isEmpty else { return Observations(notes: ["no Python files to check"]) }
        var observations = Observations()
        // Bounded argument lists: a huge tree is checked in slices.
        for start in stride(from: 0, to: files.count, by: 2000) {
            let slice = Array(files[start..<min(start + 2000, files.count)])
            let output = try await tool.run(["-f", "json", "-q"] + slice, on: target, scanner: id, successCodes: [0, 1])
            let report = try tool.parse(output, with: BanditReport(), context: ReportContext(source: "bandit", root: target.root))
            observations.findings += report.observations.findings
            observations.notes += report.observations.notes
        }
        return observations
    }
}
