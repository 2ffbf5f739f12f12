import CPangoCairo
import Foundation
import SecureScanCore

/// `report.pdf`: the HTML report's content laid out for paper with cairo and Pango: cover, contents with
/// page numbers, page numbers in every footer, tables whose header repeats on each page, vector charts,
/// embedded (subset) DejaVu fonts, PDF bookmarks. Laid out once: the sections are drawn first, then the
/// cover and contents that report on them (``PDFDocument``). Deterministic: the PDF's dates are the run's
/// finish time, so the same run renders to the same bytes.
public struct PDFReport: OutputFormat {
    public let id = "pdf"
    public let fileName = "report.pdf"
    public let mediaType = "application/pdf"

    public init() {}

    public func write(_ report: RunReport, context: RenderContext, to sink: ArtifactSink) throws(ReportsError) {
        PDFComposer(report: report, history: context.history, compliance: context.compliance.coverage(of: report),
                    maxPages: context.pdfMaxPages).compose(into: sink)
    }
}

/// Lays out one report.
struct PDFComposer {

    let report: RunReport
    let history: [RunTrendPoint]
    let compliance: ComplianceCoverage
    /// The most pages the document may have; the findings section fits itself into what is left.
    let maxPages: Int

    /// The HTML report's severity colours, as cairo wants them.
    static let severityColors: [Severity: (Double, Double, Double)] = SVGChart.severityColors.mapValues(rgb)

    /// (r, g, b) in 0…1 from `#rrggbb`.
    static func rgb(_ hex: String) -> (Double, Double, Double) {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        return (Double(value >> 16 & 0xFF) / 255, Double(value >> 8 & 0xFF) / 255, Double(value & 0xFF) / 255)
    }
    static let muted = (0.28, 0.33, 0.41)
    /// Findings' descriptions are cut to this many characters in the table; the JSON artifacts keep all of it.
    static let descriptionLimit = 320
    /// Vulnerable packages listed; findings.json and the CycloneDX VDR have them all.
    static let vulnerableLimit = 200
    /// The cover and the contents: one page each, laid out after the sections they report on.
    static let frontPages = 2

    /// Lays the report out and writes it into `sink`.
    func compose(into sink: ArtifactSink) {
        let document = PDFDocument(title: "SecureScan report: \(report.target.name)", createdAt: report.finishedAt, output: sink)
        let body = document.canvas(firstPage: Self.frontPages + 1)
        var sections: [(title: String, page: Int)] = []
        var presented = PDFFindingBudget.Counts()
        for (index, (title, draw)) in ([
            ("Executive summary", summary), ("What changed", changes), ("Findings", { presented = findings($0) }),
            ("Scanner coverage", scanners), ("Components", components), ("Compliance coverage", compliance),
        ] as [(String, (PDFCanvas) -> Void)]).enumerated() {
            if index > 0 { body.newPage() }
            sections.append((title, body.page))
            body.bookmark(title)
            body.heading(title, size: 17)
            draw(body)
        }
        let cover = document.canvas()
        self.cover(cover, presented: presented)
        // A cover longer than a page (dozens of scanners) moves everything after it.
        let offset = cover.pages.count + 1 - Self.frontPages
        let contents = document.canvas(firstPage: cover.pages.count + 1)
        self.contents(contents, sections: sections.map { ($0.title, $0.page + offset) })
        let footerLeft = "SecureScan \(report.tool.version) · \(report.target.name) · run \(report.runID)"
        document.write([cover, contents, body], pageOffset: offset) { page, total in (footerLeft, "Page \(page) of \(total)") }
    }

    // MARK: Sections

    private func cover(_ canvas: PDFCanvas, presented counts: PDFFindingBudget.Counts) {
        canvas.fill(x: 0, y: 0, width: PDFCanvas.pageWidth, height: 230, color: (0.06, 0.09, 0.16))
        canvas.draw("Security audit report", x: PDFCanvas.margin, top: 60, width: PDFCanvas.contentWidth,
                    style: .init(size: 13, color: (0.8, 0.84, 0.9)))
        canvas.draw(report.target.name, x: PDFCanvas.margin, top: 84, width: PDFCanvas.contentWidth,
                    style: .init(size: 28, bold: true, color: (0.97, 0.98, 0.99)))
        let verdict = report.gate.passed ? "Gate: PASSED" : "Gate: FAILED"
        canvas.draw("\(verdict) · risk score \(SVGChart.number(report.riskScore)) of 100 (\(RiskScore.band(report.riskScore).rawValue))",
                    x: PDFCanvas.margin, top: 150, width: PDFCanvas.contentWidth, style: .init(size: 12, bold: true, color: (0.97, 0.98, 0.99)))
        if report.findings.count > 0 {
            let note = counts.detail == report.findings.count
                ? "All \(report.findings.count) findings are shown in detail."
                : "\(counts.detail) of \(report.findings.count) findings shown in detail, \(counts.rows) as one-line rows, "
                    + "\(counts.summarized) counted by rule. Every finding is in findings.json and findings.sarif."
            canvas.draw(note, x: PDFCanvas.margin, top: 176, width: PDFCanvas.contentWidth, style: .init(size: 9.5, color: (0.8, 0.84, 0.9)))
        }
        canvas.y = 260
        var rows: [[PDFTable.Cell]] = [
            [PDFTable.Cell("Run"), PDFTable.Cell(report.runID)],
            [PDFTable.Cell("Started"), PDFTable.Cell(report.startedAt)],
            [PDFTable.Cell("Finished"), PDFTable.Cell(report.finishedAt)],
        ]
        if let commit = report.target.commit { rows.append([PDFTable.Cell("Commit"), PDFTable.Cell(commit + (report.target.branch.map { " (\($0))" } ?? ""))]) }
        rows.append([PDFTable.Cell("Tool"), PDFTable.Cell("\(report.tool.name) \(report.tool.version)")])
        if let database = report.advisoryDatabase {
            rows.append([PDFTable.Cell("Vulnerability database"), PDFTable.Cell(database.description)])
        }
        rows.append([PDFTable.Cell("Config digest"), PDFTable.Cell(report.configDigest)])
        PDFTable(columns: [.init(title: "", width: 130), .init(title: "", width: PDFCanvas.contentWidth - 130)], showsHeader: false).draw(rows, on: canvas)
        canvas.heading("Scanners", size: 12)
        PDFTable(columns: [.init(title: "Scanner", width: 120), .init(title: "Version", width: 140), .init(title: "Status", width: PDFCanvas.contentWidth - 260)])
            .draw(report.scannerRuns.sorted { $0.scanner < $1.scanner }.map { run in
                [PDFTable.Cell(run.scanner), PDFTable.Cell(run.version ?? "–"), PDFTable.Cell(run.status.rawValue.replacingOccurrences(of: "_", with: " "))]
            }, on: canvas)
    }

    private func contents(_ canvas: PDFCanvas, sections: [(title: String, page: Int)]) {
        canvas.heading("Contents", size: 17)
        let titles = ["Executive summary", "What changed", "Findings", "Scanner coverage", "Components", "Compliance coverage"]
        for title in titles {
            let page = sections.first { $0.title == title }?.page
            canvas.draw(title, x: PDFCanvas.margin, top: canvas.y, width: 300, style: .init(size: 11))
            let number = page.map(String.init) ?? "…"
            let width = canvas.measureWidth(number, style: .init(size: 11))
            canvas.draw(number, x: PDFCanvas.margin + PDFCanvas.contentWidth - width, top: canvas.y, width: width + 1, style: .init(size: 11))
            canvas.line(from: (PDFCanvas.margin, canvas.y + 17), to: (PDFCanvas.margin + PDFCanvas.contentWidth, canvas.y + 17))
            canvas.y += 24
        }
    }

    private func summary(_ canvas: PDFCanvas) {
        let counts = report.counts
        let open = report.openFindings
        canvas.paragraph("\(counts.total) open findings; risk score \(SVGChart.number(report.riskScore)) of 100. "
            + (report.findings.count - open.count == 1 ? "1 suppressed finding is listed but not counted."
                : report.findings.count > open.count ? "\(report.findings.count - open.count) suppressed findings are listed but not counted." : ""))
        PDFTable(columns: [.init(title: "Severity", width: 120), .init(title: "Open findings", width: 120, alignRight: true),
                           .init(title: "New or reopened", width: 120, alignRight: true)])
            .draw(Severity.descending.map { severity in
                [PDFTable.Cell(severity.rawValue, background: Self.severityColors[severity]), PDFTable.Cell(String(counts[severity])),
                 PDFTable.Cell(String(open.filter { $0.severity == severity && ($0.change == .new || $0.change == .reopened) }.count))]
            }, on: canvas)
        if !report.gate.passed {
            canvas.heading("Why the gate failed", size: 12)
            for reason in report.gate.reasons { canvas.paragraph("• " + reason) }
        }
        canvas.heading("Open findings by severity", size: 12)
        bars(canvas, Severity.descending.map { ($0.rawValue, counts[$0], Self.severityColors[$0]!) })
        let byScanner = Dictionary(grouping: open, by: \.scanner).mapValues(\.count)
        canvas.heading("Open findings by scanner", size: 12)
        bars(canvas, report.scannerRuns.map(\.scanner).sorted().map { ($0, byScanner[$0] ?? 0, (0.2, 0.25, 0.33)) })
        let points = history.filter { $0.runID != report.runID }
            + [RunTrendPoint(runID: report.runID, finishedAt: report.finishedAt, counts: counts, riskScore: report.riskScore)]
        if points.count > 1 {
            canvas.heading("Trend over the last \(points.count) runs", size: 12)
            trend(canvas, points)
        }
    }

    private func changes(_ canvas: PDFCanvas) {
        let diff = report.diff
        if let base = report.baseRunID {
            canvas.paragraph("Compared with run \(base).", style: .init(color: Self.muted))
        } else {
            canvas.paragraph("First run of this target: every finding is new.", style: .init(color: Self.muted))
        }
        let open = report.openFindings
        let groups: [(String, [Finding])] = [
            ("New", open.filter { $0.change == .new }), ("Reopened", open.filter { $0.change == .reopened }),
            ("Fixed", diff.fixed), ("Not reassessed", diff.notReassessed), ("Unchanged", open.filter { $0.change == .unchanged }),
        ]
        PDFTable(columns: [.init(title: "Change", width: 160), .init(title: "Findings", width: 100, alignRight: true)])
            .draw(groups.map { [PDFTable.Cell($0.0), PDFTable.Cell(String($0.1.count))] }, on: canvas)
        for (name, members) in groups.prefix(4) where !members.isEmpty {
            canvas.heading("\(name) (\(members.count))", size: 12)
            findingTable(canvas, Array(members.prefix(50)), withDescriptions: false)
            if members.count > 50 { canvas.paragraph("… and \(members.count - 50) more, listed under Findings.", style: .init(color: Self.muted)) }
        }
    }

    /// The findings within the page budget: in detail (open critical and high first), then one-line rows,
    /// then one row per rule for whatever is left. Returns how many went each way.
    private func findings(_ canvas: PDFCanvas) -> PDFFindingBudget.Counts {
        let all = report.findings
        if all.isEmpty { canvas.paragraph("No findings."); return PDFFindingBudget.Counts() }
        let budget = PDFFindingBudget(findings: all, startPage: canvas.page, maxPages: maxPages)
        var counts = PDFFindingBudget.Counts()
        // The counts are known once the tables are drawn: room is kept for the note with the largest
        // numbers, and the note is written there afterwards.
        let noteStyle = PDFCanvas.Style(color: Self.muted)
        func note(_ presented: PDFFindingBudget.Counts) -> String {
            presented.detail == all.count ? "All \(all.count) findings are shown in detail." :
                "\(presented.detail) of \(all.count) findings are shown in detail (open critical and high first), "
                    + "\(presented.rows) as one-line rows and \(presented.summarized) counted by rule, to keep this document readable. "
                    + "Every finding, with its full text, is in findings.json and findings.sarif."
        }
        let room = canvas.measure(note(PDFFindingBudget.Counts(detail: all.count - 1, rows: all.count, summarized: all.count)), style: noteStyle)
        canvas.ensure(room)
        let (notePage, noteTop) = (canvas.page, canvas.y)
        canvas.y += room + 6
        defer {
            canvas.onPage(notePage) {
                canvas.draw(note(counts), x: PDFCanvas.margin, top: noteTop, width: PDFCanvas.contentWidth, style: noteStyle)
            }
        }
        let order = budget.order
        counts.detail = findingTable(canvas, count: order.count, finding: { all[order[$0]] }, withDescriptions: true,
                                     until: { canvas.page >= budget.detailEndPage })
        let rest = order[counts.detail...].map { all[$0] }.canonicallySorted()
        if !rest.isEmpty {
            canvas.heading("One line per finding (\(rest.count) more)", size: 12)
            counts.rows = PDFTable(columns: [.init(title: "Severity", width: 62), .init(title: "Finding", width: 150),
                                             .init(title: "Location", width: PDFCanvas.contentWidth - 62 - 150 - 110),
                                             .init(title: "Rule", width: 110)], singleLine: true)
                .draw(count: rest.count, row: { index in
                    let finding = rest[index]
                    var location = PDFTable.Cell(HTMLReportView.location(finding), reusable: false)
                    location.keepsEnd = true
                    return [PDFTable.Cell(finding.severity.rawValue, background: Self.severityColors[finding.severity]),
                            PDFTable.Cell((finding.suppression != nil ? "[suppressed] " : "") + finding.title),
                            location, PDFTable.Cell(finding.ruleID)]
                }, on: canvas, until: { canvas.page >= budget.rowsEndPage })
        }
        let summarized = Array(rest[counts.rows...])
        counts.summarized = summarized.count
        if !summarized.isEmpty {
            canvas.heading("Counted by rule (\(summarized.count) more)", size: 12)
            let groups = FindingSelection.tallies(summarized)
            let drawn = PDFTable(columns: [.init(title: "Severity", width: 62), .init(title: "Rule", width: 150), .init(title: "Scanner", width: 70),
                               .init(title: "Findings", width: 68, alignRight: true),
                               .init(title: "First locations", width: PDFCanvas.contentWidth - 62 - 150 - 70 - 68)])
                .draw(count: groups.count, row: { index in
                    let group = groups[index]
                    return [PDFTable.Cell(group.severity.rawValue, background: Self.severityColors[group.severity]), PDFTable.Cell(group.rule),
                            PDFTable.Cell(group.scanner), PDFTable.Cell(String(group.count)), PDFTable.Cell(group.locations.joined(separator: ", "))]
                }, on: canvas, until: { canvas.page >= budget.summaryEndPage })
            if drawn < groups.count {
                canvas.paragraph("… and \(groups.count - drawn) more rules, in findings.json.", style: .init(color: Self.muted))
            }
        }
        return counts
    }

    private func findingTable(_ canvas: PDFCanvas, _ findings: [Finding], withDescriptions: Bool) {
        findingTable(canvas, count: findings.count, finding: { findings[$0] }, withDescriptions: withDescriptions, until: nil)
    }

    /// Findings with their text, as many as fit before `until` says stop; returns how many were drawn.
    @discardableResult
    private func findingTable(_ canvas: PDFCanvas, count: Int, finding: (Int) -> Finding, withDescriptions: Bool,
                              until: (() -> Bool)?) -> Int {
        PDFTable(columns: [.init(title: "Severity", width: 62), .init(title: "Finding", width: PDFCanvas.contentWidth - 62 - 70),
                           .init(title: "Status", width: 70)])
            .draw(count: count, row: { index in
                let finding = finding(index)
                let location = HTMLReportView.location(finding)
                // The title, description, remediation and suppression recur across a rule's findings and
                // are laid out once; only the location line is new in every row.
                var parts: [(markup: String, reusable: Bool)] = [
                    ("<b>\(PDFCanvas.escape(finding.title))</b>", true),
                    ("<span font_family='DejaVu Sans Mono' size='small'>\(PDFCanvas.escape(location))</span>"
                        + "<span size='small' foreground='#475569'>  \(PDFCanvas.escape(finding.scanner)) · \(PDFCanvas.escape(finding.ruleID))</span>", false),
                ]
                if withDescriptions, !finding.description.isEmpty {
                    let text = finding.description.count > Self.descriptionLimit ? String(finding.description.prefix(Self.descriptionLimit)) + "…" : finding.description
                    parts.append(("<span size='small'>\(PDFCanvas.escape(text))</span>", true))
                }
                if let exploitation = Self.exploitation(finding) {
                    parts.append(("<span size='small' foreground='#9a3412'><b>\(PDFCanvas.escape(exploitation))</b></span>", true))
                }
                if withDescriptions, let remediation = finding.remediation, !remediation.isEmpty {
                    parts.append(("<span size='small'><b>Remediation:</b> \(PDFCanvas.escape(remediation))</span>", true))
                }
                if let suppression = finding.suppression {
                    parts.append(("<span size='small' foreground='#475569'>Suppressed (\(suppression.source.rawValue)): \(PDFCanvas.escape(suppression.reason))</span>", true))
                }
                let status = finding.suppression != nil ? "suppressed" : (finding.change?.rawValue.replacingOccurrences(of: "_", with: " ") ?? "")
                return [PDFTable.Cell(finding.severity.rawValue, background: Self.severityColors[finding.severity]),
                        PDFTable.Cell(stack: parts), PDFTable.Cell(status)]
            }, on: canvas, until: until)
    }

    /// "Known exploited (CISA KEV), due 2026-12-24, used by ransomware · EPSS 94.3 % (99th percentile)".
    static func exploitation(_ finding: Finding) -> String? {
        var parts: [String] = []
        let properties = finding.properties
        if properties[KnownExploited.property] == "true" {
            var text = "Known exploited (CISA KEV)"
            if let due = properties[KnownExploited.dueDateProperty] { text += ", due " + due }
            if properties[KnownExploited.ransomwareProperty] == "known" { text += ", used by ransomware" }
            parts.append(text)
        }
        if let probability = properties[ExploitPrediction.property].flatMap(Double.init) {
            var text = "EPSS " + String(format: "%.1f", probability * 100) + " %"
            if let percentile = properties[ExploitPrediction.percentileProperty].flatMap(Double.init) {
                text += " (" + String(Int((percentile * 100).rounded(.down))) + "th percentile)"
            }
            parts.append(text)
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    private func scanners(_ canvas: PDFCanvas) {
        PDFTable(columns: [.init(title: "Scanner", width: 90), .init(title: "Status", width: 70), .init(title: "Version", width: 90),
                           .init(title: "Findings", width: 68, alignRight: true), .init(title: "Details", width: PDFCanvas.contentWidth - 318)])
            .draw(report.scannerRuns.sorted { $0.scanner < $1.scanner }.map { run in
                let detail = ([run.reason, run.error, run.installHint.map { "install: \($0)" }].compactMap { $0 } + run.notes.prefix(5)).joined(separator: " · ")
                return [PDFTable.Cell(run.scanner), PDFTable.Cell(run.status.rawValue.replacingOccurrences(of: "_", with: " ")),
                        PDFTable.Cell(run.version ?? "–"), PDFTable.Cell(String(run.findingCount)), PDFTable.Cell(detail)]
            }, on: canvas)
        if !report.notes.isEmpty {
            canvas.paragraph("Not read:", style: .init(color: Self.muted))
            for note in report.notes { canvas.paragraph("• " + note, style: .init(color: Self.muted)) }
        }
    }

    private func components(_ canvas: PDFCanvas) {
        let inventory = ComponentInventory(report.components)
        if inventory.entries.isEmpty {
            canvas.paragraph("No lockfiles or manifests were read in this run.", style: .init(color: Self.muted))
        } else {
            canvas.paragraph("\(inventory.entries.count) components; the SBOMs (sbom.cdx.json, sbom.spdx.json) list them all.")
            PDFTable(columns: [.init(title: "Ecosystem", width: 200), .init(title: "Components", width: 100, alignRight: true)])
                .draw(HTMLReportView.ranked(inventory.entries.map(\.component.ecosystem)).map { [PDFTable.Cell($0.name), PDFTable.Cell(String($0.count))] }, on: canvas)
        }
        let vulnerable = PackageVulnerability.all(in: report.openFindings)
        canvas.heading("Vulnerable packages (\(vulnerable.count))", size: 12)
        guard !vulnerable.isEmpty else { canvas.paragraph("None found.", style: .init(color: Self.muted)); return }
        PDFTable(columns: [.init(title: "Package", width: 130), .init(title: "Installed", width: 70), .init(title: "Advisories", width: 170),
                           .init(title: "Severity", width: 62), .init(title: "Fixed in", width: PDFCanvas.contentWidth - 432)])
            .draw(vulnerable.prefix(Self.vulnerableLimit).map { vulnerability in
                [PDFTable.Cell(vulnerability.package), PDFTable.Cell(vulnerability.installedVersion),
                 PDFTable.Cell(vulnerability.advisories.joined(separator: ", ")),
                 PDFTable.Cell(vulnerability.severity.rawValue, background: Self.severityColors[vulnerability.severity]),
                 PDFTable.Cell(vulnerability.fixedVersion ?? "no fix listed")]
            }, on: canvas)
        if vulnerable.count > Self.vulnerableLimit {
            canvas.paragraph("… and \(vulnerable.count - Self.vulnerableLimit) more, in findings.json and the SBOMs' vulnerabilities.", style: .init(color: Self.muted))
        }
    }

    private func compliance(_ canvas: PDFCanvas) {
        canvas.paragraph("A control has findings when an open finding bears on it (by CWE or scanner rule), is clear when a scanner that assesses it ran and found nothing, and is not assessed otherwise.",
                         style: .init(color: Self.muted))
        let statusColors: [ComplianceCoverage.Status: (Double, Double, Double)] = [
            .findings: (0.62, 0.07, 0.22), .clear: (0.08, 0.5, 0.24), .notAssessed: (0.28, 0.33, 0.41),
        ]
        for framework in compliance.frameworks {
            canvas.heading("\(framework.name) \(framework.version) — \(framework.counts["findings"] ?? 0) with findings, "
                + "\(framework.counts["clear"] ?? 0) clear, \(framework.counts["not_assessed"] ?? 0) not assessed", size: 11)
            PDFTable(columns: [.init(title: "Control", width: 70), .init(title: "Name", width: PDFCanvas.contentWidth - 70 - 80 - 68 - 100),
                               .init(title: "Status", width: 80), .init(title: "Findings", width: 68, alignRight: true), .init(title: "Assessed by", width: 100)])
                .draw(framework.controls.map { control in
                    [PDFTable.Cell(control.id), PDFTable.Cell(control.name),
                     PDFTable.Cell(control.status.rawValue.replacingOccurrences(of: "_", with: " "), color: statusColors[control.status]),
                     PDFTable.Cell(String(control.counts.total)), PDFTable.Cell(control.assessedBy.joined(separator: ", "))]
                }, on: canvas)
        }
    }

    // MARK: Charts (vectors)

    private func bars(_ canvas: PDFCanvas, _ items: [(String, Int, (Double, Double, Double))]) {
        let rowHeight = 16.0
        canvas.ensure(Double(items.count) * rowHeight + 8)
        let largest = Double(max(1, items.map(\.1).max() ?? 1))
        let labelWidth = 100.0
        let span = PDFCanvas.contentWidth - labelWidth - 50
        for (label, value, color) in items {
            let style = PDFCanvas.Style(size: 8.5)
            let width = canvas.measureWidth(label, style: style)
            canvas.draw(label, x: PDFCanvas.margin + labelWidth - 6 - width, top: canvas.y + 2, width: width + 1, style: style)
            let length = value == 0 ? 0 : max(1.5, Double(value) / largest * span)
            canvas.fill(x: PDFCanvas.margin + labelWidth, y: canvas.y + 3, width: length, height: rowHeight - 6, color: color)
            canvas.draw(String(value), x: PDFCanvas.margin + labelWidth + length + 4, top: canvas.y + 2, width: 40, style: style)
            canvas.y += rowHeight
        }
        canvas.y += 8
    }

    private func trend(_ canvas: PDFCanvas, _ points: [RunTrendPoint]) {
        let height = 120.0
        canvas.ensure(height + 30)
        let top = canvas.y
        let left = PDFCanvas.margin + 30
        let width = PDFCanvas.contentWidth - 60
        let largest = Double(max(1, points.map(\.counts.total).max() ?? 1))
        let step = width / Double(points.count)
        canvas.line(from: (left, top + height), to: (left + width, top + height), color: (0.58, 0.64, 0.72))
        let small = PDFCanvas.Style(size: 7.5, color: Self.muted)
        canvas.draw(String(Int(largest)), x: PDFCanvas.margin, top: top - 4, width: 28, style: small)
        canvas.draw("0", x: PDFCanvas.margin, top: top + height - 8, width: 28, style: small)
        var riskPoints: [(Double, Double)] = []
        for (index, point) in points.enumerated() {
            let x = left + step * Double(index)
            var y = top + height
            for severity in Severity.descending where point.counts[severity] > 0 {
                let part = Double(point.counts[severity]) / largest * height
                y -= part
                canvas.fill(x: x + step * 0.15, y: y, width: step * 0.7, height: part, color: Self.severityColors[severity]!)
            }
            riskPoints.append((x + step / 2, top + height * (1 - min(100, point.riskScore) / 100)))
        }
        cairo_set_source_rgb(canvas.context, 0.49, 0.23, 0.93)
        cairo_set_line_width(canvas.context, 1.5)
        for (index, point) in riskPoints.enumerated() {
            if index == 0 { cairo_move_to(canvas.context, point.0, point.1) } else { cairo_line_to(canvas.context, point.0, point.1) }
        }
        cairo_stroke(canvas.context)
        canvas.draw(String(points.first!.finishedAt.prefix(10)), x: left, top: top + height + 4, width: 80, style: small)
        canvas.draw(String(points.last!.finishedAt.prefix(10)), x: left + width - 50, top: top + height + 4, width: 80, style: small)
        canvas.y = top + height + 22
        canvas.paragraph("Bars: open findings by severity per run. Line: risk score (0–100).", style: small)
    }
}
