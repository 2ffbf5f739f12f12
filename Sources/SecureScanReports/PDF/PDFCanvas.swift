import CPangoCairo
import Foundation

/// A paginating drawing surface over cairo's PDF backend and Pango text layout: A4 pages, a cursor that
/// moves down the page, text measured before it is drawn so blocks and table rows never straddle a page
/// break, and a footer on every page. The PDF streams into an ``ArtifactSink`` page by page.
///
/// A class because it owns C resources (surface, context, layouts) released in `deinit`.
final class PDFCanvas {
    static let pageWidth = 595.276
    static let pageHeight = 841.89
    static let margin = 48.0
    static let footerHeight = 28.0
    static var contentWidth: Double { pageWidth - 2 * margin }
    static var bottom: Double { pageHeight - margin - footerHeight }
    private static let pangoScale = 1024.0

    /// Where the C write callback sends the bytes: the artifact, or nowhere during the layout pass.
    private final class Output {
        let sink: ArtifactSink?
        init(_ sink: ArtifactSink?) { self.sink = sink }
    }

    private let output: Output
    private let surface: OpaquePointer
    let context: OpaquePointer
    private let layout: OpaquePointer
    private(set) var page = 1
    var y = PDFCanvas.margin
    /// Drawn at the bottom of every page: (page number) -> left text, right text.
    var footer: (Int) -> (String, String) = { _ in ("", "") }
    /// Drawn at the top of a page a table continues on (the table's header row).
    var continuation: (() -> Void)?
    /// The layout pass: text is measured (pages break where they will) but nothing is drawn.
    let measuringOnly: Bool
    /// Heights `measure` returned, in call order: recorded by the layout pass, replayed by the drawing
    /// pass so each text is laid out for its height once.
    private(set) var heights: [Double] = []
    private let recorded: [Double]
    /// The layout's current font and ellipsis setting, so they are only changed when they change.
    private var currentFont = (name: "", bold: false, size: 0.0)
    private var ellipsizing = false
    /// Widths of short texts drawn again and again (severity badges, numbers' fonts), by text and font.
    private var widths: [String: Double] = [:]

    init(title: String, createdAt: String, measuringOnly: Bool = false, recordedHeights: [Double] = [], output: ArtifactSink? = nil) {
        self.measuringOnly = measuringOnly
        recorded = recordedHeights
        self.output = Output(output)
        let write: cairo_write_func_t = { closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Output>.fromOpaque(closure).takeUnretainedValue().sink?.write(UnsafeRawBufferPointer(start: bytes, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(self.output).toOpaque(), Self.pageWidth, Self.pageHeight)
        // Fixed metadata dates make two renders of the same run byte-identical.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "SecureScan")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, createdAt)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, createdAt)
        context = cairo_create(surface)
        layout = pango_cairo_create_layout(context)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Ends the last page and writes the rest of the PDF.
    func finish() {
        drawFooter()
        cairo_show_page(context)
        cairo_surface_finish(surface)
    }

    func newPage() {
        drawFooter()
        cairo_show_page(context)
        page += 1
        y = Self.margin
        continuation?()
    }

    /// Starts a new page unless `height` more points fit on this one.
    func ensure(_ height: Double) {
        if y + height > Self.bottom, y > Self.margin + 1 { newPage() }
    }

    /// Adds an outline (bookmark) entry pointing at the current position.
    func bookmark(_ title: String, level parent: Int32 = 0) -> Int32 {
        cairo_pdf_surface_add_outline(surface, parent, title, "page=\(page) pos=[0 \(Int(y))]", CAIRO_PDF_OUTLINE_FLAG_OPEN)
    }

    // MARK: Text

    struct Style {
        var font = "DejaVu Sans"
        var size = 9.5
        var bold = false
        var color = (0.06, 0.09, 0.16)
    }

    /// Sets the layout to `text` (Pango markup when `markup`) in `style`, wrapped to `width`; returns its height.
    @discardableResult
    private func prepare(_ text: String, style: Style, width: Double, markup: Bool, singleLine: Bool = false) -> Double {
        if style.font != currentFont.name || style.bold != currentFont.bold || style.size != currentFont.size {
            let description = pango_font_description_from_string("\(style.font)\(style.bold ? " Bold" : "") \(style.size)")
            pango_layout_set_font_description(layout, description)
            pango_font_description_free(description)
            currentFont = (style.font, style.bold, style.size)
        }
        if singleLine != ellipsizing {
            pango_layout_set_ellipsize(layout, singleLine ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE)
            ellipsizing = singleLine
        }
        pango_layout_set_width(layout, Int32(width * Self.pangoScale))
        if markup { pango_layout_set_markup(layout, text, -1) } else { pango_layout_set_text(layout, text, -1) }
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return Double(height) / Self.pangoScale
    }

    func measure(_ text: String, style: Style = Style(), width: Double = PDFCanvas.contentWidth, markup: Bool = false) -> Double {
        let index = heights.count
        let height = index < recorded.count ? recorded[index] : prepare(text, style: style, width: width, markup: markup)
        heights.append(height)
        return height
    }

    /// Draws text at (x, top) without moving the cursor; returns its height.
    @discardableResult
    func draw(_ text: String, x: Double, top: Double, width: Double, style: Style = Style(), markup: Bool = false,
              singleLine: Bool = false) -> Double {
        if measuringOnly { return 0 }
        let height = prepare(text, style: style, width: width, markup: markup, singleLine: singleLine)
        cairo_set_source_rgb(context, style.color.0, style.color.1, style.color.2)
        cairo_move_to(context, x, top)
        pango_cairo_show_layout(context, layout)
        return height
    }

    /// A paragraph at the cursor, on the next page if it does not fit here.
    func paragraph(_ text: String, style: Style = Style(), spacing: Double = 6, markup: Bool = false) {
        let height = measure(text, style: style, markup: markup)
        ensure(height)
        draw(text, x: Self.margin, top: y, width: Self.contentWidth, style: style, markup: markup)
        y += height + spacing
    }

    func heading(_ text: String, size: Double = 15) {
        ensure(size * 3)
        y += size * 0.4
        paragraph(text, style: Style(size: size, bold: true), spacing: size * 0.5)
    }

    // MARK: Shapes

    func fill(x: Double, y top: Double, width: Double, height: Double, color: (Double, Double, Double)) {
        if measuringOnly { return }
        cairo_set_source_rgb(context, color.0, color.1, color.2)
        cairo_rectangle(context, x, top, width, height)
        cairo_fill(context)
    }

    func line(from: (Double, Double), to: (Double, Double), color: (Double, Double, Double) = (0.89, 0.91, 0.94), width: Double = 0.6) {
        if measuringOnly { return }
        cairo_set_source_rgb(context, color.0, color.1, color.2)
        cairo_set_line_width(context, width)
        cairo_move_to(context, from.0, from.1)
        cairo_line_to(context, to.0, to.1)
        cairo_stroke(context)
    }

    private func drawFooter() {
        if measuringOnly { return }
        let (left, right) = footer(page)
        let top = Self.pageHeight - Self.margin - 10
        line(from: (Self.margin, top - 6), to: (Self.pageWidth - Self.margin, top - 6))
        let style = Style(size: 7.5, color: (0.28, 0.33, 0.41))
        draw(left, x: Self.margin, top: top, width: Self.contentWidth * 0.75, style: style)
        let width = measureWidth(right, style: style)
        draw(right, x: Self.pageWidth - Self.margin - width, top: top, width: width + 1, style: style)
    }

    /// Only ever used to place what is drawn, so the layout pass skips it.
    func measureWidth(_ text: String, style: Style) -> Double {
        if measuringOnly { return 0 }
        // Short texts recur (severity badges, counts): their widths are kept.
        let key = text.utf8.count <= 16 ? "\(text)\u{0}\(style.font)\u{0}\(style.bold)\u{0}\(style.size)" : nil
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
        guard let escaped = g_markup_escape_text(text, -1) else { return "" }
        defer { g_free(escaped) }
        return String(cString: escaped)
    }
}
