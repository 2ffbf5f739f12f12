import CPangoCairo
import Foundation

/// A paginating drawing surface for `report.pdf`: A4 pages, a cursor that moves down the page, text laid
/// out once (``TextBlock``) and measured before it is drawn so blocks and table rows never straddle a page
/// break.
///
/// Each page is drawn into a cairo recording surface and kept; ``PDFDocument`` then writes the pages into
/// the PDF with what is only known at the end (page numbers "n of N", the contents page, the cover's
/// counts). The report is laid out in one pass: laying it out twice (once to count pages, once to draw)
/// was half of the PDF's time.
///
/// A class because it owns C resources (recording surfaces, contexts, a layout) released in `deinit`.
final class PDFCanvas {
    static let pageWidth = 595.276
    static let pageHeight = 841.89
    static let margin = 48.0
    static let footerHeight = 28.0
    static var contentWidth: Double { pageWidth - 2 * margin }
    static var bottom: Double { pageHeight - margin - footerHeight }
    static let pangoScale = 1024.0

    /// The pages drawn so far, in order; the last is the current one.
    private(set) var pages: [OpaquePointer] = []
    /// The current page's drawing context.
    private(set) var context: OpaquePointer
    private let layout: OpaquePointer
    /// The number the current page will have in the document.
    private(set) var page: Int
    private let firstPage: Int
    var y = PDFCanvas.margin
    /// Drawn at the top of a page a table continues on (the table's header row).
    var continuation: (() -> Void)?
    /// Outline (bookmark) entries: title, page number, position on the page.
    private(set) var outline: [(title: String, page: Int, y: Int)] = []
    /// The layout's current font and ellipsis setting, so they are only changed when they change.
    private var currentFont = (name: "", bold: false, size: 0.0)
    private var ellipsizing = PANGO_ELLIPSIZE_NONE
    /// Whether the shared layout carries the attributes of markup it was last given.
    private var hasMarkupAttributes = false
    /// Widths of short texts drawn again and again (severity badges, numbers' fonts), by text and font.
    private var widths: [WidthKey: Double] = [:]

    private struct WidthKey: Hashable {
        var text: String
        var font: String
        var bold: Bool
        var size: Double
    }
    /// The current page's table shapes and text, drawn (in that order) when the page is done.
    private var shapes = PDFShapeBatch()
    private var text = PDFGlyphBatch()

    /// A canvas whose first page is page `firstPage` of the document; text is laid out with the
    /// document's font options, so it measures here exactly as it prints there.
    init(firstPage: Int = 1, fontOptions: OpaquePointer) {
        self.firstPage = firstPage
        page = firstPage
        var extents = cairo_rectangle_t(x: 0, y: 0, width: Self.pageWidth, height: Self.pageHeight)
        let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
        pages.append(surface)
        context = cairo_create(surface)
        layout = pango_cairo_create_layout(context)
        // Pango keeps a copy of the options.
        pango_cairo_context_set_font_options(pango_layout_get_context(layout), fontOptions)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
        cairo_destroy(context)
        for page in pages { cairo_surface_destroy(page) }
    }

    /// Every page's context has the same size, transform and font options as the first page's, which the
    /// layouts were set up with, so layouts are not updated per page: updating marks Pango's context as
    /// changed, and every laid-out text was then shaped again when drawn (13 shapings a text, 2026-12-04).
    func newPage() {
        var extents = cairo_rectangle_t(x: 0, y: 0, width: Self.pageWidth, height: Self.pageHeight)
        let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
        pages.append(surface)
        flush()
        cairo_destroy(context)
        context = cairo_create(surface)
        page += 1
        y = Self.margin
        continuation?()
    }

    /// Draws on an earlier page (`body` sees the canvas's context switched to it), for what is only
    /// known once later pages are laid out.
    func onPage(_ number: Int, _ body: () -> Void) {
        let saved = (context, shapes, text)
        context = cairo_create(pages[number - firstPage])
        (shapes, text) = (PDFShapeBatch(), PDFGlyphBatch())
        body()
        flush()
        cairo_destroy(context)
        (context, shapes, text) = saved
    }

    /// Draws what is still waiting on the last page; call before the pages are written.
    func finish() {
        flush()
    }

    private func flush() {
        shapes.flush(on: context)
        text.flush(on: context)
    }

    /// Starts a new page unless `height` more points fit on this one.
    func ensure(_ height: Double) {
        if y + height > Self.bottom, y > Self.margin + 1 { newPage() }
    }

    /// Adds an outline (bookmark) entry pointing at the current position.
    func bookmark(_ title: String) {
        outline.append((title, page, Int(y)))
    }

    // MARK: Text

    struct Style {
        var font = "DejaVu Sans"
        var size = 9.5
        var bold = false
        var color = (0.06, 0.09, 0.16)
    }

    /// Text laid out for one width and style, ready to be drawn as many times as needed.
    final class TextBlock {
        let layout: OpaquePointer
        let style: Style
        let width: Double
        let height: Double

        fileprivate init(layout: OpaquePointer, style: Style) {
            self.layout = layout
            self.style = style
            var width: Int32 = 0
            var height: Int32 = 0
            pango_layout_get_size(layout, &width, &height)
            self.width = Double(width) / PDFCanvas.pangoScale
            self.height = Double(height) / PDFCanvas.pangoScale
        }

        deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }
    }

    /// Sets the shared layout to `text` (Pango markup when `markup`) in `style`, wrapped to `width`.
    private func prepare(_ text: String, style: Style, width: Double, markup: Bool, singleLine: Bool = false, keepEnd: Bool = false) {
        if style.font != currentFont.name || style.bold != currentFont.bold || style.size != currentFont.size {
            let description = pango_font_description_from_string("\(style.font)\(style.bold ? " Bold" : "") \(style.size)")
            pango_layout_set_font_description(layout, description)
            pango_font_description_free(description)
            currentFont = (style.font, style.bold, style.size)
        }
        let ellipsis = singleLine ? (keepEnd ? PANGO_ELLIPSIZE_START : PANGO_ELLIPSIZE_END) : PANGO_ELLIPSIZE_NONE
        if ellipsis != ellipsizing {
            pango_layout_set_ellipsize(layout, ellipsis)
            ellipsizing = ellipsis
        }
        pango_layout_set_width(layout, Int32(width * Self.pangoScale))
        if markup {
            pango_layout_set_markup(layout, text, -1)
            hasMarkupAttributes = true
        } else {
            // Plain text must not keep the attributes the last markup left on the shared layout.
            if hasMarkupAttributes {
                pango_layout_set_attributes(layout, nil)
                hasMarkupAttributes = false
            }
            pango_layout_set_text(layout, text, -1)
        }
    }

    /// `text` laid out once, to measure and then draw. A `reusable` text (a severity, a rule, a title, a
    /// rule's description: texts that recur from row to row) is laid out once for the whole document:
    /// shaping text was most of the PDF's time, and most of a large report's cells repeat.
    func block(_ text: String, style: Style = Style(), width: Double = PDFCanvas.contentWidth, markup: Bool = false,
               singleLine: Bool = false, keepEnd: Bool = false, reusable: Bool = false) -> TextBlock {
        let key = reusable ? BlockKey(text: text, font: style.font, bold: style.bold, size: style.size, color: PDFColorKey(style.color),
                                      width: width, markup: markup, singleLine: singleLine, keepEnd: keepEnd) : nil
        if let key, let known = reusableBlocks[key] { return known }
        prepare(text, style: style, width: width, markup: markup, singleLine: singleLine, keepEnd: keepEnd)
        let laid = TextBlock(layout: pango_layout_copy(layout), style: style)
        if let key {
            // Bounded: a report whose "recurring" texts never recur must not keep every layout.
            if reusableBlocks.count >= Self.reusableLimit { reusableBlocks.removeAll(keepingCapacity: true) }
            reusableBlocks[key] = laid
        }
        return laid
    }

    private struct BlockKey: Hashable {
        var text: String
        var font: String
        var bold: Bool
        var size: Double
        var color: PDFColorKey
        var width: Double
        var markup: Bool
        var singleLine: Bool
        var keepEnd: Bool
    }

    private var reusableBlocks: [BlockKey: TextBlock] = [:]
    private static let reusableLimit = 512

    /// The height `text` takes at `width`.
    func measure(_ text: String, style: Style = Style(), width: Double = PDFCanvas.contentWidth, markup: Bool = false) -> Double {
        prepare(text, style: style, width: width, markup: markup)
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return Double(height) / Self.pangoScale
    }

    /// Draws a laid-out block at (x, top) in its style's colour, without moving the cursor.
    func draw(_ block: TextBlock, x: Double, top: Double) {
        show(block.layout, x: x, top: top, color: block.style.color)
    }

    /// Puts a layout's glyphs in the page's text, or draws it with Pango's renderer when it has glyphs
    /// the batch leaves to Pango.
    private func show(_ layout: OpaquePointer, x: Double, top: Double, color: (Double, Double, Double)) {
        if text.add(layout, x: x, top: top, color: color) { return }
        // Drawn now, so the shapes gathered so far go first, to stay under it.
        shapes.flush(on: context)
        PDFGlyphBatch.drawWithPango(layout, x: x, top: top, color: color, on: context)
    }

    /// Draws text at (x, top) without moving the cursor.
    func draw(_ text: String, x: Double, top: Double, width: Double, style: Style = Style(), markup: Bool = false) {
        prepare(text, style: style, width: width, markup: markup)
        show(layout, x: x, top: top, color: style.color)
    }

    /// A paragraph at the cursor, on the next page if it does not fit here.
    func paragraph(_ text: String, style: Style = Style(), spacing: Double = 6, markup: Bool = false) {
        let laid = block(text, style: style, markup: markup)
        ensure(laid.height)
        draw(laid, x: Self.margin, top: y)
        y += laid.height + spacing
    }

    func heading(_ text: String, size: Double = 15) {
        ensure(size * 3)
        y += size * 0.4
        paragraph(text, style: Style(size: size, bold: true), spacing: size * 0.5)
    }

    // MARK: Shapes

    func fill(x: Double, y top: Double, width: Double, height: Double, color: (Double, Double, Double)) {
        cairo_set_source_rgb(context, color.0, color.1, color.2)
        cairo_rectangle(context, x, top, width, height)
        cairo_fill(context)
    }

    /// A table's shape, drawn with the page's other table shapes, under its text, when the page is done.
    func tableFill(x: Double, y top: Double, width: Double, height: Double, color: (Double, Double, Double), layer: PDFShapeBatch.Layer) {
        shapes.fill(x: x, y: top, width: width, height: height, color: color, layer: layer)
    }

    /// A rule between a table's rows, drawn with the page's other table shapes.
    func tableRule(from: (Double, Double), to: (Double, Double), color: (Double, Double, Double) = (0.89, 0.91, 0.94), width: Double = 0.6) {
        shapes.line(from: from, to: to, color: color, width: width)
    }

    func line(from: (Double, Double), to: (Double, Double), color: (Double, Double, Double) = (0.89, 0.91, 0.94), width: Double = 0.6) {
        cairo_set_source_rgb(context, color.0, color.1, color.2)
        cairo_set_line_width(context, width)
        cairo_move_to(context, from.0, from.1)
        cairo_line_to(context, to.0, to.1)
        cairo_stroke(context)
    }

    /// The width `text` takes on one line.
    func measureWidth(_ text: String, style: Style) -> Double {
        // Short texts recur (severity badges, counts): their widths are kept.
        let key = text.utf8.count <= 16 ? WidthKey(text: text, font: style.font, bold: style.bold, size: style.size) : nil
        if let key, let known = widths[key] { return known }
        prepare(text, style: style, width: Self.contentWidth, markup: false)
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        let result = Double(width) / Self.pangoScale
        if let key { widths[key] = result }
        return result
    }

    /// `text` escaped for Pango markup.
    static func escape(_ text: String) -> String {
        // Most texts have nothing to escape: no markup characters, no control characters (which GLib
        // writes as character references; 0xC2 leads the C1 controls in UTF-8).
        if !text.utf8.contains(where: { byte in
            byte < 0x20 ? byte != 0x09 && byte != 0x0A && byte != 0x0D
                : byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x27 || byte == 0x22 || byte == 0x7F || byte == 0xC2
        }) {
            return text
        }
        guard let escaped = g_markup_escape_text(text, -1) else { return "" }
        defer { g_free(escaped) }
        return String(cString: escaped)
    }
}
