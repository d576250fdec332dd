import CCairo

/// One Cairo surface (an image in memory, an SVG file or a PDF file); destroyed with the object.
final class CairoSurface {
    let pointer: OpaquePointer
    /// Width and height in pixels (image) or points (SVG, PDF).
    let width: Int
    let height: Int

    private init(_ pointer: OpaquePointer, width: Int, height: Int, operation: String) throws(RenderError) {
        self.pointer = pointer
        self.width = width
        self.height = height
        do {
            try CairoStatus.check(cairo_surface_status(pointer), operation)
        } catch {
            cairo_surface_destroy(pointer)
            throw error
        }
    }

    deinit { cairo_surface_destroy(pointer) }

    /// An ARGB32 image in memory.
    static func image(width: Int, height: Int) throws(RenderError) -> CairoSurface {
        try checkSize(width, height)
        return try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)),
                                width: width, height: height, operation: "create a \(width)×\(height) image")
    }

    /// An SVG file at `path`, written as the surface is painted and finished.
    static func svg(path: String, width: Int, height: Int) throws(RenderError) -> CairoSurface {
        try checkSize(width, height)
        let surface = try CairoSurface(cairo_svg_surface_create(path, Double(width), Double(height)),
                                       width: width, height: height, operation: "create the SVG file '\(path)'")
        cairo_svg_surface_set_document_unit(surface.pointer, CAIRO_SVG_UNIT_PX)
        return surface
    }

    /// A PDF file at `path`.
    static func pdf(path: String, width: Int, height: Int) throws(RenderError) -> CairoSurface {
        try checkSize(width, height)
        return try CairoSurface(cairo_pdf_surface_create(path, Double(width), Double(height)),
                                width: width, height: height, operation: "create the PDF file '\(path)'")
    }

    /// Writes an image surface as a PNG file.
    func writePNG(to path: String) throws(RenderError) {
        cairo_surface_flush(pointer)
        try CairoStatus.check(cairo_surface_write_to_png(pointer, path), "write the PNG file '\(path)'")
    }

    /// Finishes a file surface (SVG, PDF): everything is written and the file closed.
    func finish(path: String) throws(RenderError) {
        cairo_surface_finish(pointer)
        try CairoStatus.check(cairo_surface_status(pointer), "finish writing '\(path)'")
    }

    /// The pixel at (x, y) of an image surface as 0xAARRGGBB (premultiplied, as Cairo stores it).
    func pixel(x: Int, y: Int) -> UInt32? {
        cairo_surface_flush(pointer)
        guard x >= 0, y >= 0, x < width, y < height, let data = cairo_image_surface_get_data(pointer) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(pointer))
        return data.advanced(by: y * stride + x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
    }

    /// Largest side Weft paints: Cairo images are limited to 32767 pixels a side.
    static let maxSide = 32_767

    private static func checkSize(_ width: Int, _ height: Int) throws(RenderError) {
        guard width >= 1, height >= 1 else { throw .badSize(width: width, height: height, reason: "both sides must be at least 1") }
        guard width <= maxSide, height <= maxSide else {
            throw .badSize(width: width, height: height, reason: "a side may be at most \(maxSide); use a smaller --width or fewer lanes")
        }
    }
}
