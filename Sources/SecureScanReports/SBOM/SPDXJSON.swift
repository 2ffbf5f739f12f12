import Foundation
import SecureScanCore

/// `sbom.spdx.json`: the run's components as an SPDX 2.3 JSON document.
public struct SPDXJSON: OutputFormat {
    public let id = "spdx-json"
    public let fileName = "sbom.spdx.json"
    public let mediaType = "application/spdx+json"
    public let kind = ArtifactKind.sbom
    public let aliases = ["spdx"]

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        sink.write(try document(report, context: context))
    }

    func document(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        try StableJSON.data(SPDXDocument(report), format: fileName)
    }
}
