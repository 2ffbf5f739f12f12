import SecureScanCore
import SecureScanXML

/// `nmap -oX`: one finding per open port per host, rated by what usually listens there (a database,
/// a remote shell, an unencrypted admin protocol), and one per CVE the `vulners` script lists.
public struct NmapReport: ReportParser {
    public let format = "nmap"
    public let scanner = "nmap"
    public let scanType = ScanType.network
    public let summary = "nmap XML output (nmap -oX FILE)"
    public let fingerprintKinds: [String] = ["network"]

    public init() {}

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        let root: XMLTree
        do {
            root = try XMLReader.parse(data)
        } catch {
            throw context.invalid("not well-formed XML: \(error.description)")
        }
        guard root.name == "nmaprun" else { throw context.invalid("the root element is <\(root.name)>, not <nmaprun>: not nmap XML output") }
        var drafts: [Finding.Draft] = []
        for host in root.children("host") {
            let addresses = host.children("address")
            let address = (addresses.first { $0.attributes["addrtype"] == "ipv4" || $0.attributes["addrtype"] == "ipv6" } ?? addresses.first)?.attributes["addr"] ?? ""
            let hostname = host.child("hostnames")?.children("hostname").first?.attributes["name"]
            let hostLabel = address.isEmpty ? hostname ?? "?" : address
            for port in host.child("ports")?.children("port") ?? [] {
                guard port.child("state")?.attributes["state"] == "open", let number = port.attributes["portid"].flatMap(Int.init) else { continue }
                let transport = port.attributes["protocol"] ?? "tcp"
                let service = port.child("service")
                let serviceName = service?.attributes["name"] ?? ""
                let product = [service?.attributes["product"], service?.attributes["version"]].compactMap { $0 }.joined(separator: " ")
                let risk = NmapPortRisk.classify(port: number, transport: transport, service: serviceName, tunnel: service?.attributes["tunnel"])
                var properties = ["host": hostLabel, "port": String(number), "transport": transport]
                if let hostname { properties["hostname"] = hostname }
                if !serviceName.isEmpty { properties["service"] = serviceName }
                if !product.isEmpty { properties["product"] = product }
                let cpes = service?.children("cpe").map(\.value) ?? []
                if !cpes.isEmpty { properties["cpe"] = cpes.joined(separator: " ") }
                let what = serviceName.isEmpty ? "" : " (\(serviceName)\(product.isEmpty ? "" : ": \(product)"))"
                drafts.append(Finding.Draft(
                    ruleID: risk.rule, severity: risk.severity,
                    title: "\(risk.title) on \(hostLabel):\(number)/\(transport)\(what)",
                    description: risk.reason,
                    identity: .network(host: hostLabel, port: number, transport: transport), scanType: .network,
                    cwes: risk.cwes, remediation: risk.remediation, properties: properties))
                for script in port.children("script") where script.attributes["id"] == "vulners" {
                    drafts += vulners(script, host: hostLabel, port: number, transport: transport, product: product)
                }
            }
        }
        let version = root.attributes["version"]
        return ParsedReport(findings: drafts, toolVersion: version)
    }

    /// The CVEs the `vulners` script matched to the service's CPE, rated by their CVSS score.
    private func vulners(_ script: XMLTree, host: String, port: Int, transport: String, product: String) -> [Finding.Draft] {
        var drafts: [Finding.Draft] = []
        for cpe in script.children("table") {
            for entry in cpe.children("table") {
                var fields: [String: String] = [:]
                for element in entry.children("elem") { if let key = element.attributes["key"] { fields[key] = element.value } }
                guard let id = fields["id"], !id.isEmpty else { continue }
                let score = fields["cvss"].flatMap(Double.init)
                var properties = ["host": host, "port": String(port), "transport": transport, "cpe": cpe.attributes["key"] ?? ""]
                if let score { properties["cvss_score"] = String(score) }
                if fields["is_exploit"] == "true" { properties["exploit"] = "true" }
                let isCVE = id.uppercased().hasPrefix("CVE-")
                drafts.append(Finding.Draft(
                    ruleID: id, severity: score.map(ReportValues.severity(score:)) ?? .medium,
                    title: "\(id) in \(product.isEmpty ? cpe.attributes["key"] ?? "the service" : product) on \(host):\(port)/\(transport)",
                    description: "The vulners script matched \(id) to \(cpe.attributes["key"] ?? "the service's CPE") by version; confirm it applies to this build.",
                    identity: .network(host: host, port: port, transport: transport), scanType: .network,
                    aliases: [], remediation: "Upgrade the service to a release that fixes \(id), or restrict who can reach the port.",
                    references: [isCVE ? "https://nvd.nist.gov/vuln/detail/\(id)" : "https://vulners.com/search?query=\(id)"],
                    properties: properties))
            }
        }
        return drafts
    }
}
