import SecureScanCore

/// `npm audit --json --package-lock-only` in each directory with a package-lock.json (online: it asks the registry).
public struct NPMAuditScanner: ScannerAdapter {
    public let id = "npm-audit"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "npm audit: package-lock.json against the npm registry's advisories (online)"
    public var fingerprintKinds: [String] { NPMAuditReport().fingerprintKinds }
    let tool = ExternalTool(plan: InstallPlan(manager: .apt, package: "npm", executable: "npm"))

    public init() {}

    public var installPlan: InstallPlan? { tool.plan }
    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let files = ManifestAudit.manifests(in: target, names: ["package-lock.json", "npm-shrinkwrap.json"])
        guard !files.isEmpty else { return Observations(notes: ["no package-lock.json to audit"]) }
        return try await ManifestAudit.each(files) { manifest in
            let output = try await tool.run(["audit", "--json", "--package-lock-only"], on: target, scanner: id, successCodes: [0, 1],
                                            environment: ["NO_UPDATE_NOTIFIER": "1", "npm_config_fund": "false"],
                                            workingDirectory: ManifestAudit.directory(of: manifest, in: target))
            return try tool.parse(output, with: NPMAuditReport(), context: ReportContext(source: "npm audit", root: target.root, manifest: manifest)).observations
        }
    }
}
