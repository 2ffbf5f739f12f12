import Foundation
import SecureScanCore

/// `sbom.cdx.json`: the run's components as a CycloneDX BOM (1.6, or 1.5 when asked), with the
/// dependency graph and the dependency vulnerabilities found (VDR).
public struct CycloneDXJSON: OutputFormat {
    public let id = "cyclonedx-json"
    public let fileName = "sbom.cdx.json"
    public let mediaType = "application/vnd.cyclonedx+json"
    public let kind = ArtifactKind.sbom
    public let aliases = ["cyclonedx"]

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        sink.write(try document(report, context: context))
    }

    func document(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        try StableJSON.data(CycloneDXDocument(report, version: context.cycloneDXVersion), format: fileName)
    }
}
