import CPangoCairo
import Foundation

/// The PDF file: cairo's PDF surface streaming into an ``ArtifactSink``. Canvases lay pages out into
/// recording surfaces (``PDFCanvas``); ``write(_:footer:)`` paints them into the file in order, with a
/// footer on each page and the canvases' bookmarks. Deterministic: the metadata dates are the run's
/// finish time, so the same run renders to the same bytes.
///
/// A class because it owns the C surface, released in `deinit`.
final class PDFDocument {
    /// Where the C write callback sends the bytes.
    private final class Output {
        let sink: ArtifactSink
        init(_ sink: ArtifactSink) { self.sink = sink }
    }

    private let output: Output
    private let surface: OpaquePointer
    /// The options text must be laid out with to measure as it prints (no hinting of metrics).
    let fontOptions: OpaquePointer

    init(title: String, createdAt: String, output sink: ArtifactSink) {
        output = Output(sink)
        let write: cairo_write_func_t = { closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Output>.fromOpaque(closure).takeUnretainedValue().sink.write(UnsafeRawBufferPointer(start: bytes, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(output).toOpaque(), PDFCanvas.pageWidth, PDFCanvas.pageHeight)
        // Fixed metadata dates make two renders of the same run byte-identical.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "SecureScan")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, createdAt)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, createdAt)
        fontOptions = cairo_font_options_create()
        cairo_surface_get_font_options(surface, fontOptions)
    }

    deinit {
        cairo_surface_destroy(surface)
        cairo_font_options_destroy(fontOptions)
    }

    /// A canvas for pages numbered from `firstPage`.
    func canvas(firstPage: Int = 1) -> PDFCanvas { PDFCanvas(firstPage: firstPage, fontOptions: fontOptions) }

    /// Writes the canvases' pages in order, each with `footer(page, total)` (left and right text) at the
    /// bottom; bookmarks are placed on the pages they were recorded on, shifted by `pageOffset`
    /// (the canvases' numbering assumed a front matter of another length).
    func write(_ canvases: [PDFCanvas], pageOffset: Int = 0, footer: (Int, Int) -> (String, String)) {
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        let footerLayouts = Footer(context: context)
        for canvas in canvases { canvas.finish() }
        let total = canvases.map(\.pages.count).reduce(0, +)
        let outline = canvases.flatMap(\.outline)
        var number = 0
        for canvas in canvases {
            for page in canvas.pages {
                number += 1
                cairo_set_source_surface(context, page, 0, 0)
                cairo_paint(context)
                footerLayouts.draw(footer(number, total), on: context)
                for entry in outline where entry.page + pageOffset == number {
                    cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, entry.title, "page=\(number) pos=[0 \(entry.y)]",
                                                  CAIRO_PDF_OUTLINE_FLAG_OPEN)
                }
                cairo_show_page(context)
            }
        }
        cairo_surface_finish(surface)
    }

    /// The footer's rule and two texts; the left text is usually the same on every page and is laid out
    /// again only when it changes.
    private final class Footer {
        let left: OpaquePointer
        let right: OpaquePointer
        var leftText: String?

        init(context: OpaquePointer) {
            let description = pango_font_description_from_string("DejaVu Sans 7.5")
            left = pango_cairo_create_layout(context)
            right = pango_cairo_create_layout(context)
            for layout in [left, right] { pango_layout_set_font_description(layout, description) }
            pango_font_description_free(description)
            pango_layout_set_width(left, Int32(PDFCanvas.contentWidth * 0.75 * PDFCanvas.pangoScale))
        }

        deinit {
            g_object_unref(UnsafeMutableRawPointer(left))
            g_object_unref(UnsafeMutableRawPointer(right))
        }

        func draw(_ text: (left: String, right: String), on context: OpaquePointer) {
            let top = PDFCanvas.pageHeight - PDFCanvas.margin - 10
            cairo_set_source_rgb(context, 0.89, 0.91, 0.94)
            cairo_set_line_width(context, 0.6)
            cairo_move_to(context, PDFCanvas.margin, top - 6)
            cairo_line_to(context, PDFCanvas.pageWidth - PDFCanvas.margin, top - 6)
            cairo_stroke(context)
            if text.left != leftText {
                pango_layout_set_text(left, text.left, -1)
                leftText = text.left
            }
            pango_layout_set_text(right, text.right, -1)
            var width: Int32 = 0
            var height: Int32 = 0
            pango_layout_get_size(right, &width, &height)
            let color = (0.28, 0.33, 0.41)
            var glyphs = PDFGlyphBatch()
            for (layout, x) in [(left, PDFCanvas.margin), (right, PDFCanvas.pageWidth - PDFCanvas.margin - Double(width) / PDFCanvas.pangoScale)]
            where !glyphs.add(layout, x: x, top: top, color: color) {
                PDFGlyphBatch.drawWithPango(layout, x: x, top: top, color: color, on: context)
            }
            glyphs.flush(on: context)
        }
    }
}
