import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanReports

/// report.pdf read back with poppler: the same counts and findings as the HTML, page numbers and contents,
/// embedded fonts, byte-identical re-renders, hostile text drawn as text.
@Suite(.serialized) struct PDFReportTests {
    static func pdfText(_ data: Data) async throws -> String {
        let directory = try Fixtures.makeTemporaryDirectory("pdf")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.pdf")
        try data.write(to: file)
        let result = try await ExternalCommand.run("/usr/bin/pdftotext", ["-layout", file.path, "-"])
        #expect(result.status == 0, "\(result.output)")
        return result.output
    }

    static func pdfTool(_ tool: String, _ data: Data) async throws -> String {
        let directory = try Fixtures.makeTemporaryDirectory("pdf")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.pdf")
        try data.write(to: file)
        return try await ExternalCommand.run("/usr/bin/\(tool)", [file.path]).output
    }

    func render(_ report: RunReport = .sample()) throws -> Data {
        try PDFReport().render(report, context: RenderContext(templates: nil, history: HTMLReportTests.history))
    }

    /// The PDF's text, as poppler lays it out, against its golden file: what a reader sees, page by page.
    @Test func theTextMatchesItsGoldenFile() async throws {
        assertGolden(try await Self.pdfText(try render()), named: "report.pdf.txt")
    }

    @Test func thePDFCarriesTheSameCountsAndFindingsAsTheHTML() async throws {
        let report = RunReport.sample()
        let text = try await Self.pdfText(try render(report))
        let templates = try await TemplateLibrary.load(from: Fixtures.repositoryRoot.appendingPathComponent("templates").path)
        let html = String(decoding: try HTMLReport().render(report, context: RenderContext(templates: templates)), as: UTF8.self)
        for finding in report.findings {
            #expect(text.contains(finding.title), "PDF lacks \(finding.title)")
            #expect(html.contains(finding.title), "HTML lacks \(finding.title)")
        }
        let counts = report.counts
        for severity in Severity.descending {
            // The summary table row: severity, open count.
            let row = text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(severity.rawValue + " ") }
            #expect(row?.split(separator: " ").dropFirst().first.map(String.init) == String(counts[severity]), "\(severity): \(row ?? "none")")
            #expect(html.contains("<div class=\"muted\">\(severity.rawValue.capitalized)</div><div class=\"n\">\(counts[severity])</div>"))
        }
        #expect(text.contains("\(counts.total) open findings"))
    }

    @Test func pagesAreNumberedAndTheContentsPointAtThem() async throws {
        let data = try render()
        let text = try await Self.pdfText(data)
        let info = try await Self.pdfTool("pdfinfo", data)
        let pages = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last!) })
        #expect(text.contains("Page 1 of \(pages)") && text.contains("Page \(pages) of \(pages)"))
        // Each section starts on the page the contents give for it.
        let pageTexts = text.components(separatedBy: "\u{0C}")
        for section in ["Executive summary", "Findings", "Compliance coverage"] {
            let line = try #require(pageTexts[1].split(separator: "\n").first { $0.hasPrefix(section) })
            let page = try #require(Int(line.split(separator: " ").last!))
            #expect(pageTexts[page - 1].contains(section), "\(section) is not on page \(page)")
        }
        #expect(info.contains("Title:           SecureScan report: demo"))
    }

    @Test func fontsAreEmbedded() async throws {
        let fonts = try await Self.pdfTool("pdffonts", try render())
        let rows = fonts.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty)
        for row in rows { #expect(row.contains(" yes yes yes "), "\(row)") }
    }

    @Test func reRenderingGivesTheSameBytes() throws {
        #expect(try render() == render())
    }

    @Test func longTablesContinueWithTheirHeader() async throws {
        var report = RunReport.sample()
        for index in 0..<120 {
            report.findings.append(Finding.sample(scanner: "secrets", rule: "rule-\(index)", severity: .medium, path: "src/file\(index).py",
                                                  identity: .secret(valueDigest: "d\(index)"), title: "Finding number \(index)"))
        }
        let text = try await Self.pdfText(try render(report))
        let pages = text.components(separatedBy: "\u{0C}")
        let withHeader = pages.filter { $0.contains("Severity") && $0.contains("Finding") && $0.contains("Status") }
        #expect(withHeader.count >= 3, "the findings table should span pages, each with its header")
        #expect(text.contains("Finding number 0") && text.contains("Finding number 119"))
    }

    @Test func hostileTextIsDrawnAsText() async throws {
        var report = RunReport.sample()
        var finding = Finding.sample(severity: .critical, title: "<b>bold?</b> & <span foreground='red'>x</span>")
        finding.description = "</span><markup & \"quotes\" 'single'"
        report.findings.append(finding)
        let text = try await Self.pdfText(try render(report))
        #expect(text.contains("<b>bold?</b> & <span foreground='red'>x</span>"))
        #expect(text.contains("</span><markup & \"quotes\" 'single'"))
    }
}
