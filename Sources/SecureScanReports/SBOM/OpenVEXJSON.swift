import Foundation
import SecureScanCore

/// `vex.openvex.json`: the run's verdict on each vulnerability found in a package, as OpenVEX 0.2.0
/// (``OpenVEXDocument``). Written when the run has such a vulnerability (OpenVEX needs one statement).
public struct OpenVEXJSON: OutputFormat {
    public let id = "openvex"
    public let fileName = "vex.openvex.json"
    public let mediaType = "application/json"
    public let kind = ArtifactKind.sbom
    public let aliases = ["vex"]

    public init() {}

    public func applies(to report: RunReport) -> Bool {
        report.findings.contains { OpenVEXDocument.vulnerablePackage($0) != nil }
            || report.diff.fixed.contains { OpenVEXDocument.vulnerablePackage($0) != nil }
    }

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        sink.write(try StableJSON.data(OpenVEXDocument(report), format: fileName))
    }
}
