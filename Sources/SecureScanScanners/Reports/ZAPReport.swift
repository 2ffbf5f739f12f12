import Foundation
import SecureScanCore
import SecureScanXML

/// OWASP ZAP reports, XML (`-x`, the traditional and "XML plus" layouts) and JSON (`-J`): per site,
/// alerts with risk, confidence, CWE, solution and instances. One finding per alert per URL template and
/// parameter (numbers and UUIDs in paths become `{id}`, the query is dropped), so one missing header on a
/// thousand pages of the same shape is one finding, not a thousand.
public struct ZAPReport: ReportParser {
    public let format = "zap"
    public let scanner = "zap"
    public let scanType = ScanType.dast
    public let summary = "OWASP ZAP XML or JSON report (zap-baseline.py -x / -J, or the report API)"
    public let fingerprintKinds: [String] = ["dast"]

    public init() {}

    struct Alert {
        var pluginID: String
        var name: String
        var risk: Int
        var confidence: Int?
        var description: String
        var solution: String
        var references: [String]
        var cwe: Int?
        var wasc: Int?
        var site: String
        var instances: [(uri: String, method: String, parameter: String, evidence: String)]
    }

    struct JSONReport: Decodable {
        var version: String?
        var site: [JSONSite]?

        enum CodingKeys: String, CodingKey {
            case version = "@version"
            case site
        }
    }

    struct JSONSite: Decodable {
        var name: String?
        var alerts: [Lenient<JSONAlert>]?

        enum CodingKeys: String, CodingKey {
            case name = "@name"
            case alerts
        }
    }

    struct JSONAlert: Decodable {
        var pluginid: LooseText?
        var alertRef: LooseText?
        var alert: String?
        var name: String?
        var riskcode: LooseText?
        var confidence: LooseText?
        var desc: String?
        var solution: String?
        var reference: String?
        var cweid: LooseText?
        var wascid: LooseText?
        var instances: [JSONInstance]?
    }

    struct JSONInstance: Decodable {
        var uri: String?
        var method: String?
        var param: String?
        var evidence: String?
    }

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        var skipped: [String] = []
        let (alerts, version): ([Alert], String?) = ReportJSON.firstByte(data) == UInt8(ascii: "{")
            ? try readJSON(data, skipped: &skipped, context: context) : try readXML(data, skipped: &skipped, context: context)
        try ReportJSON.requireSome(read: alerts.count, skipped: skipped, context: context)
        var drafts: [Finding.Draft] = []
        for alert in alerts {
            var seen: Set<String> = []
            let instances = alert.instances.isEmpty ? [(uri: alert.site, method: "", parameter: "", evidence: "")] : alert.instances
            for instance in instances {
                let template = ZAPReport.template(instance.uri.isEmpty ? alert.site : instance.uri)
                guard seen.insert(template + "\u{0}" + instance.parameter).inserted else { continue }
                var properties = ["url": instance.uri, "site": alert.site]
                if !instance.method.isEmpty { properties["method"] = instance.method }
                if !instance.parameter.isEmpty { properties["parameter"] = instance.parameter }
                if let confidence = alert.confidence { properties["confidence"] = ["false positive", "low", "medium", "high", "confirmed"][min(max(confidence, 0), 4)] }
                if let wasc = alert.wasc, wasc > 0 { properties["wasc"] = "WASC-\(wasc)" }
                drafts.append(Finding.Draft(
                    ruleID: alert.pluginID, severity: [Severity.info, .low, .medium, .high][min(max(alert.risk, 0), 3)],
                    title: alert.name + (instance.parameter.isEmpty ? "" : " (\(instance.parameter))"),
                    description: alert.description,
                    identity: .dast(urlTemplate: template, parameter: instance.parameter), scanType: .dast,
                    cwes: alert.cwe.flatMap { $0 > 0 ? ["CWE-\($0)"] : nil } ?? [],
                    remediation: alert.solution.isEmpty ? nil : alert.solution,
                    references: alert.references,
                    evidence: instance.evidence.isEmpty ? nil : String(instance.evidence.prefix(300)),
                    properties: properties))
            }
        }
        return ParsedReport(findings: drafts, toolVersion: version, skipped: skipped)
    }

    private func readXML(_ data: [UInt8], skipped: inout [String], context: ReportContext) throws(ScannersError) -> ([Alert], String?) {
        let root: XMLTree
        do {
            root = try XMLReader.parse(data)
        } catch {
            throw context.invalid("not well-formed XML: \(error.description)")
        }
        guard root.name == "OWASPZAPReport" else { throw context.invalid("the root element is <\(root.name)>, not <OWASPZAPReport>: not a ZAP XML report") }
        var alerts: [Alert] = []
        for site in root.children("site") {
            for item in site.child("alerts")?.children("alertitem") ?? [] {
                func text(_ name: String) -> String { ZAPReport.plain(item.child(name)?.value ?? "") }
                guard let risk = Int(item.child("riskcode")?.value ?? "") else {
                    skipped.append("line \(item.line): <alertitem> has no numeric <riskcode>")
                    continue
                }
                let instances = (item.child("instances")?.children("instance") ?? []).map { instance in
                    (uri: instance.child("uri")?.value ?? "", method: instance.child("method")?.value ?? "",
                     parameter: instance.child("param")?.value ?? "", evidence: instance.child("evidence")?.value ?? "")
                }
                // Older reports list one <uri> per alert instead of instances.
                let legacy = instances.isEmpty ? item.children("uri").map { (uri: $0.value, method: "", parameter: item.child("param")?.value ?? "", evidence: "") } : instances
                alerts.append(Alert(
                    pluginID: text("pluginid").isEmpty ? text("alertRef") : text("pluginid"), name: text("name").isEmpty ? text("alert") : text("name"),
                    risk: risk, confidence: Int(item.child("confidence")?.value ?? ""), description: text("desc"), solution: text("solution"),
                    references: ZAPReport.links(text("reference")), cwe: Int(item.child("cweid")?.value ?? ""), wasc: Int(item.child("wascid")?.value ?? ""),
                    site: site.attributes["name"] ?? "", instances: legacy))
            }
        }
        return (alerts, root.attributes["version"])
    }

    private func readJSON(_ data: [UInt8], skipped: inout [String], context: ReportContext) throws(ScannersError) -> ([Alert], String?) {
        let report = try ReportJSON.decode(JSONReport.self, data, context: context)
        guard let sites = report.site else { throw context.invalid("field site is missing: not a ZAP JSON report") }
        var alerts: [Alert] = []
        for (siteIndex, site) in sites.enumerated() {
            for (index, entry) in (site.alerts ?? []).enumerated() {
                guard case .valid(let alert) = entry else {
                    if case .skipped(let reason) = entry { skipped.append(reason) }
                    continue
                }
                guard let risk = alert.riskcode?.int else {
                    skipped.append("/site/\(siteIndex)/alerts/\(index)/riskcode: is missing or not a number, and the format requires it")
                    continue
                }
                alerts.append(Alert(
                    pluginID: alert.pluginid?.text ?? alert.alertRef?.text ?? "zap", name: alert.name ?? alert.alert ?? "ZAP alert", risk: risk,
                    confidence: alert.confidence?.int, description: ZAPReport.plain(alert.desc ?? ""), solution: ZAPReport.plain(alert.solution ?? ""),
                    references: ZAPReport.links(ZAPReport.plain(alert.reference ?? "")), cwe: alert.cweid?.int, wasc: alert.wascid?.int,
                    site: site.name ?? "",
                    instances: (alert.instances ?? []).map { (uri: $0.uri ?? "", method: $0.method ?? "", parameter: $0.param ?? "", evidence: $0.evidence ?? "") }))
            }
        }
        return (alerts, report.version)
    }

    /// ZAP writes descriptions as HTML paragraphs: tags removed, entities decoded, paragraphs kept apart.
    static func plain(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "</p>", with: "\n").replacingOccurrences(of: "<br>", with: "\n")
        while let open = text.range(of: "<"), let close = text.range(of: ">", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    static func links(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.hasPrefix("http://") || $0.hasPrefix("https://") }
    }

    /// `https://shop.example/items/42?x=1` → `https://shop.example/items/{id}`: identity survives ids and queries.
    static func template(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return url }
        let scheme = components.scheme?.lowercased() ?? "http"
        let port = components.port.map { ":\($0)" } ?? ""
        let segments = components.path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            let text = String(segment)
            if !text.isEmpty, text.allSatisfy(\.isNumber) { return "{id}" }
            if text.count == 36, text.filter({ $0 == "-" }).count == 4, text.allSatisfy({ $0.isHexDigit || $0 == "-" }) { return "{id}" }
            return text
        }
        return "\(scheme)://\(host.lowercased())\(port)\(segments.joined(separator: "/"))"
    }
}
