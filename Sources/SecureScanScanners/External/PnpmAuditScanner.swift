import SecureScanCore

/// `pnpm audit --json` in each directory with a pnpm-lock.yaml (online).
public struct PnpmAuditScanner: ScannerAdapter {
    public let id = "pnpm-audit"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let isBuiltIn = false
    public let summary = "pnpm audit: pnpm-lock.yaml against the npm registry's advisories (online)"
    public var fingerprintKinds: [String] { NPMAuditReport().fingerprintKinds }
    let tool = ExternalTool(executable: "pnpm", hint: "corepack enable (Node.js) or npm install -g pnpm")

    public init() {}

    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let files = ManifestAudit.manifests(in: target, names: ["pnpm-lock.yaml"])
        guard !files.isEmpty else { return Observations(notes: ["no pnpm-lock.yaml to audit"]) }
        return try await ManifestAudit.each(files) { manifest in
            let output = try await tool.run(["audit", "--json"], on: target, scanner: id, successCodes: [0, 1],
                                            workingDirectory: ManifestAudit.directory(of: manifest, in: target))
            return try tool.parse(output, with: NPMAuditReport(format: "pnpm-audit"),
                                  context: ReportContext(source: "pnpm audit", root: target.root, manifest: manifest)).observations
        }
    }
}
