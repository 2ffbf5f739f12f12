import Foundation
import SecureScanCore

/// A way to write a run: a `--format` name, a file name, a media type and a renderer.
///
/// To add one: write `Sources/SecureScanReports/<Name>.swift` conforming to this protocol and list it
/// in ``Formats/all``; `--format` and the API's `?format=` both read that list.
public protocol OutputFormat: Sendable {
    /// The `--format` value. Stable.
    var id: String { get }
    /// The artifact's file name inside a run directory.
    var fileName: String { get }
    var mediaType: String { get }
    /// Whether rendering needs the Mustache templates (so they are only looked up when used).
    var usesTemplates: Bool { get }
    func render(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data
}

extension OutputFormat {
    public var usesTemplates: Bool { false }
}

/// What renderers may need besides the report.
public struct RenderContext: Sendable {
    /// Loaded Mustache templates, for the formats that use them.
    public var templates: TemplateLibrary?
    /// The CycloneDX version SBOMs are written in.
    public var cycloneDXVersion: CycloneDXVersion
    /// The target's earlier runs, oldest first, for trend charts.
    public var history: [RunTrendPoint]
    /// Compliance coverage, computed once for all the formats of one render.
    public let compliance = ComplianceCache()

    public init(templates: TemplateLibrary?, cycloneDXVersion: CycloneDXVersion = .default, history: [RunTrendPoint] = []) {
        self.templates = templates
        self.cycloneDXVersion = cycloneDXVersion
        self.history = history
    }
}

/// Every artifact format, in the order they are written.
public enum Formats {
    public static let all: [any OutputFormat] = [
        FindingsJSON(),
        SARIFFormat(),
        DiffJSON(),
        SummaryMarkdown(),
        CycloneDXJSON(),
        CycloneDXXML(),
        SPDXJSON(),
        SPDXTagValue(),
        ComplianceJSON(),
        ComplianceCSV(),
        HTMLReport(),
        PDFReport(),
    ]

    public static var ids: [String] { all.map(\.id) }

    public static func named(_ id: String) -> (any OutputFormat)? { all.first { $0.id == id } }
}
