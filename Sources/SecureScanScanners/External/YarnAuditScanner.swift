import SecureScanCore

/// yarn's audit in each directory with a yarn.lock: `yarn audit --json` for yarn 1, `yarn npm audit
/// --json --recursive` for yarn 2 and later (both online).
public struct YarnAuditScanner: ExternalToolAdapter {
    public let id = "yarn-audit"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "yarn audit: yarn.lock against the npm registry's advisories (online)"
    public let nothingToScan = "no yarn.lock to audit"
    public let reportSource = "yarn audit"
    public let tool = ExternalTool(executable: "yarn", hint: "corepack enable (Node.js) or npm install -g yarn")
    public let parser: any ReportParser = YarnAuditReport()

    public init() {}

    /// yarn 1 exits with a bit mask of the severities it found (1 info … 16 critical).
    public func invocations(for target: ScanTarget) async -> [ToolInvocation] {
        let files = ManifestAudit.manifests(in: target, names: ["yarn.lock"])
        guard !files.isEmpty else { return [] }
        let classic = if case .available(let found) = await tool.availability() { found.hasPrefix("1.") } else { true }
        return files.map { manifest in
            ToolInvocation(classic ? ["audit", "--json"] : ["npm", "audit", "--json", "--recursive"], successCodes: Set(0...31),
                           workingDirectory: ManifestAudit.directory(of: manifest, in: target), manifest: manifest)
        }
    }
}
