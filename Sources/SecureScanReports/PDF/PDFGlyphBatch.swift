import CPangoCairo

/// The text of one page, gathered from laid-out blocks and drawn with one `cairo_show_glyphs` per font
/// and colour when the page is done, instead of one cairo call per run of every block.
///
/// The glyphs are placed exactly where Pango's cairo renderer would place them (each line at its
/// logical x and baseline, each glyph at the sum of the advances before it plus its offsets), with the
/// same text and clusters, so the text a reader copies out is the same (ligatures included). cairo
/// writes a page's text with the same operators either way, but every call it is given costs an
/// analysis and a state change in its PDF surface: a page of one-line rows made 180 calls, now 3.
/// Text is drawn over the page's shapes, as before (no shape in the report is drawn over text).
struct PDFGlyphBatch {
    private struct Key: Hashable {
        var font: UnsafeMutableRawPointer
        var color: PDFColorKey
    }

    private struct Run {
        /// Referenced while the batch holds it.
        let font: OpaquePointer
        let color: (Double, Double, Double)
        var glyphs: [cairo_glyph_t] = []
        /// The UTF-8 text the glyphs stand for, and which bytes go with which glyphs.
        var text: [CChar] = []
        var clusters: [cairo_text_cluster_t] = []
    }

    private var index: [Key: Int] = [:]
    private var runs: [Run] = []

    var isEmpty: Bool { runs.isEmpty }

    /// Adds the glyphs of `layout` laid with its top-left corner at (x, top), in `color` unless a run
    /// carries a colour of its own. Returns false, adding nothing, for a layout with glyphs Pango draws
    /// as boxes or shapes (a character no font has): those are left to Pango's renderer.
    mutating func add(_ layout: OpaquePointer, x: Double, top: Double, color: (Double, Double, Double)) -> Bool {
        guard Self.isPlain(layout) else { return false }
        let source = pango_layout_get_text(layout)!
        let iterator = pango_layout_get_iter(layout)
        defer { pango_layout_iter_free(iterator) }
        repeat {
            guard let line = pango_layout_iter_get_line_readonly(iterator) else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            let baseline = top + Double(pango_layout_iter_get_baseline(iterator)) / PDFCanvas.pangoScale
            var position = Int(logical.x)
            var node = line.pointee.runs
            while let current = node {
                let run = current.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self)
                let glyphs = run.pointee.glyphs.pointee
                let item = run.pointee.item.pointee
                let runColor = Self.foreground(item.analysis.extra_attrs) ?? color
                let font = pango_cairo_font_get_scaled_font(OpaquePointer(item.analysis.font))!
                let key = Key(font: UnsafeMutableRawPointer(font), color: PDFColorKey(runColor))
                let slot: Int
                if let known = index[key] {
                    slot = known
                } else {
                    slot = runs.count
                    index[key] = slot
                    runs.append(Run(font: cairo_scaled_font_reference(font), color: runColor))
                }
                let y = baseline - Double(run.pointee.y_offset) / PDFCanvas.pangoScale
                let infos = UnsafeBufferPointer(start: glyphs.glyphs, count: Int(glyphs.num_glyphs))
                let clusterStarts = UnsafeBufferPointer(start: glyphs.log_clusters, count: Int(glyphs.num_glyphs))
                runs[slot].text.append(contentsOf: UnsafeBufferPointer(start: source + Int(item.offset), count: Int(item.length)))
                for (offset, glyph) in infos.enumerated() {
                    // A glyph whose byte offset differs from the previous glyph's starts a cluster; the
                    // cluster's bytes run to the next cluster's start (or the item's end).
                    if offset == 0 || clusterStarts[offset] != clusterStarts[offset - 1] {
                        let next = infos.indices[(offset + 1)...].first { clusterStarts[$0] != clusterStarts[offset] }
                        let end = next.map { Int(clusterStarts[$0]) } ?? Int(item.length)
                        runs[slot].clusters.append(cairo_text_cluster_t(num_bytes: Int32(end - Int(clusterStarts[offset])), num_glyphs: 0))
                    }
                    if glyph.glyph != PANGO_GLYPH_EMPTY {
                        runs[slot].glyphs.append(cairo_glyph_t(
                            index: UInt(glyph.glyph),
                            x: x + Double(position + Int(glyph.geometry.x_offset)) / PDFCanvas.pangoScale,
                            y: y + Double(glyph.geometry.y_offset) / PDFCanvas.pangoScale))
                        runs[slot].clusters[runs[slot].clusters.count - 1].num_glyphs += 1
                    }
                    position += Int(glyph.geometry.width)
                }
                node = current.pointee.next
            }
        } while pango_layout_iter_next_line(iterator) != 0
        return true
    }

    /// Draws `layout` at once with Pango's renderer, at (x, top) in `color`: for a layout ``add(_:x:top:color:)``
    /// leaves to Pango.
    static func drawWithPango(_ layout: OpaquePointer, x: Double, top: Double, color: (Double, Double, Double), on context: OpaquePointer) {
        cairo_set_source_rgb(context, color.0, color.1, color.2)
        cairo_move_to(context, x, top)
        pango_cairo_show_layout(context, layout)
    }

    /// Draws the gathered glyphs on `context` and empties the batch.
    mutating func flush(on context: OpaquePointer) {
        for run in runs {
            cairo_set_source_rgb(context, run.color.0, run.color.1, run.color.2)
            cairo_set_scaled_font(context, run.font)
            run.text.withUnsafeBufferPointer { text in
                run.glyphs.withUnsafeBufferPointer { glyphs in
                    run.clusters.withUnsafeBufferPointer { clusters in
                        cairo_show_text_glyphs(context, text.baseAddress, Int32(text.count), glyphs.baseAddress, Int32(glyphs.count),
                                               clusters.baseAddress, Int32(clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
                    }
                }
            }
            cairo_scaled_font_destroy(run.font)
        }
        runs.removeAll(keepingCapacity: true)
        index.removeAll(keepingCapacity: true)
    }

    /// Whether every glyph of `layout` is a font's glyph (no hex box for a missing character), every run
    /// reads left to right and none has an attribute the batch does not read (only colours are read).
    private static func isPlain(_ layout: OpaquePointer) -> Bool {
        var lines = pango_layout_get_lines_readonly(layout)
        while let line = lines {
            var node = line.pointee.data.assumingMemoryBound(to: PangoLayoutLine.self).pointee.runs
            while let current = node {
                let run = current.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self)
                let glyphs = run.pointee.glyphs.pointee
                for glyph in UnsafeBufferPointer(start: glyphs.glyphs, count: Int(glyphs.num_glyphs))
                where glyph.glyph != PANGO_GLYPH_EMPTY && glyph.glyph & PANGO_GLYPH_UNKNOWN_FLAG != 0 {
                    return false
                }
                let analysis = run.pointee.item.pointee.analysis
                // Right-to-left runs keep Pango's renderer, which orders their clusters backwards.
                if analysis.level & 1 != 0 || hasOtherAttributes(analysis.extra_attrs) { return false }
                node = current.pointee.next
            }
            lines = line.pointee.next
        }
        return true
    }

    /// The foreground colour a run's attributes set, if any.
    private static func foreground(_ attributes: UnsafeMutablePointer<GSList>?) -> (Double, Double, Double)? {
        var node = attributes
        while let current = node {
            let attribute = current.pointee.data.assumingMemoryBound(to: PangoAttribute.self)
            if attribute.pointee.klass.pointee.type == PANGO_ATTR_FOREGROUND {
                let color = UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: PangoAttrColor.self).pointee.color
                return (Double(color.red) / 65535, Double(color.green) / 65535, Double(color.blue) / 65535)
            }
            node = current.pointee.next
        }
        return nil
    }

    /// Whether a run carries an attribute that changes how it is drawn beyond its colour (underline,
    /// strikethrough, rise, shapes, transparency, background).
    private static func hasOtherAttributes(_ attributes: UnsafeMutablePointer<GSList>?) -> Bool {
        var node = attributes
        while let current = node {
            let type = current.pointee.data.assumingMemoryBound(to: PangoAttribute.self).pointee.klass.pointee.type
            if type != PANGO_ATTR_FOREGROUND { return true }
            node = current.pointee.next
        }
        return false
    }
}
