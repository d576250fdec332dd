/// A painted image in memory whose pixels can be read (tests sample pixels rather than compare files).
public final class PixelImage {
    private let surface: CairoSurface

    init(surface: CairoSurface) { self.surface = surface }

    public var width: Int { surface.width }
    public var height: Int { surface.height }

    /// The colour at (x, y), opaque images only (the renderer paints an opaque background), or nil outside.
    public func color(x: Int, y: Int) -> Color? {
        guard let argb = surface.pixel(x: x, y: y) else { return nil }
        return Color(hex: argb & 0xFF_FFFF)
    }

    /// Writes the image as PNG.
    public func writePNG(to path: String) throws(RenderError) { try surface.writePNG(to: path) }
}
