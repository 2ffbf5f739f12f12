import Foundation
import SecureScanCore

/// `sbom.cdx.xml`: the same BOM as ``CycloneDXJSON`` in CycloneDX's XML form, elements in the order the
/// XSD's sequences require.
public struct CycloneDXXML: OutputFormat {
    public let id = "cyclonedx-xml"
    public let fileName = "sbom.cdx.xml"
    public let mediaType = "application/vnd.cyclonedx+xml"
    public let kind = ArtifactKind.sbom

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        sink.write(try document(report, context: context))
    }

    func document(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        let version = context.cycloneDXVersion
        let document = CycloneDXDocument(report, version: version)
        var xml = XMLWriter()
        xml.start("bom", [("xmlns", version.xmlNamespace), ("serialNumber", document.serialNumber), ("version", "\(document.version)")])
        xml.start("metadata")
        xml.element("timestamp", document.metadata.timestamp)
        xml.start("tools")
        xml.start("components")
        for tool in document.metadata.tools.components { Self.write(tool, to: &xml) }
        xml.end()
        xml.end()
        Self.write(document.metadata.component, to: &xml)
        Self.write(document.metadata.properties, to: &xml)
        xml.end()
        xml.start("components")
        for component in document.components { Self.write(component, to: &xml) }
        xml.end()
        xml.start("dependencies")
        for dependency in document.dependencies {
            if dependency.dependsOn.isEmpty {
                xml.empty("dependency", [("ref", dependency.ref)])
            } else {
                xml.start("dependency", [("ref", dependency.ref)])
                for target in dependency.dependsOn { xml.empty("dependency", [("ref", target)]) }
                xml.end()
            }
        }
        xml.end()
        if let vulnerabilities = document.vulnerabilities {
            xml.start("vulnerabilities")
            for vulnerability in vulnerabilities { Self.write(vulnerability, to: &xml) }
            xml.end()
        }
        xml.end()
        return Data(xml.text.utf8)
    }

    static func write(_ component: CycloneDXDocument.Component, to xml: inout XMLWriter) {
        var attributes = [("type", component.type)]
        if let bomRef = component.bomRef { attributes.append(("bom-ref", bomRef)) }
        xml.start("component", attributes)
        if let supplier = component.supplier {
            xml.start("supplier")
            xml.element("name", supplier.name)
            xml.end()
        }
        if let group = component.group { xml.element("group", group) }
        xml.element("name", component.name)
        if let version = component.version { xml.element("version", version) }
        if let scope = component.scope { xml.element("scope", scope) }
        if let hashes = component.hashes {
            xml.start("hashes")
            for hash in hashes { xml.element("hash", hash.content, [("alg", hash.alg)]) }
            xml.end()
        }
        if let licenses = component.licenses {
            xml.start("licenses")
            for license in licenses {
                switch license {
                case .expression(let expression): xml.element("expression", expression)
                case .id(let id):
                    xml.start("license")
                    xml.element("id", id)
                    xml.end()
                case .name(let name):
                    xml.start("license")
                    xml.element("name", name)
                    xml.end()
                }
            }
            xml.end()
        }
        if let purl = component.purl { xml.element("purl", purl) }
        if let properties = component.properties { write(properties, to: &xml) }
        if let evidence = component.evidence {
            xml.start("evidence")
            xml.start("occurrences")
            for occurrence in evidence.occurrences {
                xml.start("occurrence")
                xml.element("location", occurrence.location)
                xml.end()
            }
            xml.end()
            xml.end()
        }
        xml.end()
    }

    static func write(_ properties: [CycloneDXDocument.Property], to xml: inout XMLWriter) {
        guard !properties.isEmpty else { return }
        xml.start("properties")
        for property in properties { xml.element("property", property.value, [("name", property.name)]) }
        xml.end()
    }

    static func write(_ vulnerability: CycloneDXDocument.Vulnerability, to xml: inout XMLWriter) {
        xml.start("vulnerability", [("bom-ref", vulnerability.bomRef)])
        xml.element("id", vulnerability.id)
        if let source = vulnerability.source { write(source, named: "source", to: &xml) }
        if let references = vulnerability.references {
            xml.start("references")
            for reference in references {
                xml.start("reference")
                xml.element("id", reference.id)
                write(reference.source, named: "source", to: &xml)
                xml.end()
            }
            xml.end()
        }
        if let ratings = vulnerability.ratings {
            xml.start("ratings")
            for rating in ratings {
                xml.start("rating")
                if let source = rating.source { write(source, named: "source", to: &xml) }
                if let score = rating.score { xml.element("score", String(score)) }
                xml.element("severity", rating.severity)
                if let method = rating.method { xml.element("method", method) }
                if let vector = rating.vector { xml.element("vector", vector) }
                xml.end()
            }
            xml.end()
        }
        if let cwes = vulnerability.cwes {
            xml.start("cwes")
            for cwe in cwes { xml.element("cwe", String(cwe)) }
            xml.end()
        }
        if let description = vulnerability.description { xml.element("description", description) }
        if let recommendation = vulnerability.recommendation { xml.element("recommendation", recommendation) }
        if let advisories = vulnerability.advisories {
            xml.start("advisories")
            for advisory in advisories {
                xml.start("advisory")
                xml.element("url", advisory.url)
                xml.end()
            }
            xml.end()
        }
        if let analysis = vulnerability.analysis {
            xml.start("analysis")
            xml.element("state", analysis.state)
            if let justification = analysis.justification { xml.element("justification", justification) }
            if let responses = analysis.response {
                xml.start("responses")
                for response in responses { xml.element("response", response) }
                xml.end()
            }
            if let detail = analysis.detail { xml.element("detail", detail) }
            xml.end()
        }
        xml.start("affects")
        for affect in vulnerability.affects {
            xml.start("target")
            xml.element("ref", affect.ref)
            xml.end()
        }
        xml.end()
        xml.end()
    }

    static func write(_ source: CycloneDXDocument.Source, named name: String, to xml: inout XMLWriter) {
        xml.start(name)
        xml.element("name", source.name)
        if let url = source.url { xml.element("url", url) }
        xml.end()
    }
}
