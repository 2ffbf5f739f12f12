import Foundation
import SecureScanCore

/// Inline SVG charts for the HTML report: vectors, no script, no external font, every label escaped.
/// Numbers are printed with fixed precision so the same run gives the same bytes.
enum SVGChart {
    struct Bar {
        var label: String
        var value: Int
        var color: String
    }

    static let severityColors: [Severity: String] = [
        .critical: "#9f1239", .high: "#c2410c", .medium: "#a16207", .low: "#1d4ed8", .info: "#4b5563",
    ]

    /// Horizontal bars, one per item, scaled to the largest value.
    static func bars(_ bars: [Bar], title: String, width: Int = 420) -> String {
        let rowHeight = 26
        let labelWidth = 110
        let height = max(1, bars.count) * rowHeight + 8
        let largest = max(1, bars.map(\.value).max() ?? 1)
        let span = Double(width - labelWidth - 60)
        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \#(width) \#(height)" width="\#(width)" height="\#(height)" role="img" aria-label="\#(HTMLText.escape(title))">"#
        svg += "<title>\(HTMLText.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = 4 + index * rowHeight
            let length = bar.value == 0 ? 0 : max(2, Double(bar.value) / Double(largest) * span)
            svg += #"<text x="\#(labelWidth - 8)" y="\#(y + 17)" text-anchor="end" class="chart-label">\#(HTMLText.escape(bar.label))</text>"#
            svg += #"<rect x="\#(labelWidth)" y="\#(y + 4)" width="\#(number(length))" height="\#(rowHeight - 8)" rx="3" fill="\#(bar.color)"/>"#
            svg += #"<text x="\#(number(Double(labelWidth) + length + 6))" y="\#(y + 17)" class="chart-value">\#(bar.value)</text>"#
        }
        return svg + "</svg>"
    }

    /// Open findings (bars) and risk score (line, 0–100) over the target's runs, oldest first.
    static func trend(_ points: [RunTrendPoint], width: Int = 640, height: Int = 200) -> String {
        let title = "Open findings and risk score over the last \(points.count) run\(points.count == 1 ? "" : "s")"
        let (left, right, top, bottom) = (44.0, 44.0, 14.0, 30.0)
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let largest = max(1, points.map(\.counts.total).max() ?? 1)
        let step = plotWidth / Double(max(1, points.count))
        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \#(width) \#(height)" width="\#(width)" height="\#(height)" role="img" aria-label="\#(HTMLText.escape(title))">"#
        svg += "<title>\(HTMLText.escape(title))</title>"
        svg += #"<line x1="\#(number(left))" y1="\#(number(top + plotHeight))" x2="\#(number(left + plotWidth))" y2="\#(number(top + plotHeight))" class="chart-axis"/>"#
        svg += #"<text x="\#(number(left - 6))" y="\#(number(top + 4))" text-anchor="end" class="chart-value">\#(largest)</text>"#
        svg += #"<text x="\#(number(left - 6))" y="\#(number(top + plotHeight))" text-anchor="end" class="chart-value">0</text>"#
        svg += #"<text x="\#(number(left + plotWidth + 6))" y="\#(number(top + 4))" class="chart-value risk">100</text>"#
        var line: [String] = []
        for (index, point) in points.enumerated() {
            let x = left + step * Double(index)
            let barHeight = Double(point.counts.total) / Double(largest) * plotHeight
            var y = top + plotHeight
            // Stacked by severity, most severe at the bottom.
            for severity in Severity.descending {
                let part = point.counts.total == 0 ? 0 : barHeight * Double(point.counts[severity]) / Double(point.counts.total)
                guard part > 0 else { continue }
                y -= part
                svg += #"<rect x="\#(number(x + step * 0.15))" y="\#(number(y))" width="\#(number(step * 0.7))" height="\#(number(part))" fill="\#(severityColors[severity]!)"><title>\#(HTMLText.escape(point.runID)): \#(point.counts[severity]) \#(severity.rawValue)</title></rect>"#
            }
            line.append("\(number(x + step / 2)),\(number(top + plotHeight * (1 - min(100, point.riskScore) / 100)))")
        }
        if !line.isEmpty {
            svg += #"<polyline points="\#(line.joined(separator: " "))" class="chart-risk"/>"#
            for (index, coordinate) in line.enumerated() {
                let parts = coordinate.split(separator: ",")
                svg += #"<circle cx="\#(parts[0])" cy="\#(parts[1])" r="3" class="chart-risk-dot"><title>\#(HTMLText.escape(points[index].runID)): risk \#(number(points[index].riskScore))</title></circle>"#
            }
        }
        if let first = points.first, let last = points.last {
            svg += #"<text x="\#(number(left))" y="\#(height - 8)" class="chart-value">\#(HTMLText.escape(String(first.finishedAt.prefix(10))))</text>"#
            svg += #"<text x="\#(number(left + plotWidth))" y="\#(height - 8)" text-anchor="end" class="chart-value">\#(HTMLText.escape(String(last.finishedAt.prefix(10))))</text>"#
        }
        return svg + "</svg>"
    }

    /// A small line of values (risk scores 0–100, oldest first) for a table cell.
    static func sparkline(_ values: [Double], width: Int = 120, height: Int = 24) -> String {
        guard values.count > 1 else { return "" }
        let step = Double(width - 4) / Double(values.count - 1)
        let points = values.enumerated().map { index, value in
            "\(number(2 + step * Double(index))),\(number(2 + Double(height - 4) * (1 - min(100, max(0, value)) / 100)))"
        }
        return ##"<svg xmlns="http://www.w3.org/2000/svg" class="spark" viewBox="0 0 \##(width) \##(height)" width="\##(width)" height="\##(height)" role="img" aria-label="risk score trend"><polyline points="\##(points.joined(separator: " "))" fill="none" stroke="#7c3aed" stroke-width="1.5"/></svg>"##
    }

    /// One decimal, no trailing `.0`, never locale-dependent.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}
