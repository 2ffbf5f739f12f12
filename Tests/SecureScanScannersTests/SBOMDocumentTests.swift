import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanScanners

/// SBOM documents in a tree are inventories: real CycloneDX (JSON, XML) and SPDX 2.3 (JSON, tag-value)
/// documents, their packages located in the document, one that is neither a note naming it.
@Suite struct SBOMDocumentTests {
    @Test func documentsInATreeJoinTheCatalog() async throws {
        let directory = try Fixtures.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copies = [
            ("sbom-documents/juice-shop-11.1.2.bom.json", "image/bom.json"),
            ("sbom-documents/SPDXJSONExample-v2.3.spdx.json", "docs/example.spdx.json"),
            ("sbom-documents/SPDXTagExample-v2.3.spdx", "docs/example.spdx"),
            ("reports/defectdojo/cyclonedx/log4j.xml", "third-party/log4j.cdx.xml"),
        ]
        for (source, destination) in copies {
            let target = directory.appendingPathComponent(destination)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Fixtures.url(source), to: target)
        }
        try Fixtures.write(["broken.cdx.json": #"{"name": "not a bom"}"#, "package.json": #"{"name": "app"}"#], under: directory)
        let root = try TreeWalker.resolveRoot(directory.path)
        let tree = try TreeWalker(excludes: try PathPatternSet(TreeWalker.defaultExcludes), maxFileSize: 8 << 20).walk(root: root)
        let observations = try await DependenciesScanner().scan(ScanTarget(name: "t", root: root, tree: tree))
        let byDocument = Dictionary(grouping: observations.components, by: \.manifestPath)
        #expect(byDocument["image/bom.json"]?.count == 840)
        #expect(byDocument["image/bom.json"]?.contains { $0.purl == "pkg:npm/body-parser@1.19.0" && $0.ecosystem == "npm" && $0.name == "body-parser" } == true)
        for document in ["docs/example.spdx.json", "docs/example.spdx"] {
            let components = try #require(byDocument[document])
            #expect(components.map(\.purl) == ["pkg:maven/org.apache.jena/apache-jena@3.12.0"])
            #expect(components.first?.name == "org.apache.jena:apache-jena" && components.first?.version == "3.12.0" && components.first?.ecosystem == "Maven")
        }
        #expect(byDocument["third-party/log4j.cdx.xml"]?.contains { $0.purl.hasPrefix("pkg:maven/org.apache.logging.log4j/log4j-core@2.13.2") } == true, "\(observations.notes) \(byDocument.keys.sorted())")
        #expect(observations.notes.contains { $0.contains("broken.cdx.json") && $0.contains("neither a CycloneDX") }, "\(observations.notes)")
    }
}
