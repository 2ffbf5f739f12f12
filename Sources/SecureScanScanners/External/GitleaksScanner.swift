import SecureScanCore

/// gitleaks over the working tree (`--no-git`). Neither Debian nor PyPI packages it.
public struct GitleaksScanner: ExternalToolAdapter {
    public let id = "gitleaks"
    public let scanType = ScanType.code
    public let summary = "gitleaks: secrets in files"
    public let tool = ExternalTool(executable: "gitleaks", hint: "install gitleaks from https://github.com/gitleaks/gitleaks/releases", versionArguments: ["version"])
    public let parser: any ReportParser = GitleaksReport()

    public init() {}

    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        [ToolInvocation(["detect", "--no-git", "--no-banner", "--source", ".", "--report-format", "json", "--report-path", "/dev/stdout",
                         "--exit-code", "0", "--log-level", "error"], successCodes: [0])]
    }
}
