import CCairo

/// One Cairo drawing context; keeps its surface alive and is destroyed with the object.
///
/// - Warning: not thread-safe; create, use and drop it on one thread.
final class CairoContext {
    let pointer: OpaquePointer
    /// The surface drawn on, kept alive as long as the context.
    let surface: CairoSurface

    init(surface: CairoSurface) throws(RenderError) {
        self.surface = surface
        guard let created = cairo_create(surface.pointer) else {
            throw RenderError.cairo(operation: "create a drawing context", status: 1, message: "out of memory")
        }
        pointer = created
        do {
            try CairoStatus.check(cairo_status(created), "create a drawing context")
        } catch {
            cairo_destroy(created)
            throw error
        }
    }

    deinit { cairo_destroy(pointer) }

    /// Throws if any drawing so far failed (Cairo errors are sticky).
    func checkStatus(_ operation: String) throws(RenderError) {
        try CairoStatus.check(cairo_status(pointer), operation)
    }

    func setColor(_ c: Color) { cairo_set_source_rgba(pointer, c.red, c.green, c.blue, c.alpha) }
    func setLineWidth(_ w: Double) { cairo_set_line_width(pointer, w) }
    func setDash(_ pattern: [Double]) {
        pattern.withUnsafeBufferPointer { cairo_set_dash(pointer, $0.baseAddress, Int32($0.count), 0) }
    }
    func rectangle(_ r: Rect) { cairo_rectangle(pointer, r.x, r.y, r.width, r.height) }
    func move(to p: Point) { cairo_move_to(pointer, p.x, p.y) }
    func line(to p: Point) { cairo_line_to(pointer, p.x, p.y) }
    func arc(center: Point, radius: Double) { cairo_new_sub_path(pointer); cairo_arc(pointer, center.x, center.y, radius, 0, 2 * .pi) }
    func closePath() { cairo_close_path(pointer) }
    func fill() { cairo_fill(pointer) }
    func fillPreserve() { cairo_fill_preserve(pointer) }
    func stroke() { cairo_stroke(pointer) }
    func save() { cairo_save(pointer) }
    func restore() { cairo_restore(pointer) }
    func clip(_ r: Rect) { rectangle(r); cairo_clip(pointer) }
    /// Clips to the current path (and clears it).
    func clipToPath() { cairo_clip(pointer) }
    func setAntialias(_ on: Bool) { cairo_set_antialias(pointer, on ? CAIRO_ANTIALIAS_DEFAULT : CAIRO_ANTIALIAS_NONE) }

    /// Selects DejaVu Sans at `size` with `weight` for the text calls below.
    func setFont(size: Double, weight: FontWeight) {
        cairo_select_font_face(pointer, FontWeight.family, CAIRO_FONT_SLANT_NORMAL,
                               weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(pointer, size)
    }

    /// Draws `text` with its baseline starting at the current point.
    func showText(_ text: String) { cairo_show_text(pointer, text) }

    /// The advance width of `text` in the current font.
    func advance(_ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(pointer, text, &extents)
        return extents.x_advance
    }

    /// Ascent and descent of the current font.
    func fontExtents() -> (ascent: Double, descent: Double) {
        var extents = cairo_font_extents_t()
        cairo_font_extents(pointer, &extents)
        return (extents.ascent, extents.descent)
    }
}
