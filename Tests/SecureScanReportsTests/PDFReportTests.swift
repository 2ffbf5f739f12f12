import CPangoCairo
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

    /// A page's text is drawn in one batch per font and colour, with its clusters: ligatures are copied
    /// out as the letters they stand for.
    @Test func ligaturesAreCopiedAsTheirLetters() async throws {
        var report = RunReport.sample()
        report.findings.append(Finding.sample(severity: .high, title: "Unverified file flag in office waffle"))
        let text = try await Self.pdfText(try render(report))
        #expect(text.contains("Unverified file flag in office waffle"))
        #expect(!text.unicodeScalars.contains { (0xFB00...0xFB06).contains($0.value) }, "a ligature was copied as one character")
    }

    /// A character no font has is drawn by Pango's own renderer (a box with its code), not the batch.
    @Test func aCharacterNoFontHasIsLeftToPango() async throws {
        let options = try #require(cairo_font_options_create())
        defer { cairo_font_options_destroy(options) }
        let canvas = PDFCanvas(fontOptions: options)
        var batch = PDFGlyphBatch()
        let blocks = (canvas.block("plain text"), canvas.block("private \u{F0000} use"))
        let added = withExtendedLifetime(blocks) {
            (batch.add(blocks.0.layout, x: 0, top: 0, color: (0, 0, 0)), batch.add(blocks.1.layout, x: 0, top: 0, color: (0, 0, 0)))
        }
        #expect(added.0 && !added.1)
        var report = RunReport.sample()
        report.findings.append(Finding.sample(severity: .high, title: "Private \u{F0000} use"))
        let data = try render(report)
        #expect(try await Self.pdfText(data).contains("Private"))
        #expect(try render(report) == data)
    }

    /// Plain text laid out after markup is not styled by the markup's attributes (which made table
    /// headers and headings come out in the previous cell's sizes).
    @Test func plainTextIsNotStyledByTheMarkupBeforeIt() throws {
        let options = try #require(cairo_font_options_create())
        defer { cairo_font_options_destroy(options) }
        let canvas = PDFCanvas(fontOptions: options)
        let style = PDFCanvas.Style(size: 8.5, bold: true)
        let width = canvas.block("Findings", style: style).width
        _ = canvas.block("<span size='xx-large'>Findings</span>", style: style, markup: true)
        #expect(canvas.block("Findings", style: style).width == width)
        #expect(canvas.measureWidth("Findings", style: PDFCanvas.Style(size: 8.5, bold: true)) == width)
    }

    /// Texts with nothing to escape skip GLib; every text comes out exactly as GLib escapes it.
    @Test func escapingGivesWhatGLibGives() {
        let texts = ["plain path/to/file.py:12", "a < b > c", "R&D", "\"q\" 'a'", "tab\there\nand\r", "bell\u{07}", "unit\u{1F}",
                     "del\u{7F}", "c1 \u{85} \u{9F}", "é ü 漢字 🙂", ""]
        for text in texts {
            let glib = g_markup_escape_text(text, -1).map { pointer in
                defer { g_free(pointer) }
                return String(cString: pointer)
            }
            #expect(PDFCanvas.escape(text) == glib, "\(text.debugDescription)")
        }
    }
}
