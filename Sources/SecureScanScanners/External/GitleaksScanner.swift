import SecureScanCore

/// gitleaks over the working tree (`--no-git`). Neither Debian nor PyPI packages it.
public struct GitleaksScanner: ScannerAdapter {
    public let id = "gitleaks"
    public let scanType = ScanType.code
    public let summary = "gitleaks: secrets in files"
    public var fingerprintKinds: [String] { GitleaksReport().fingerprintKinds }
    public let isBuiltIn = false
    let tool = ExternalTool(executable: "gitleaks", hint: "install gitleaks from https://github.com/gitleaks/gitleaks/releases", versionArguments: ["version"])

    public init() {}

    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let output = try await tool.run(["detect", "--no-git", "--no-banner", "--source", ".", "--report-format", "json", "--report-path", "/dev/stdout",
                                         "--exit-code", "0", "--log-level", "error"], on: target, scanner: id, successCodes: [0])
        return try tool.parse(output, with: GitleaksReport(), context: ReportContext(source: "gitleaks", root: target.root)).observations
    }
}
