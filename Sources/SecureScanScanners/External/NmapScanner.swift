import SecureScanCore

/// nmap against the hosts the configuration lists (`scanner_options.nmap.hosts`) and nothing else: a
/// TCP connect scan with service detection (no root needed), optionally a port list and NSE scripts.
public struct NmapScanner: ScannerAdapter {
    public let id = "nmap"
    public let scanType = ScanType.network
    public let summary = "nmap: open ports and services of the configured hosts"
    public var fingerprintKinds: [String] { NmapReport().fingerprintKinds }
    public let optionKeys = ["hosts", "ports", "scripts"]
    let tool = ExternalTool(plan: InstallPlan(manager: .apt, package: "nmap", executable: "nmap"))

    public init() {}

    public var installPlan: InstallPlan? { tool.plan }
    public func availability() async -> ScannerAvailability { await tool.availability() }

    public func scan(_ target: ScanTarget) async throws -> Observations {
        let hosts = target.option("hosts", of: id)
        guard !hosts.isEmpty else {
            throw ScannersError.unavailable(reason: "no hosts configured", installHint: "list the hosts to scan under scanner_options.nmap.hosts")
        }
        for host in hosts where host.hasPrefix("-") || host.contains(where: \.isWhitespace) {
            throw ScannersError.invalidReport(source: "scanner_options.nmap.hosts", reason: "'\(host)' is not a host name, address or CIDR block")
        }
        var arguments = ["-sT", "-sV", "-Pn", "-oX", "-", "--noninteractive"]
        let ports = target.option("ports", of: id)
        if !ports.isEmpty { arguments += ["-p", ports.joined(separator: ",")] }
        let scripts = target.option("scripts", of: id)
        if !scripts.isEmpty { arguments += ["--script", scripts.joined(separator: ",")] }
        let output = try await tool.run(arguments + hosts, on: target, scanner: id, successCodes: [0])
        return try tool.parse(output, with: NmapReport(), context: ReportContext(source: "nmap")).observations
    }
}
