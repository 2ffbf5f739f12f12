import SecureScanCore

/// semgrep with the rule files or directories the configuration names (`scanner_options.semgrep.rules`),
/// never a registry ruleset unless the user writes one (`auto`, `p/…`) there. Metrics and version checks off.
public struct SemgrepScanner: ExternalToolAdapter {
    public let id = "semgrep"
    public let scanType = ScanType.code
    public let summary = "semgrep with local rules (scanner_options.semgrep.rules)"
    public let optionKeys = ["rules", "exclude_rules"]
    public let pathOptionKeys = ["rules"]
    public let tool: ExternalTool
    public let parser: any ReportParser = SemgrepReport()

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "semgrep", version: "1.185.0", executable: "semgrep"),
                            versionArguments: ["--version", "--disable-version-check"], toolsDirectory: toolsDirectory,
                            environment: ["SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"])
    }

    public func invocations(for target: ScanTarget) throws(ScannersError) -> [ToolInvocation] {
        let rules = target.option("rules", of: id)
        guard !rules.isEmpty else {
            throw .unavailable(reason: "no semgrep rules configured",
                               installHint: "list local rule files or directories under scanner_options.semgrep.rules")
        }
        var arguments = ["scan", "--json", "--metrics", "off", "--disable-version-check", "--quiet", "--no-git-ignore"]
        for rule in rules { arguments += ["--config", rule] }
        for rule in target.option("exclude_rules", of: id) { arguments += ["--exclude-rule", rule] }
        return [ToolInvocation(arguments + ["."], successCodes: [0, 1])]
    }
}
