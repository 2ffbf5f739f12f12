import SecureScanCore

/// `pnpm audit --json` in each directory with a pnpm-lock.yaml (online).
public struct PnpmAuditScanner: ExternalToolAdapter {
    public let id = "pnpm-audit"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "pnpm audit: pnpm-lock.yaml against the npm registry's advisories (online)"
    public let nothingToScan = "no pnpm-lock.yaml to audit"
    public let reportSource = "pnpm audit"
    public let tool = ExternalTool(executable: "pnpm", hint: "corepack enable (Node.js) or npm install -g pnpm")
    public let parser: any ReportParser = NPMAuditReport(format: "pnpm-audit")

    public init() {}

    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        ManifestAudit.manifests(in: target, names: ["pnpm-lock.yaml"]).map { manifest in
            ToolInvocation(["audit", "--json"], successCodes: [0, 1], workingDirectory: ManifestAudit.directory(of: manifest, in: target),
                           manifest: manifest)
        }
    }
}
