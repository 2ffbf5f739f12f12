/// A table drawn on a `PDFCanvas`: rows measured before drawing so a row never splits across pages,
/// the header row repeated at the top of every page the table continues on, zebra rows.
struct PDFTable {
    struct Column {
        var title: String
        var width: Double
        var alignRight = false
    }

    /// One cell: Pango markup (already escaped) and an optional background colour (severity badges).
    struct Cell {
        var markup: String
        var background: (Double, Double, Double)?
        var color: (Double, Double, Double)?

        init(_ text: String, background: (Double, Double, Double)? = nil, color: (Double, Double, Double)? = nil) {
            markup = PDFCanvas.escape(text)
            self.background = background
            self.color = color
        }

        init(markup: String) {
            self.markup = markup
        }
    }

    var columns: [Column]
    var padding = 4.0
    var style = PDFCanvas.Style(size: 8.5)
    /// Whether the column titles are drawn (and repeated on each page).
    var showsHeader = true
    /// One line per row, each cell cut with an ellipsis: rows of a known height, laid out without measuring.
    var singleLine = false

    init(columns: [Column], showsHeader: Bool = true, singleLine: Bool = false) {
        self.columns = columns
        self.showsHeader = showsHeader
        self.singleLine = singleLine
    }

    func draw(_ rows: [[Cell]], on canvas: PDFCanvas) {
        draw(count: rows.count, row: { rows[$0] }, on: canvas, until: nil)
    }

    /// Draws rows made on demand, stopping before a row once `until` returns true; returns how many were drawn.
    @discardableResult
    func draw(count: Int, row makeRow: (Int) -> [Cell], on canvas: PDFCanvas, until: (() -> Bool)?) -> Int {
        canvas.ensure(40)
        if showsHeader {
            drawHeader(on: canvas)
            canvas.continuation = { drawHeader(on: canvas) }
        }
        defer {
            canvas.continuation = nil
            canvas.y += 8
        }
        let lineHeight = singleLine ? canvas.measure("Xg", style: style, width: columns[0].width) : 0
        for index in 0..<count {
            if let until, until() { return index }
            let row = makeRow(index)
            let height = singleLine ? lineHeight : zip(row, columns).map { cell, column in
                canvas.measure(cell.markup, style: style, width: column.width - 2 * padding, markup: true)
            }.max() ?? 0
            canvas.ensure(height + 2 * padding)
            let top = canvas.y
            if index % 2 == 1 {
                canvas.fill(x: PDFCanvas.margin, y: top, width: PDFCanvas.contentWidth, height: height + 2 * padding, color: (0.97, 0.98, 0.99))
            }
            var x = PDFCanvas.margin
            for (cell, column) in zip(row, columns) {
                var cellStyle = style
                if let color = cell.color { cellStyle.color = color }
                if let background = cell.background {
                    let width = canvas.measureWidth(cell.markup, style: cellStyle) + 8
                    canvas.fill(x: x + padding - 2, y: top + padding - 1, width: min(width, column.width - padding), height: style.size + 4, color: background)
                    cellStyle.color = (1, 1, 1)
                    cellStyle.bold = true
                }
                let width = column.width - 2 * padding
                let left = column.alignRight ? x + column.width - padding - canvas.measureWidth(cell.markup, style: cellStyle) : x + padding
                canvas.draw(cell.markup, x: left, top: top + padding, width: width, style: cellStyle, markup: true, singleLine: singleLine)
                x += column.width
            }
            canvas.y = top + height + 2 * padding
            canvas.line(from: (PDFCanvas.margin, canvas.y), to: (PDFCanvas.margin + PDFCanvas.contentWidth, canvas.y))
        }
        return count
    }

    private func drawHeader(on canvas: PDFCanvas) {
        var header = style
        header.bold = true
        header.color = (1, 1, 1)
        let height = columns.map { canvas.measure($0.title, style: header, width: $0.width - 2 * padding) }.max() ?? 0
        canvas.fill(x: PDFCanvas.margin, y: canvas.y, width: PDFCanvas.contentWidth, height: height + 2 * padding, color: (0.06, 0.09, 0.16))
        var x = PDFCanvas.margin
        for column in columns {
            canvas.draw(column.title, x: x + padding, top: canvas.y + padding, width: column.width - 2 * padding, style: header)
            x += column.width
        }
        canvas.y += height + 2 * padding
    }
}
