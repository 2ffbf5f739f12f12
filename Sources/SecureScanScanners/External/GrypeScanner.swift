import SecureScanCore

/// grype over the target directory (it needs its vulnerability database, downloaded by grype itself).
public struct GrypeScanner: ExternalToolAdapter {
    public let id = "grype"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "grype: packages against Anchore's vulnerability database"
    public let tool = ExternalTool(executable: "grype", hint: "install grype from https://github.com/anchore/grype/releases", versionArguments: ["version"])
    public let parser: any ReportParser = GrypeReport()

    public init() {}

    public func invocations(for target: ScanTarget) -> [ToolInvocation] {
        [ToolInvocation(["dir:.", "-o", "json", "-q"], successCodes: [0], environment: ["GRYPE_CHECK_FOR_APP_UPDATE": "false"])]
    }
}
