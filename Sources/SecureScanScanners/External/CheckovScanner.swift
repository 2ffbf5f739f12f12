import SecureScanCore

/// checkov over the target (Terraform, CloudFormation, Kubernetes, Helm, Dockerfiles, …), offline:
/// `--skip-download` keeps it from fetching platform policies.
public struct CheckovScanner: ExternalToolAdapter {
    public let id = "checkov"
    public let scanType = ScanType.iac
    public let summary = "checkov: infrastructure-as-code policies"
    public let optionKeys = ["frameworks", "skip_checks"]
    public let tool: ExternalTool
    public let parser: any ReportParser = CheckovReport()

    public init(toolsDirectory: String? = nil) {
        tool = ExternalTool(plan: InstallPlan(manager: .pip, package: "checkov", version: "3.3.30", executable: "checkov"), toolsDirectory: toolsDirectory)
    }

    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        var arguments = ["-d", ".", "-o", "json", "--quiet", "--compact", "--skip-download", "--skip-results-upload"]
        let frameworks = target.option("frameworks", of: id)
        if !frameworks.isEmpty { arguments += ["--framework"] + frameworks }
        let skipped = target.option("skip_checks", of: id)
        if !skipped.isEmpty { arguments += ["--skip-check", skipped.joined(separator: ",")] }
        for directory in ["node_modules", ".git", ".venv", "venv", "vendor"] { arguments += ["--skip-path", directory] }
        return [ToolInvocation(arguments, successCodes: [0, 1],
                               environment: ["LOG_LEVEL": "ERROR", "CHECKOV_NO_OUTPUT_COLOR": "1", "BC_SKIP_MAPPING": "TRUE"])]
    }
}
