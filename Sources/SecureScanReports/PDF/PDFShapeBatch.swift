import CPangoCairo

/// A page's table shapes (row backgrounds, badges, row rules), gathered while the rows are laid out and
/// drawn with one path per layer and colour when the page is done: a page of one-line rows drew some
/// 110 rectangles and lines one cairo call each, each analysed and written on its own by cairo's PDF
/// surface. Layers are drawn in order (row backgrounds under badges), before the page's text.
struct PDFShapeBatch {
    enum Layer: Int, CaseIterable {
        /// Zebra stripes.
        case background
        /// Severity badges, over the stripes.
        case badge
        /// The rules between rows, over both.
        case rule
    }

    private struct Paint: Hashable {
        var color: PDFColorKey
        var lineWidth: Double
    }

    private struct Group {
        let color: (Double, Double, Double)
        let lineWidth: Double
        /// Rectangles (x, y, width, height) to fill, or lines (x0, y0, x1, y1) to stroke with `lineWidth`.
        var shapes: [(Double, Double, Double, Double)] = []
    }

    private var groups: [[Group]] = Array(repeating: [], count: Layer.allCases.count)
    private var index: [[Paint: Int]] = Array(repeating: [:], count: Layer.allCases.count)

    var isEmpty: Bool { groups.allSatisfy(\.isEmpty) }

    mutating func fill(x: Double, y: Double, width: Double, height: Double, color: (Double, Double, Double), layer: Layer) {
        add((x, y, width, height), color: color, lineWidth: 0, layer: layer)
    }

    mutating func line(from: (Double, Double), to: (Double, Double), color: (Double, Double, Double), width: Double) {
        add((from.0, from.1, to.0, to.1), color: color, lineWidth: width, layer: .rule)
    }

    private mutating func add(_ shape: (Double, Double, Double, Double), color: (Double, Double, Double), lineWidth: Double, layer: Layer) {
        let key = Paint(color: PDFColorKey(color), lineWidth: lineWidth)
        let layerIndex = layer.rawValue
        if let slot = index[layerIndex][key] {
            groups[layerIndex][slot].shapes.append(shape)
        } else {
            index[layerIndex][key] = groups[layerIndex].count
            groups[layerIndex].append(Group(color: color, lineWidth: lineWidth, shapes: [shape]))
        }
    }

    /// Draws the gathered shapes on `context`, layer by layer, and empties the batch.
    mutating func flush(on context: OpaquePointer) {
        for layer in Layer.allCases {
            for group in groups[layer.rawValue] {
                cairo_set_source_rgb(context, group.color.0, group.color.1, group.color.2)
                if layer == .rule {
                    cairo_set_line_width(context, group.lineWidth)
                    for line in group.shapes {
                        cairo_move_to(context, line.0, line.1)
                        cairo_line_to(context, line.2, line.3)
                    }
                    cairo_stroke(context)
                } else {
                    for rectangle in group.shapes { cairo_rectangle(context, rectangle.0, rectangle.1, rectangle.2, rectangle.3) }
                    cairo_fill(context)
                }
            }
            groups[layer.rawValue].removeAll(keepingCapacity: true)
            index[layer.rawValue].removeAll(keepingCapacity: true)
        }
    }
}
