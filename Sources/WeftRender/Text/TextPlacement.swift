extension TextMeasurer {
    /// Fits `text` at an anchor inside `clip` and returns the item to draw, or nil when not even a truncated form fits.
    ///
    /// The anchor is `x` (left edge, centre, or right edge by `alignment`) on the baseline `baseline`.
    /// The returned item's box lies inside `clip`, so the text never leaves its box.
    public func place(_ text: String, x: Double, baseline: Double, size: Double, weight: FontWeight = .regular,
                      alignment: TextAlignment = .left, color: Color, clip: Rect,
                      minimumCharacters: Int = 1) -> TextItem? {
        let (ascent, descent) = extents(size: size, weight: weight)
        let top = baseline - ascent
        guard top >= clip.y - 0.01, baseline + descent <= clip.maxY + 0.01 else { return nil }
        let available: Double
        switch alignment {
        case .left: available = clip.maxX - x
        case .right: available = x - clip.x
        case .center: available = 2 * min(x - clip.x, clip.maxX - x)
        }
        guard let fitted = fit(text, maxWidth: available, size: size, weight: weight,
                               minimumCharacters: minimumCharacters) else { return nil }
        let w = width(fitted, size: size, weight: weight)
        let left: Double
        switch alignment {
        case .left: left = x
        case .right: left = x - w
        case .center: left = x - w / 2
        }
        return TextItem(text: fitted, box: Rect(x: left, y: top, width: w, height: ascent + descent),
                        baseline: baseline, size: size, weight: weight, alignment: alignment, color: color, clip: clip)
    }
}
