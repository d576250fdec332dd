/// How `weft diff -o` draws a diff.
public struct DiffPictureOptions: Sendable {
    /// Picture width in pixels.
    public var width: Int
    public var theme: Theme
    /// At most how many tasks get a pair of bars: every task when they fit, else tasks chosen to stand for the
    /// distribution of their changes (`DiffRowChoice`).
    public var top: Int
    /// Changes smaller than this share of A's value are drawn neutral (as in differential flame graphs).
    public var neutralShare: Double
    /// Whether to draw both runs' timelines below the bars, on one time scale.
    public var timelines: Bool
    /// What the compared program does, in a line under the title (as the contrast picture's); nil for none.
    public var description: String?

    public init(width: Int = 1400, theme: Theme = .light, top: Int = 10, neutralShare: Double = 0.05,
                timelines: Bool = false) {
        self.width = width
        self.theme = theme
        self.top = top
        self.neutralShare = neutralShare
        self.timelines = timelines
    }
}

/// The colours that say which way a task's time changed.
public enum ChangeColor {
    /// B took longer than A.
    public static let slower = Color(hex: 0xC62828)
    /// B took less time than A.
    public static let faster = Color(hex: 0x5C6BC0)
    /// The change is within the neutral share.
    public static let neutral = Color(hex: 0x9E9E9E)

    /// The colour for a change from `a` to `b` nanoseconds, neutral within `neutralShare` of `a`.
    public static func of(a: UInt64, b: UInt64, neutralShare: Double) -> Color {
        let delta = Double(b) - Double(a)
        if abs(delta) <= neutralShare * Double(max(a, 1)) { return neutral }
        return delta > 0 ? slower : faster
    }
}
