import CCairo

/// Measures text as the painter will draw it (Cairo's toy text API, DejaVu Sans), so that layout can fit labels.
///
/// Widths are cached per string, size and weight. Not thread-safe: one measurer per layout.
public final class TextMeasurer {
    private let context: CairoContext
    private var widths: [Key: Double] = [:]
    private var metrics: [Key: (ascent: Double, descent: Double)] = [:]
    private var current: (size: Double, weight: FontWeight)?

    private struct Key: Hashable {
        var text: String
        var size: Double
        var weight: FontWeight
    }

    /// A measurer on a 1×1 scratch image.
    /// - Throws: `RenderError` if Cairo cannot create the scratch surface.
    public init() throws(RenderError) {
        context = try CairoContext(surface: CairoSurface.image(width: 1, height: 1))
    }

    private func select(_ size: Double, _ weight: FontWeight) {
        if let c = current, c.size == size, c.weight == weight { return }
        context.setFont(size: size, weight: weight)
        current = (size, weight)
    }

    /// The advance width of `text` in pixels.
    public func width(_ text: String, size: Double, weight: FontWeight = .regular) -> Double {
        let key = Key(text: text, size: size, weight: weight)
        if let w = widths[key] { return w }
        select(size, weight)
        let w = context.advance(text)
        widths[key] = w
        return w
    }

    /// Ascent and descent of the font at `size`.
    public func extents(size: Double, weight: FontWeight = .regular) -> (ascent: Double, descent: Double) {
        let key = Key(text: "", size: size, weight: weight)
        if let m = metrics[key] { return m }
        select(size, weight)
        let m = context.fontExtents()
        metrics[key] = m
        return m
    }

    /// `text` if it fits in `maxWidth`, else its longest prefix followed by "…" that fits, else nil (omit it).
    /// - Parameter minimumCharacters: fewer kept characters than this before the ellipsis count as not fitting.
    public func fit(_ text: String, maxWidth: Double, size: Double, weight: FontWeight = .regular,
                    minimumCharacters: Int = 1) -> String? {
        guard maxWidth > 0 else { return nil }
        if width(text, size: size, weight: weight) <= maxWidth { return text }
        let characters = Array(text)
        var low = 0
        var high = characters.count - 1
        var best: String?
        while low <= high {
            let mid = (low + high) / 2
            let candidate = String(characters[0..<mid]) + "…"
            if width(candidate, size: size, weight: weight) <= maxWidth {
                if mid >= minimumCharacters { best = candidate }
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return best
    }
}
