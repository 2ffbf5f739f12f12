import Foundation
import SecureScanCore

/// `report.html`: the run for people, in one self-contained file (inline CSS, inline SVG charts, no
/// network, readable without JavaScript). Rendered from `templates/report.html.mustache`; every value
/// reaches the page through Mustache's HTML escaping, and the only raw markup inserted is the SVG this
/// module builds from escaped labels.
public struct HTMLReport: OutputFormat {
    public let id = "html"
    public let fileName = "report.html"
    public let mediaType = "text/html"
    public let usesTemplates = true

    public init() {}

    public func render(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        guard let templates = context.templates else { throw .templatesNotFound(searched: []) }
        return Data(try templates.render(HTMLReportView(report: report, history: context.history, compliance: context.compliance.coverage(of: report)), template: "report.html").utf8)
    }
}
