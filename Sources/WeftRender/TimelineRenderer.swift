import WeftAnalysis

/// Renders runs to picture files: the one-call entry points of WeftRender.
public enum TimelineRenderer {
    /// Draws one run into `path` (.png, .svg or .pdf).
    /// - Throws: `RenderError` for a bad window, width or extension, or when the file cannot be written.
    public static func render(_ timeline: RenderTimeline, to path: String, options: RenderOptions = .init()) throws(RenderError) {
        let scene = try TimelineLayout.scene(timeline, options: options, measurer: TextMeasurer())
        try ScenePainter.write(scene, to: path)
    }
}

/// The contrast picture: two runs of one program (e.g. multiplexed and thread-per-task) on one shared time scale.
public enum ContrastRenderer {
    /// Draws `a` above `b` into `path` (.png, .svg or .pdf), each panel titled with its scheduler, threads, peak RSS
    /// and wall time.
    /// - Throws: `RenderError` for a bad window, width or extension, or when the file cannot be written.
    public static func render(a: RenderTimeline, b: RenderTimeline, to path: String,
                              options: RenderOptions = .init()) throws(RenderError) {
        let scene = try TimelineLayout.contrast(a, b, options: options, measurer: TextMeasurer())
        try ScenePainter.write(scene, to: path)
    }
}

extension TimelineRenderer {
    /// Draws one run of the analysis model into `path` (.png, .svg or .pdf).
    /// - Throws: `RenderError` for a bad window, width or extension, or when the file cannot be written.
    public static func render(_ timeline: Timeline, to path: String, options: RenderOptions = .init()) throws(RenderError) {
        try render(RenderTimeline(timeline: timeline), to: path, options: options)
    }
}

extension ContrastRenderer {
    /// Draws two runs of the analysis model, `a` above `b`, on one shared time scale into `path`.
    ///
    /// `weft compare` calls this with the multiplexed run as `a` and the thread-per-task run as `b`.
    /// - Throws: `RenderError` for a bad window, width or extension, or when the file cannot be written.
    public static func render(a: Timeline, b: Timeline, to path: String, options: RenderOptions = .init()) throws(RenderError) {
        try render(a: RenderTimeline(timeline: a), b: RenderTimeline(timeline: b), to: path, options: options)
    }
}
