/// A table drawn on a `PDFCanvas`: rows measured before drawing so a row never splits across pages,
/// the header row repeated at the top of every page the table continues on, zebra rows.
struct PDFTable {
    struct Column {
        var title: String
        var width: Double
        var alignRight = false
    }

    /// One cell: plain text or Pango markup, and an optional background colour (severity badges). A
    /// cell may be a stack of parts (a finding's title, location, description), each laid out on its own
    /// so the parts that recur are laid out once (``PDFCanvas/block(_:style:width:markup:singleLine:keepEnd:reusable:)``).
    struct Cell {
        var parts: [(markup: String, reusable: Bool)]
        /// Whether the parts are Pango markup; plain text is laid out as it is, without escaping and parsing.
        var isMarkup: Bool
        var background: (Double, Double, Double)?
        var color: (Double, Double, Double)?
        /// On one line, cut at the start rather than the end (a path keeps its file name and line).
        var keepsEnd = false

        /// The parts, one per line, as laid out when the cell is measured as a whole.
        var content: String { parts.count == 1 ? parts[0].markup : parts.map(\.markup).joined(separator: "\n") }

        /// Plain text; `reusable` when the same text is likely in other rows.
        init(_ text: String, background: (Double, Double, Double)? = nil, color: (Double, Double, Double)? = nil, reusable: Bool = true) {
            parts = [(text, reusable)]
            isMarkup = false
            self.background = background
            self.color = color
        }

        init(markup: String, reusable: Bool = false) {
            parts = [(markup, reusable)]
            isMarkup = true
        }

        /// Parts of markup stacked top to bottom.
        init(stack parts: [(markup: String, reusable: Bool)]) {
            self.parts = parts
            isMarkup = true
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
            // Each part of a cell is laid out once (recurring ones once for the document): measured for the
            // row's height, then drawn. A badge is measured in the table's style and drawn bold in white.
            let stacks = zip(row, columns).map { cell, column in
                cell.parts.map { part in
                    canvas.block(part.markup, style: cellStyle(cell), width: column.width - 2 * padding, markup: cell.isMarkup,
                                 singleLine: singleLine, keepEnd: cell.keepsEnd, reusable: part.reusable)
                }
            }
            let height = singleLine ? lineHeight : row.indices.map { column in
                row[column].background == nil ? stacks[column].map(\.height).reduce(0, +)
                    : canvas.block(row[column].content, style: style, width: columns[column].width - 2 * padding, markup: row[column].isMarkup,
                                   reusable: true).height
            }.max() ?? 0
            canvas.ensure(height + 2 * padding)
            let top = canvas.y
            if index % 2 == 1 {
                canvas.tableFill(x: PDFCanvas.margin, y: top, width: PDFCanvas.contentWidth, height: height + 2 * padding,
                                 color: (0.97, 0.98, 0.99), layer: .background)
            }
            var x = PDFCanvas.margin
            for ((cell, column), blocks) in zip(zip(row, columns), stacks) {
                // The cell's text as laid out for drawing gives the badge's and a right-aligned cell's width.
                let textWidth = blocks.map(\.width).max() ?? 0
                if let background = cell.background {
                    canvas.tableFill(x: x + padding - 2, y: top + padding - 1, width: min(textWidth + 8, column.width - padding),
                                     height: style.size + 4, color: background, layer: .badge)
                }
                let left = column.alignRight ? x + column.width - padding - textWidth : x + padding
                var partTop = top + padding
                for block in blocks {
                    canvas.draw(block, x: left, top: partTop)
                    partTop += block.height
                }
                x += column.width
            }
            canvas.y = top + height + 2 * padding
            canvas.tableRule(from: (PDFCanvas.margin, canvas.y), to: (PDFCanvas.margin + PDFCanvas.contentWidth, canvas.y))
        }
        return count
    }

    /// The style a cell is drawn in: the table's, in the cell's colour, or bold white on a badge.
    private func cellStyle(_ cell: Cell) -> PDFCanvas.Style {
        var cellStyle = style
        if let color = cell.color { cellStyle.color = color }
        if cell.background != nil {
            cellStyle.color = (1, 1, 1)
            cellStyle.bold = true
        }
        return cellStyle
    }

    private func drawHeader(on canvas: PDFCanvas) {
        var header = style
        header.bold = true
        header.color = (1, 1, 1)
        let blocks = columns.map { canvas.block($0.title, style: header, width: $0.width - 2 * padding, reusable: true) }
        let height = blocks.map(\.height).max() ?? 0
        canvas.fill(x: PDFCanvas.margin, y: canvas.y, width: PDFCanvas.contentWidth, height: height + 2 * padding, color: (0.06, 0.09, 0.16))
        var x = PDFCanvas.margin
        for (column, block) in zip(columns, blocks) {
            canvas.draw(block, x: x + padding, top: canvas.y + padding)
            x += column.width
        }
        canvas.y += height + 2 * padding
    }
}
