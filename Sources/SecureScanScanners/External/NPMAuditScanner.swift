import SecureScanCore

/// `npm audit --json --package-lock-only` in each directory with a package-lock.json (online: it asks the registry).
public struct NPMAuditScanner: ExternalToolAdapter {
    public let id = "npm-audit"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "npm audit: package-lock.json against the npm registry's advisories (online)"
    public let nothingToScan = "no package-lock.json to audit"
    public let reportSource = "npm audit"
    public let tool = ExternalTool(plan: InstallPlan(manager: .apt, package: "npm", executable: "npm"))
    public let parser: any ReportParser = NPMAuditReport()

    public init() {}

    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        ManifestAudit.manifests(in: target, names: ["package-lock.json", "npm-shrinkwrap.json"]).map { manifest in
            ToolInvocation(["audit", "--json", "--package-lock-only"], successCodes: [0, 1],
                           environment: ["NO_UPDATE_NOTIFIER": "1", "npm_config_fund": "false"],
                           workingDirectory: ManifestAudit.directory(of: manifest, in: target), manifest: manifest)
        }
    }
}
