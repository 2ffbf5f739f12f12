import SecureScanCore
import SecureScanXML

/// CycloneDX BOMs, JSON and XML: components (nested ones included) for the SBOM, and vulnerabilities
/// (VDR/VEX, 1.4+) as one finding per vulnerability and affected component. XML BOMs of 1.0–1.3 with the
/// vulnerability extension (`v:vulnerabilities` inside components) are read too. A component's manifest
/// is the application component that depends on it (trivy's layout) or its file-path property.
/// VEX analyses that clear a component (`not_affected`, `false_positive`, `resolved`) are kept as suppressed.
public struct CycloneDXReport: ReportParser {
    public let format = "cyclonedx"
    public let scanner = "cyclonedx"
    public let scanType = ScanType.dependency
    public let summary = "CycloneDX BOM with vulnerabilities, JSON or XML (trivy, grype, syft, cyclonedx-py, Dependency-Track …)"
    public let fingerprintKinds: [String] = ["dependency"]

    public init() {}

    public func parse(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> ParsedReport {
        let bom = ReportJSON.firstByte(data) == UInt8(ascii: "{") ? try CycloneDXReport.json(data, context: context) : try CycloneDXReport.xml(data, context: context)
        try ReportJSON.requireSome(read: bom.components.count + bom.vulnerabilities.count, skipped: bom.skipped, context: context)
        return bom.report(context: context)
    }

    // MARK: - The BOM, whichever encoding it came in

    struct BOM {
        var components: [Part] = []
        var vulnerabilities: [Vulnerability] = []
        var dependencies: [String: [String]] = [:]
        var tool: String?
        var toolVersion: String?
        /// Components and vulnerabilities that broke the format, each as `<JSON pointer>: <what is wrong>`.
        var skipped: [String] = []

        func report(context: ReportContext) -> ParsedReport {
            var manifestOf: [String: String] = [:]
            let applications = components.filter { $0.type == "application" && $0.purl == nil }
            for application in applications {
                guard let ref = application.ref else { continue }
                for child in dependencies[ref] ?? [] where manifestOf[child] == nil { manifestOf[child] = context.relative(application.name) }
            }
            var byRef: [String: Component] = [:]
            var packages: [Component] = []
            for part in components where part.purl != nil || ["library", "framework"].contains(part.type ?? "library") {
                let manifest = part.ref.flatMap { manifestOf[$0] } ?? part.filePath.map(context.relative) ?? context.manifest ?? ""
                let type = part.purl.flatMap(GrypeReport.purlType) ?? ""
                let component = Component(
                    name: part.qualifiedName(type: type), version: part.version ?? "", purl: part.purl ?? "",
                    ecosystem: VulnerabilityDraft.ecosystem(type), licenses: part.licenses, manifestPath: manifest,
                    dependsOn: part.ref.flatMap { dependencies[$0] } ?? [])
                packages.append(component)
                if let ref = part.ref { byRef[ref] = component }
            }
            var drafts: [Finding.Draft] = []
            for vulnerability in vulnerabilities {
                for ref in vulnerability.affects {
                    let component = byRef[ref] ?? CycloneDXReport.component(fromRef: ref, manifest: context.manifest ?? "")
                    drafts.append(vulnerability.draft(for: component))
                }
            }
            var report = ParsedReport(observations: Observations(findings: drafts, components: packages, skipped: skipped), toolVersion: toolVersion)
            if let tool, !tool.isEmpty { report.observations.notes.append("BOM written by \(tool)\(toolVersion.map { " \($0)" } ?? "")") }
            return report
        }
    }

    struct Part {
        var ref: String?
        var type: String?
        var group: String?
        var name: String
        var version: String?
        var purl: String?
        var licenses: [String] = []
        var filePath: String?

        /// Maven and npm names carry their group/scope as a purl does.
        /// The name the built-in catalog gives the same package, so the two line up: Maven `group:artifact`,
        /// scoped npm `@scope/name`, PEP 503-normalized PyPI names.
        func qualifiedName(type: String) -> String {
            let namespace = group.flatMap { $0.isEmpty ? nil : $0 } ?? purl.flatMap(Part.namespace(ofPurl:))
            switch type {
            case "maven": return namespace.map { "\($0):\(name)" } ?? name
            case "npm": return namespace.map { $0.hasPrefix("@") ? "\($0)/\(name)" : name } ?? name
            case "pypi": return PipAuditReport.normalized(name)
            default: return name
            }
        }

        /// `pkg:maven/org.apache/log4j-core@2` → `org.apache`.
        static func namespace(ofPurl purl: String) -> String? {
            var body = purl.dropFirst(4).drop { $0 != "/" }.dropFirst()
            if let cut = body.firstIndex(where: { $0 == "@" || $0 == "?" || $0 == "#" }) { body = body[..<cut] }
            guard let slash = body.lastIndex(of: "/") else { return nil }
            return String(body[..<slash]).removingPercentEncodingIfPossible
        }
    }

    struct Rating {
        var severity: String?
        var score: Double?
        var method: String?
        var vector: String?
    }

    struct Vulnerability {
        var id: String
        var source: String?
        var references: [String] = []
        var ratings: [Rating] = []
        var cwes: [String] = []
        var description: String = ""
        var recommendation: String?
        var advisories: [String] = []
        var affects: [String] = []
        var analysisState: String?
        var justification: String?

        func draft(for component: Component) -> Finding.Draft {
            let vectors = ratings.compactMap(\.vector).compactMap(CVSSScore.init(vector:))
            let best = vectors.filter { $0.version != .v4_0 }.max { $0.score < $1.score } ?? vectors.max { $0.score < $1.score }
            let named = ratings.compactMap { ReportValues.severity($0.severity) }.max()
            let scored = ratings.compactMap(\.score).max().map(ReportValues.severity(score:))
            var properties: [String: String] = [:]
            if let best {
                properties["cvss_vector"] = best.vector
                properties["cvss_score"] = String(best.score)
            }
            if let source { properties["source"] = source }
            var draft = VulnerabilityDraft(
                ecosystem: component.ecosystem, package: component.name, version: component.version, manifestPath: component.manifestPath,
                ids: [id] + references, severity: best?.severity ?? named ?? scored ?? .medium,
                title: description.isEmpty ? nil : ReportValues.title(description), description: description, cwes: cwes,
                references: advisories, properties: properties).draft
            if let recommendation, !recommendation.isEmpty { draft.remediation = recommendation }
            if let state = analysisState, ["not_affected", "false_positive", "resolved", "resolved_with_pedigree"].contains(state) {
                draft.suppression = Suppression(source: .baseline, reason: "VEX analysis: \(state)" + (justification.map { " (\($0))" } ?? ""))
            }
            return draft
        }
    }

    /// A component named only by an `affects` reference that is a purl (or nothing readable).
    static func component(fromRef ref: String, manifest: String) -> Component {
        guard ref.hasPrefix("pkg:"), let type = GrypeReport.purlType(ref) else {
            return Component(name: ref, version: "", purl: "", ecosystem: "", manifestPath: manifest)
        }
        var body = ref.dropFirst(4 + type.count + 1)
        if let cut = body.firstIndex(where: { $0 == "?" || $0 == "#" }) { body = body[..<cut] }
        let version = body.lastIndex(of: "@").map { String(body[body.index(after: $0)...]) } ?? ""
        let path = body.lastIndex(of: "@").map { body[..<$0] } ?? body
        let name = (path.split(separator: "/").last.map(String.init) ?? String(path)).removingPercentEncodingIfPossible
        return Component(name: name, version: version, purl: ref, ecosystem: VulnerabilityDraft.ecosystem(type), manifestPath: manifest)
    }

    // MARK: - JSON

    struct JSONBOM: Decodable {
        var bomFormat: String?
        var specVersion: String?
        var metadata: JSONMetadata?
        var components: [Lenient<JSONComponent>]?
        var vulnerabilities: [Lenient<JSONVulnerability>]?
        var dependencies: [JSONDependency]?
    }

    struct JSONMetadata: Decodable {
        var tools: JSONTools?
        var component: JSONComponent?
    }

    /// `tools` is a list (≤ 1.4) or `{"components": […]}` (1.5+).
    struct JSONTools: Decodable {
        var first: (name: String?, version: String?)?

        struct Tool: Decodable {
            var name: String?
            var version: String?
        }

        struct Modern: Decodable {
            var components: [Tool]?
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([Tool].self) {
                first = list.first.map { ($0.name, $0.version) }
            } else if let modern = try? container.decode(Modern.self) {
                first = modern.components?.first.map { ($0.name, $0.version) }
            }
        }
    }

    final class JSONComponent: Decodable {
        var bomRef: String?
        var type: String?
        var group: String?
        var name: String
        var version: String?
        var purl: String?
        var licenses: [JSONLicenseChoice]?
        var properties: [JSONProperty]?
        var components: [Lenient<JSONComponent>]?

        enum CodingKeys: String, CodingKey {
            case bomRef = "bom-ref", type, group, name, version, purl, licenses, properties, components
        }
    }

    struct JSONLicenseChoice: Decodable {
        var license: JSONLicense?
        var expression: String?
    }

    struct JSONLicense: Decodable {
        var id: String?
        var name: String?
    }

    struct JSONProperty: Decodable {
        var name: String?
        var value: String?
    }

    struct JSONVulnerability: Decodable {
        var id: String?
        var source: JSONSource?
        var references: [JSONReference]?
        var ratings: [JSONRating]?
        var cwes: [Int]?
        var description: String?
        var detail: String?
        var recommendation: String?
        var advisories: [JSONAdvisory]?
        var affects: [JSONAffect]?
        var analysis: JSONAnalysis?
    }

    struct JSONSource: Decodable {
        var name: String?
        var url: String?
    }

    struct JSONReference: Decodable {
        var id: String?
    }

    struct JSONRating: Decodable {
        var score: Double?
        var severity: String?
        var method: String?
        var vector: String?
    }

    struct JSONAdvisory: Decodable {
        var url: String?
    }

    struct JSONAffect: Decodable {
        var ref: String?
    }

    struct JSONAnalysis: Decodable {
        var state: String?
        var justification: String?
    }

    struct JSONDependency: Decodable {
        var ref: String
        var dependsOn: [String]?
    }

    static func json(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> BOM {
        let document = try ReportJSON.decode(JSONBOM.self, data, context: context)
        guard document.bomFormat == "CycloneDX" || document.specVersion != nil else {
            throw context.invalid("bomFormat is not CycloneDX: not a CycloneDX BOM")
        }
        var bom = BOM()
        bom.tool = document.metadata?.tools?.first?.name ?? nil
        bom.toolVersion = document.metadata?.tools?.first?.version ?? nil
        func walk(_ listed: [Lenient<JSONComponent>]) {
            for component in ReportJSON.entries(listed, skipped: &bom.skipped) {
                let properties = Dictionary((component.properties ?? []).compactMap { property in property.name.map { ($0, property.value ?? "") } },
                                            uniquingKeysWith: { first, _ in first })
                bom.components.append(Part(
                    ref: component.bomRef, type: component.type, group: component.group, name: component.name, version: component.version,
                    purl: component.purl,
                    licenses: (component.licenses ?? []).compactMap { $0.license?.id ?? $0.license?.name ?? $0.expression },
                    filePath: properties["aquasecurity:trivy:FilePath"] ?? properties["syft:location:0:path"]))
                walk(component.components ?? [])
            }
        }
        walk(document.components ?? [])
        for dependency in document.dependencies ?? [] { bom.dependencies[dependency.ref] = dependency.dependsOn ?? [] }
        for (index, entry) in (document.vulnerabilities ?? []).enumerated() {
            guard case .valid(let vulnerability) = entry else {
                if case .skipped(let reason) = entry { bom.skipped.append(reason) }
                continue
            }
            guard let id = vulnerability.id else {
                bom.skipped.append("/vulnerabilities/\(index)/id: is missing, and the format requires it")
                continue
            }
            bom.vulnerabilities.append(Vulnerability(
                id: id, source: vulnerability.source?.name, references: (vulnerability.references ?? []).compactMap(\.id),
                ratings: (vulnerability.ratings ?? []).map { Rating(severity: $0.severity, score: $0.score, method: $0.method, vector: $0.vector) },
                cwes: (vulnerability.cwes ?? []).map { "CWE-\($0)" },
                description: vulnerability.description ?? vulnerability.detail ?? "", recommendation: vulnerability.recommendation,
                advisories: (vulnerability.advisories ?? []).compactMap(\.url) + [vulnerability.source?.url].compactMap { $0 },
                affects: (vulnerability.affects ?? []).compactMap(\.ref),
                analysisState: vulnerability.analysis?.state, justification: vulnerability.analysis?.justification))
        }
        return bom
    }

    // MARK: - XML

    static func xml(_ data: [UInt8], context: ReportContext) throws(ScannersError) -> BOM {
        let root: XMLTree
        do {
            root = try XMLReader.parse(data)
        } catch {
            throw context.invalid("not well-formed XML: \(error.description)")
        }
        guard root.name == "bom" else { throw context.invalid("the root element is <\(root.name)>, not <bom>: not a CycloneDX BOM") }
        var bom = BOM()
        let tool = root.path("metadata", "tools")?.children.first
        bom.tool = tool?.child("name")?.value
        bom.toolVersion = tool?.child("version")?.value
        var generated = 0
        func walk(_ components: [XMLTree]) {
            for element in components {
                let name = element.child("name")?.value ?? ""
                let properties = Dictionary((element.child("properties")?.children("property") ?? []).compactMap { property in
                    property.attributes["name"].map { ($0, property.value) }
                }, uniquingKeysWith: { first, _ in first })
                var ref = element.attributes["bom-ref"] ?? element.child("purl")?.value
                // Extension vulnerabilities sit inside their component; give it a ref to point at.
                let embedded = element.child("vulnerabilities")?.children("vulnerability") ?? []
                if ref == nil, !embedded.isEmpty {
                    generated += 1
                    ref = "embedded-\(generated)"
                }
                bom.components.append(Part(
                    ref: ref, type: element.attributes["type"], group: element.child("group")?.value, name: name,
                    version: element.child("version")?.value, purl: element.child("purl")?.value,
                    licenses: (element.child("licenses")?.children ?? []).compactMap { choice in
                        choice.name == "expression" ? choice.value : (choice.child("id") ?? choice.child("name"))?.value
                    },
                    filePath: properties["aquasecurity:trivy:FilePath"] ?? properties["syft:location:0:path"]))
                for vulnerability in embedded {
                    bom.vulnerabilities.append(extensionVulnerability(vulnerability, affects: ref!))
                }
                walk(element.child("components")?.children("component") ?? [])
            }
        }
        walk(root.child("components")?.children("component") ?? [])
        for dependency in root.child("dependencies")?.children("dependency") ?? [] {
            guard let ref = dependency.attributes["ref"] else { continue }
            bom.dependencies[ref] = dependency.children("dependency").compactMap { $0.attributes["ref"] }
        }
        for element in root.child("vulnerabilities")?.children("vulnerability") ?? [] {
            // The 1.0 extension at BOM level names its component in a ref attribute.
            if let ref = element.attributes["ref"] {
                bom.vulnerabilities.append(extensionVulnerability(element, affects: ref))
                continue
            }
            guard let id = element.child("id")?.value, !id.isEmpty else {
                throw context.invalid("line \(element.line): <vulnerability> has no <id>")
            }
            bom.vulnerabilities.append(Vulnerability(
                id: id, source: element.path("source", "name")?.value,
                references: (element.child("references")?.children("reference") ?? []).compactMap { $0.child("id")?.value },
                ratings: (element.child("ratings")?.children("rating") ?? []).map { rating in
                    Rating(severity: rating.child("severity")?.value, score: rating.child("score").flatMap { Double($0.value) },
                           method: rating.child("method")?.value, vector: rating.child("vector")?.value)
                },
                cwes: (element.child("cwes")?.children("cwe") ?? []).compactMap { ReportValues.cwe($0.value) },
                description: element.child("description")?.value ?? element.child("detail")?.value ?? "",
                recommendation: element.child("recommendation")?.value,
                advisories: (element.child("advisories")?.children("advisory") ?? []).compactMap { $0.child("url")?.value },
                affects: (element.child("affects")?.children("target") ?? []).compactMap { $0.child("ref")?.value },
                analysisState: element.path("analysis", "state")?.value, justification: element.path("analysis", "justification")?.value))
        }
        return bom
    }

    /// The 1.0 vulnerability extension's `<v:vulnerability>`: score in `<v:score><v:base>`, advisories as text.
    static func extensionVulnerability(_ element: XMLTree, affects ref: String) -> Vulnerability {
        Vulnerability(
            id: element.child("id")?.value ?? "unknown", source: element.child("source")?.attributes["name"],
            ratings: (element.child("ratings")?.children("rating") ?? []).map { rating in
                Rating(severity: rating.child("severity")?.value, score: rating.path("score", "base").flatMap { Double($0.value) },
                       method: rating.child("method")?.value, vector: rating.child("vector")?.value)
            },
            cwes: (element.child("cwes")?.children("cwe") ?? []).compactMap { ReportValues.cwe($0.value) },
            description: element.child("description")?.value ?? "",
            recommendation: element.child("recommendations")?.children("recommendation").first?.value,
            advisories: (element.child("advisories")?.children("advisory") ?? []).map(\.value) + [element.path("source", "url")?.value].compactMap { $0 },
            affects: [ref])
    }
}

extension String {
    fileprivate var removingPercentEncodingIfPossible: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
