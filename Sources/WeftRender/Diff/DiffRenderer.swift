import WeftAnalysis

/// Draws a `TraceDiff`: per task, A's and B's time by state as paired bars, the change coloured; optionally both
/// timelines below on one time scale.
public enum DiffRenderer {
    /// Draws the diff into `path` (.png, .svg or .pdf).
    /// - Throws: `RenderError` for a bad width or extension, or when the file cannot be written.
    public static func render(_ diff: TraceDiff, a: Timeline, b: Timeline, to path: String,
                              options: DiffPictureOptions = .init()) throws(RenderError) {
        try ScenePainter.write(scene(diff, a: a, b: b, options: options), to: path)
    }

    /// Draws the diff into `path` from each run's side alone (`DiffSide`), without the timelines (`options.timelines`
    /// needs the models: use `render(_:a:b:to:options:)` with them).
    /// - Throws: `RenderError` for a bad width or extension, or when the file cannot be written.
    public static func render(_ diff: TraceDiff, a: DiffSide, b: DiffSide, to path: String,
                              options: DiffPictureOptions = .init()) throws(RenderError) {
        try ScenePainter.write(scene(diff, a: a, b: b, options: options), to: path)
    }

    /// The scene `render` paints.
    public static func scene(_ diff: TraceDiff, a: Timeline, b: Timeline,
                             options: DiffPictureOptions = .init()) throws(RenderError) -> Scene {
        var scene = try scene(diff, a: DiffSide(a), b: DiffSide(b), options: options)
        if options.timelines {
            let measurer = try TextMeasurer()
            let render = RenderOptions(width: options.width, theme: options.theme,
                                       title: "Both runs on one time scale: A above, B below")
            let contrast = try TimelineLayout.contrast(RenderTimeline(timeline: a), RenderTimeline(timeline: b),
                                                       options: render, measurer: measurer)
            scene = scene.stacked(above: contrast, ruleColor: options.theme.rule)
        }
        return scene
    }

    /// The scene of the diff without the timelines, from each run's side.
    public static func scene(_ diff: TraceDiff, a: DiffSide, b: DiffSide,
                             options: DiffPictureOptions = .init()) throws(RenderError) -> Scene {
        guard options.width >= RenderOptions.minimumWidth else {
            throw .badSize(width: options.width, height: 0, reason: "the width must be at least \(RenderOptions.minimumWidth) pixels")
        }
        return DiffLayout(diff: diff, a: a, b: b, options: options, measurer: try TextMeasurer()).scene()
    }
}
