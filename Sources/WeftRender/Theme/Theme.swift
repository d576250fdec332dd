/// The colours of one look (light or dark) apart from the palette, which both share.
public struct Theme: Sendable, Equatable {
    /// The theme's name as given on the command line.
    public var name: String
    public var background: Color
    /// Main text.
    public var text: Color
    /// Secondary text: axis labels, notes.
    public var secondaryText: Color
    /// Axis and grid lines.
    public var grid: Color
    /// Every other lane's background, to guide the eye along a lane.
    public var laneBand: Color
    /// Panel and section separators.
    public var rule: Color
    /// A run of slices too narrow to draw apart (level of detail).
    public var dense: Color
    /// A thread that exists but runs nothing (density rows).
    public var idleThread: Color
    /// Arrow colours.
    public var messageArrow: Color
    public var spawnArrow: Color
    public var lockArrow: Color
    public var wakeArrow: Color
    /// Markers drawn on task lanes.
    public var marker: Color
    /// The band over a folded stretch of the time axis.
    public var foldBand: Color
    /// The translucent band over a stretch in which the machine paused the whole process (a stall).
    public var stallBand: Color

    /// Dark text on white.
    public static let light = Theme(
        name: "light", background: Color(hex: 0xFFFFFF), text: Color(hex: 0x1F2328), secondaryText: Color(hex: 0x59636E),
        grid: Color(hex: 0xD8DEE4), laneBand: Color(hex: 0xF6F8FA), rule: Color(hex: 0x8C959F),
        dense: Color(hex: 0x4D5566), idleThread: Color(hex: 0xE8EAED), messageArrow: Color(hex: 0x1F2328, alpha: 0.75),
        spawnArrow: Color(hex: 0x6E7781, alpha: 0.8), lockArrow: Color(hex: 0xBB1100, alpha: 0.9),
        wakeArrow: Color(hex: 0x6E7781, alpha: 0.6), marker: Color(hex: 0x1F2328),
        foldBand: Color(hex: 0x8C959F, alpha: 0.3), stallBand: Color(hex: 0x57606A, alpha: 0.9))

    /// Light text on near-black.
    public static let dark = Theme(
        name: "dark", background: Color(hex: 0x16181C), text: Color(hex: 0xE6EDF3), secondaryText: Color(hex: 0x9DA7B3),
        grid: Color(hex: 0x30363D), laneBand: Color(hex: 0x1E2228), rule: Color(hex: 0x6E7681),
        dense: Color(hex: 0xB8C0CC), idleThread: Color(hex: 0x39414D), messageArrow: Color(hex: 0xE6EDF3, alpha: 0.75),
        spawnArrow: Color(hex: 0x9DA7B3, alpha: 0.8), lockArrow: Color(hex: 0xFF5533, alpha: 0.9),
        wakeArrow: Color(hex: 0x9DA7B3, alpha: 0.6), marker: Color(hex: 0xE6EDF3),
        foldBand: Color(hex: 0x9DA7B3, alpha: 0.3), stallBand: Color(hex: 0xB8C0CC, alpha: 0.9))

    /// The theme named `name` ("light" or "dark").
    public static func named(_ name: String) -> Theme? {
        switch name.lowercased() {
        case "light": .light
        case "dark": .dark
        default: nil
        }
    }

    /// Black or white, whichever reads better on `fill`.
    public func textColor(on fill: Color) -> Color {
        fill.luminance > 0.33 ? Color(hex: 0x111111) : Color(hex: 0xFFFFFF)
    }
}
