import SecureScanCore

/// nmap against the hosts the configuration lists (`scanner_options.nmap.hosts`) and nothing else: a
/// TCP connect scan with service detection (no root needed), optionally a port list and NSE scripts.
public struct NmapScanner: ExternalToolAdapter {
    public let id = "nmap"
    public let scanType = ScanType.network
    public let summary = "nmap: open ports and services of the configured hosts"
    public let optionKeys = ["hosts", "ports", "scripts"]
    public let tool = ExternalTool(plan: InstallPlan(manager: .apt, package: "nmap", executable: "nmap"))
    public let parser: any ReportParser = NmapReport()

    public init() {}

    public func invocations(for target: ScanTarget) throws(ScannersError) -> [ToolInvocation] {
        let hosts = target.option("hosts", of: id)
        guard !hosts.isEmpty else {
            throw .unavailable(reason: "no hosts configured", installHint: "list the hosts to scan under scanner_options.nmap.hosts")
        }
        for host in hosts where host.hasPrefix("-") || host.contains(where: \.isWhitespace) {
            throw .invalidReport(source: "scanner_options.nmap.hosts", reason: "'\(host)' is not a host name, address or CIDR block")
        }
        var arguments = ["-sT", "-sV", "-Pn", "-oX", "-", "--noninteractive"]
        let ports = target.option("ports", of: id)
        if !ports.isEmpty { arguments += ["-p", ports.joined(separator: ",")] }
        let scripts = target.option("scripts", of: id)
        if !scripts.isEmpty { arguments += ["--script", scripts.joined(separator: ",")] }
        return [ToolInvocation(arguments + hosts, successCodes: [0])]
    }
}
