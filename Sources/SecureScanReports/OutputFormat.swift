import Foundation
import SecureScanCore

/// What an artifact is for: a report of the findings, or a bill of materials.
public enum ArtifactKind: String, Sendable, CaseIterable {
    /// Served by `GET /scans/{id}/report`.
    case report
    /// Served by `GET /scans/{id}/sbom` and written by `securescan sbom`.
    case sbom
}

/// A way to write a run: a `--format` name, a file name, a media type, its kind and a writer.
///
/// To add one: write a type conforming to this protocol under `Sources/SecureScanReports/` and list it in
/// ``Formats/all``. `--format`, `securescan sbom --format`, the API's `?format=` (with ``aliases``) and the
/// pipeline all read that list.
public protocol OutputFormat: Sendable {
    /// The `--format` value. Stable.
    var id: String { get }
    /// The artifact's file name inside a run directory.
    var fileName: String { get }
    var mediaType: String { get }
    var kind: ArtifactKind { get }
    /// Other names the API's `?format=` accepts for this format.
    var aliases: [String] { get }
    /// Whether rendering needs the Mustache templates (so they are only looked up when used).
    var usesTemplates: Bool { get }
    /// Whether a run writes it when no `--format` is given. The CI formats (JUnit, GitLab Code Quality,
    /// the pull-request comment, CSV) are written when asked for.
    var writtenByDefault: Bool { get }
    /// Streams the artifact into `sink`; the caller finishes the sink.
    func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError)
    /// Whether the run has anything for this format (a VEX document needs a vulnerability); a run without
    /// it has no such file.
    func applies(to report: RunReport) -> Bool
}

extension OutputFormat {
    public var kind: ArtifactKind { .report }
    public var aliases: [String] { [] }
    public var usesTemplates: Bool { false }
    public var writtenByDefault: Bool { true }
    public func applies(to report: RunReport) -> Bool { true }

    /// The artifact in memory, for artifacts served on demand and for tests.
    public func render(_ report: RunReport, context: RenderContext) throws(ReportsError) -> Data {
        let sink = ArtifactSink.memory(name: fileName)
        try write(report, context: context, to: sink)
        _ = try sink.finish()
        return sink.data
    }
}

/// What renderers may need besides the report.
public struct RenderContext: Sendable {
    /// Loaded Mustache templates, for the formats that use them.
    public var templates: TemplateLibrary?
    /// The CycloneDX version SBOMs are written in.
    public var cycloneDXVersion: CycloneDXVersion
    /// The target's earlier runs, oldest first, for trend charts.
    public var history: [RunTrendPoint]
    /// The most pages `report.pdf` may have (`pdf.max_pages`).
    public var pdfMaxPages: Int
    /// Compliance coverage, computed once for all the formats of one render.
    public let compliance = ComplianceCache()
    /// The gate's policy, for the formats that mark the findings that fail it (JUnit).
    public var gatePolicy = GatePolicy()
    /// Where the scanned files are browsed, for links from the pull-request comment.
    public var sourceLinks: SourceLinks?
    /// For a change (`diff`): the head-side lines it adds or changes, by path, where review comments may sit.
    public var changedLines: [String: [ClosedRange<Int>]]?

    public init(templates: TemplateLibrary?, cycloneDXVersion: CycloneDXVersion = .default, history: [RunTrendPoint] = [],
                pdfMaxPages: Int = ScanConfig.defaultPDFMaxPages) {
        self.templates = templates
        self.cycloneDXVersion = cycloneDXVersion
        self.history = history
        self.pdfMaxPages = pdfMaxPages
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
        OpenVEXJSON(),
        ComplianceJSON(),
        ComplianceCSV(),
        HTMLReport(),
        PDFReport(),
        FindingsCSV(),
        JUnitFormat(),
        GitLabCodeQuality(),
        PRComment(),
        ReviewPayload(),
    ]

    public static var ids: [String] { all.map(\.id) }

    public static func named(_ id: String) -> (any OutputFormat)? { all.first { $0.id == id } }

    /// The formats `securescan sbom` writes: the bills of materials, not the VEX document (which needs the
    /// run's vulnerabilities).
    public static var catalogs: [any OutputFormat] { of(.sbom).filter { !($0 is OpenVEXJSON) } }

    /// The formats of one kind, in ``all``'s order.
    public static func of(_ kind: ArtifactKind) -> [any OutputFormat] { all.filter { $0.kind == kind } }

    /// The names `?format=` accepts for one kind (ids and aliases), each mapped to its format's id.
    public static func apiNames(_ kind: ArtifactKind) -> [String: String] {
        var names: [String: String] = [:]
        for format in of(kind) {
            names[format.id] = format.id
            for alias in format.aliases { names[alias] = format.id }
        }
        return names
    }
}
