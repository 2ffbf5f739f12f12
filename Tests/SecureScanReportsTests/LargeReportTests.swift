import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanReports

/// Large runs: the streaming JSON writer matches JSONEncoder byte for byte, and the HTML and PDF reports
/// stay bounded (detail first, then rows, then counts by rule) however many findings there are.
@Suite struct LargeReportTests {
    static let awkward = ["", "plain", "a/b", "quote \" and \\ backslash", "tab\tnew\nline\r", "\u{1}\u{1f}\u{7f}", "é 漢字 🙂",
                          "</script>", "\u{2028}\u{2029}", "emoji 👩‍💻 flag"]

    static func random(_ depth: Int, _ generator: inout some RandomNumberGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator) {
        case 0: return .string(awkward.randomElement(using: &generator)!)
        case 1: return .int(Int.random(in: -1_000_000...1_000_000, using: &generator))
        case 2: return .double([0.1, 3, -2.5, 1e-7, 1e21, 123456789012.5, 100, 0].randomElement(using: &generator)!)
        case 3: return .bool(Bool.random(using: &generator))
        case 4: return .null
        case 5: return .array((0..<Int.random(in: 0...3, using: &generator)).map { _ in random(depth + 1, &generator) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                object[["a", "b_c", "bc", "z", "_x", "A", "key", "ké"].randomElement(using: &generator)!] = random(depth + 1, &generator)
            }
            return .object(object)
        }
    }

    @Test func theJSONWriterWritesWhatJSONEncoderWrites() throws {
        var generator = SeededGenerator(state: 15)
        for _ in 0..<500 {
            let value = JSONValue.object(["root": Self.random(0, &generator), "list": .array([Self.random(1, &generator)])])
            let expected = try StableJSON.data(value, format: "test")
            let sink = ArtifactSink.memory(name: "test")
            var json = PrettyJSONWriter(sink)
            value.write(to: &json)
            json.finishDocument()
            let summary = try sink.finish()
            #expect(String(decoding: sink.data, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
            #expect(summary.bytes == expected.count)
        }
    }

    @Test func encodableValuesAreReindentedWhereTheyGo() throws {
        let value = ["outer": ["inner": [String]()], "list": ["a": ["x"]]]
        let sink = ArtifactSink.memory(name: "test")
        var json = PrettyJSONWriter(sink)
        json.beginObject()
        json.key("nested")
        json.beginArray()
        try json.encodable(value, format: "test")
        json.endArray()
        json.endObject()
        json.finishDocument()
        _ = try sink.finish()
        let expected = try StableJSON.data(["nested": [value]], format: "test")
        #expect(String(decoding: sink.data, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test func aFileSinkHashesWhatItWrites() throws {
        let directory = try Fixtures.makeTemporaryDirectory("sink")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("big.bin")
        let sink = try ArtifactSink.file(url)
        let chunk = [UInt8](repeating: 0x61, count: 100_000)
        for _ in 0..<5 { sink.write(chunk) }
        sink.write("end")
        let summary = try sink.finish()
        let data = try Data(contentsOf: url)
        #expect(summary.bytes == 500_003 && data.count == 500_003)
        #expect(summary.sha256 == Manifest.Artifact(path: "x", data: data, mediaType: "x").sha256)
        #expect(throws: ReportsError.self) { try ArtifactSink.file(directory.appendingPathComponent("missing/dir/file")) }
    }

    @Test func aSmallRunListsEveryFindingInDetail() {
        let list = HTMLFindingList(report: .large(600))
        #expect(list.detailCount == 600 && list.rowCount == 0)
    }

    @Test func aLargeRunsHTMLShowsSevereFindingsInDetailThenRowsThenRuleCounts() throws {
        let report = RunReport.large(12_000)
        let list = HTMLFindingList(report: report)
        #expect(list.detailCount == HTMLFindingList.detailLimit)
        #expect(list.detailCount + list.rowCount == HTMLFindingList.rowLimit)
        // Only open critical and high findings are shown in detail.
        for (finding, presentation) in zip(report.findings, list.presentation) where presentation == .detail {
            #expect(finding.isOpen && finding.severity >= .high)
        }
        let sink = ArtifactSink.memory(name: "list")
        list.write(to: sink)
        _ = try sink.finish()
        let html = String(decoding: sink.data, as: UTF8.self)
        #expect(html.contains("12000 findings: 1000 in detail (open critical and high first), 9000 as one-line rows, 2000 counted by rule."))
        #expect(html.components(separatedBy: "<details class=\"finding").count - 1 == 1000)
        #expect(html.components(separatedBy: "<tr class=\"finding-row").count - 1 == 9000)
        #expect(html.contains("more, counted by rule:"))
        #expect(html.contains("findings.json"))
    }

    @Test func findingTextIsEscapedInTheList() throws {
        var report = RunReport.large(3)
        report.findings[0].title = "<script>alert('x')</script> & \"q\""
        let sink = ArtifactSink.memory(name: "list")
        HTMLFindingList(report: report).write(to: sink)
        _ = try sink.finish()
        let html = String(decoding: sink.data, as: UTF8.self)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"))
    }

    @Test func theHTMLReportSplicesTheListIntoTheTemplate() async throws {
        let templates = try await TemplateLibrary.load(from: Fixtures.repositoryRoot.appendingPathComponent("templates").path)
        let html = String(decoding: try HTMLReport().render(.large(1_200), context: RenderContext(templates: templates)), as: UTF8.self)
        #expect(!html.contains(HTMLReport.listMarker))
        #expect(html.contains("<section id=\"findings\">") && html.contains("1200 findings: "))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func aTemplateWithoutTheFindingListIsRefusedByName() async throws {
        let directory = try Fixtures.makeTemporaryDirectory("templates")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("<html>{{#groups}}{{title}}{{/groups}}</html>\n".utf8).write(to: directory.appendingPathComponent("report.html.mustache"))
        let templates = try await TemplateLibrary.load(from: directory.path)
        #expect(throws: ReportsError.templateInvalid(
            file: directory.path + "/report.html.mustache",
            reason: "it must place the finding list with {{{findingList}}} (it replaced {{#groups}} in SecureScan 0.1)")) {
            _ = try HTMLReport().render(.large(3), context: RenderContext(templates: templates))
        }
    }

    @Test func aLargeRunsPDFKeepsToItsPageBudget() async throws {
        // Every "what changed" group full (new, reopened, fixed), at the smallest budget the config allows.
        let report = RunReport.large(4_000, changed: 300)
        let budget = ScanConfig.minimumPDFMaxPages
        let data = try PDFReport().render(report, context: RenderContext(templates: nil, pdfMaxPages: budget))
        let info = try await PDFReportTests.pdfTool("pdfinfo", data)
        let pages = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last!) })
        #expect(pages <= budget, "\(pages) pages")
        let text = try await PDFReportTests.pdfText(data)
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("of 4000 findings shown in detail"), "the cover says how many are in detail")
        #expect(flat.contains("Every finding is in findings.json"))
        #expect(flat.contains("One line per finding"))
        #expect(flat.contains("Counted by rule"))
        // The first findings in detail are the open critical ones.
        #expect(flat.contains("Finding number 6 "))
    }
}

extension JSONValue {
    /// The value through ``PrettyJSONWriter``, keys sorted as JSONEncoder sorts them.
    func write(to json: inout PrettyJSONWriter) {
        switch self {
        case .null: json.null()
        case .string(let value): json.string(value)
        case .int(let value): json.int(value)
        case .double(let value): json.double(value)
        case .bool(let value): json.bool(value)
        case .array(let values):
            json.beginArray()
            for value in values { value.write(to: &json) }
            json.endArray()
        case .object(let values):
            json.beginObject()
            for key in values.keys.sorted() {
                json.key(key)
                values[key]!.write(to: &json)
            }
            json.endObject()
        }
    }
}
