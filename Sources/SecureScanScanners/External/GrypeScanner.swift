import SecureScanCore

/// grype over the target directory (it needs its vulnerability database, downloaded by grype itself).
public struct GrypeScanner: ScannerAdapter {
    public let id = "grype"
    public let scanType = ScanType.dependency
    /// It sends the package list to an online service: it runs only when the configuration names it.
    public let runsByDefault = false
    public let summary = "grype: packages against Anchore's vulnerability database"
    public var fingerprintKinds: [String] { GrypeReport().fingerprintKinds }
    public let isBuiltIn = false
    let tool = ExternalTool(executable: "grype", hint: "install grype from https://github.com/anchore/grype/releases", versionArguments: ["version"])

    public init() {}

    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let output = try await tool.run(["dir:.", "-o", "json", "-q"], on: target, scanner: id, successCodes: [0],
                                        environment: ["GRYPE_CHECK_FOR_APP_UPDATE": "false"])
        return try tool.parse(output, with: GrypeReport(), context: ReportContext(source: "grype", root: target.root)).observations
    }
}
