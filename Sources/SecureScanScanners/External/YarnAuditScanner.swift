import SecureScanCore

/// yarn's audit in each directory with a yarn.lock: `yarn audit --json` for yarn 1, `yarn npm audit
/// --json --recursive` for yarn 2 and later (both online).
public struct YarnAuditScanner: ScannerAdapter {
    public let id = "yarn-audit"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let isBuiltIn = false
    public let summary = "yarn audit: yarn.lock against the npm registry's advisories (online)"
    public var fingerprintKinds: [String] { YarnAuditReport().fingerprintKinds }
    let tool = ExternalTool(executable: "yarn", hint: "corepack enable (Node.js) or npm install -g yarn")

    public init() {}

    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let files = ManifestAudit.manifests(in: target, names: ["yarn.lock"])
        guard !files.isEmpty else { return Observations(notes: ["no yarn.lock to audit"]) }
        let version = await tool.availability()
        let classic = if case .available(let found) = version { found.hasPrefix("1.") } else { true }
        return try await ManifestAudit.each(files) { manifest in
            // yarn 1 exits with a bit mask of the severities it found (1 info … 16 critical).
            let output = try await tool.run(classic ? ["audit", "--json"] : ["npm", "audit", "--json", "--recursive"], on: target, scanner: id,
                                            successCodes: Set(0...31), workingDirectory: ManifestAudit.directory(of: manifest, in: target))
            return try tool.parse(output, with: YarnAuditReport(), context: ReportContext(source: "yarn audit", root: target.root, manifest: manifest)).observations
        }
    }
}
