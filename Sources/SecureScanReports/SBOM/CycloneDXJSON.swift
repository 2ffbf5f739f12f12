import Foundation
import SecureScanCore

/// `sbom.cdx.json`: the run's components as a CycloneDX BOM (1.6, or 1.5 when asked), with the
/// dependency graph and the dependency vulnerabilities found (VDR).
public struct CycloneDXJSON: OutputFormat {
    public let id = "cyclonedx-json"
    public let fileName = "sbom.cdx.json"
    public let mediaType = "application/vnd.cyclonedx+json"

    public init() {}

    public func render(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        try StableJSON.data(CycloneDXDocument(report, version: context.cycloneDXVersion), format: fileName)
    }
}
