import Foundation
import SecureScanCore

/// `report.html`: the run for people, in one self-contained file (inline CSS, inline SVG charts, no
/// network, readable without JavaScript). The page comes from `templates/report.html.mustache`, where every
/// value goes through Mustache's HTML escaping; the finding list (``HTMLFindingList``, bounded for large
/// runs) is streamed in where the template places `{{{findingList}}}`, escaped by ``HTMLWriter``. The
/// only other raw markup is the SVG this module builds from escaped labels.
public struct HTMLReport: OutputFormat {
    public let id = "html"
    public let fileName = "report.html"
    public let mediaType = "text/html"
    public let usesTemplates = true
    /// Stands for the finding list in the rendered page; never produced by escaped text (it holds `<`).
    static let listMarker = "<!--securescan:finding-list-->"

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        guard let templates = context.templates else { throw .templatesNotFound(searched: []) }
        let view = HTMLReportView(report: report, history: context.history, compliance: context.compliance.coverage(of: report),
                                  findingList: Self.listMarker)
        let page = try templates.render(view, template: "report.html")
        // A template that leaves the list out (one written for the older `{{#groups}}` list, say) would
        // publish a report without its findings: refused, with what to write instead.
        guard let marker = page.range(of: Self.listMarker) else {
            throw .templateInvalid(file: templates.directory + "/report.html.mustache",
                                   reason: "it must place the finding list with {{{findingList}}} (it replaced {{#groups}} in SecureScan 0.1)")
        }
        sink.write(page[..<marker.lowerBound])
        HTMLFindingList(report: report).write(to: sink)
        sink.write(page[marker.upperBound...])
    }
}
