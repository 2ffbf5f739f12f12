import Foundation
import Testing
import TestSupport
@testable import SecureScanCore
@testable import SecureScanReports

/// report.html: golden file, escaping of hostile text, safe links, determinism, trend chart.
@Suite struct HTMLReportTests {
    static let history = [
        RunTrendPoint(runID: "20261127T000000Z-111111", finishedAt: "2026-11-27T00:00:05Z", counts: SeverityCounts([]), riskScore: 0),
        RunTrendPoint(runID: "20261128T000000Z-000000", finishedAt: "2026-11-28T00:00:05Z",
                      counts: SeverityCounts([Finding.sample(severity: .high), Finding.sample(severity: .critical)]), riskScore: 42.5),
    ]

    func render(_ report: RunReport = .sample(), history: [RunTrendPoint] = HTMLReportTests.history) async throws -> String {
        let templates = try await TemplateLibrary.load(from: Fixtures.repositoryRoot.appendingPathComponent("templates").path)
        return String(decoding: try HTMLReport().render(report, context: RenderContext(templates: templates, history: history)), as: UTF8.self)
    }

    @Test func matchesItsGoldenFile() async throws {
        assertGolden(try await render(), named: "report.html")
    }

    @Test func reRenderingGivesTheSameBytes() async throws {
        #expect(try await render() == render())
    }

    @Test func hostileTitlesPathsAndDescriptionsCannotInjectMarkup() async throws {
        var report = RunReport.sample()
        report.target.name = "<script>alert('target')</script>"
        report.target.branch = "\"><img src=x onerror=alert(1)>"
        var finding = Finding.sample(scanner: "dockerfile", rule: "x\"><svg onload=alert(2)>", severity: .critical,
                                     path: "<img src=x onerror=alert(3)>.py", title: "</title><script>alert(4)</script>")
        finding.description = "</pre></details><script>alert(5)</script>"
        finding.evidence = "</pre><script>alert(6)</script>"
        finding.remediation = "<a href=javascript:alert(7)>click</a>"
        finding.references = ["javascript:alert(8)", "data:text/html,<script>alert(9)</script>", "https://example.com/advisory?a=1&b=\"2\""]
        finding.cwes = ["CWE-79\"><script>alert(10)</script>"]
        report.findings.append(finding)
        let html = try await render(report)
        // Exactly one script element: the report's own filter script.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<svg onload"))
        // Hostile URLs appear only as escaped text, never as a link target.
        #expect(!html.contains("href=\"javascript:") && !html.contains("<a href=javascript:"))
        #expect(!html.contains("href=\"data:"))
        #expect(html.contains("&lt;a href=javascript:alert(7)&gt;click&lt;/a&gt;"))
        #expect(html.contains("&lt;script&gt;alert(&#39;target&#39;)&lt;/script&gt;"))
        #expect(html.contains("href=\"https://example.com/advisory?a=1&amp;b=&quot;2&quot;\""))
    }

    /// Known exploited vulnerabilities come first within their severity, tagged with their due date and
    /// ransomware use; EPSS probabilities are shown and order the rest.
    @Test func exploitedVulnerabilitiesAreTaggedAndComeFirst() async throws {
        var report = RunReport.sample()
        let severity = report.findings[report.findings.count - 1].severity
        let sameSeverity = report.findings.indices.filter { report.findings[$0].severity == severity }
        let last = try #require(sameSeverity.last)
        report.findings[last].properties = KnownExploited.properties(
            .init(cve: "CVE-2021-44228", name: "Log4Shell", dateAdded: "2021-12-10", dueDate: "2021-12-24", ransomware: true))
            .merging(ExploitPrediction.properties(.init(probability: 0.94358, percentile: 0.99957), date: "2025-08-25")) { $1 }
        let html = try await render(report)
        #expect(html.contains("<span class=\"tag kev\">known exploited · due 2021-12-24 · ransomware</span> <span class=\"tag epss\">EPSS 94.4 %</span>"))
        if sameSeverity.count > 1 {
            let tagged = try #require(html.range(of: "id=\"\(HTMLReportView.item(report.findings[last]).anchor)\""))
            let firstOther = try #require(html.range(of: "id=\"\(HTMLReportView.item(report.findings[sameSeverity[0]]).anchor)\""))
            #expect(tagged.lowerBound < firstOther.lowerBound, "the known exploited finding is not listed first in its severity")
        }
    }

    @Test func theReportIsSelfContained() async throws {
        let html = try await render()
        for pattern in ["<link ", "src=\"http", "src='http", "@import", "url(http"] {
            #expect(!html.contains(pattern), "\(pattern)")
        }
        #expect(html.contains("Content-Security-Policy"))
    }

    @Test func everySectionIsThere() async throws {
        let html = try await render()
        for id in ["summary", "changes", "findings", "scanners", "sbom", "compliance"] {
            #expect(html.contains("<section id=\"\(id)\">"), "\(id)")
        }
        #expect(html.contains("Open findings and risk score over the last 3 runs"))
        #expect(html.contains("OWASP Top 10 2025"))
        #expect(html.contains("suppressed (config): batch job, until 2027-01-31"))
        #expect(html.contains("https://cwe.mitre.org/data/definitions/798.html"))
        #expect(html.contains("install: pip install semgrep"))
    }

    @Test func svgNumbersAreLocaleFreeAndShort() {
        #expect(SVGChart.number(12) == "12")
        #expect(SVGChart.number(12.04) == "12")
        #expect(SVGChart.number(12.25) == "12.3")
        #expect(SVGChart.number(0.5) == "0.5")
    }
}
