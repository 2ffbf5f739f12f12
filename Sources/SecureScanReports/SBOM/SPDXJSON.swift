import Foundation
import SecureScanCore

/// `sbom.spdx.json`: the run's components as an SPDX 2.3 JSON document.
public struct SPDXJSON: OutputFormat {
    public let id = "spdx-json"
    public let fileName = "sbom.spdx.json"
    public let mediaType = "application/spdx+json"

    public init() {}

    public func render(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        try StableJSON.data(SPDXDocument(report), format: fileName)
    }
}
