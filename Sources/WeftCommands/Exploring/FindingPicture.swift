import WeftAnalysis
import WeftRender

/// Draws a trace `weft explore` saved (its deadlock shown as `weft render` shows one) into a picture.
enum FindingPicture {
    /// Draws `trace` into `path` (.png, .svg or .pdf), written beside its name and renamed into place.
    /// - Throws: `ExitCode(2)` when the trace cannot be read, `OutputError` or `RenderError` when the picture cannot
    ///   be written.
    static func draw(_ trace: String, to path: String, title: String) throws {
        let timeline = try TraceLoader.timeline(trace, command: "explore")
        let target = try OutputFile(path, inputs: [trace], what: "picture", createFolder: true)
        try TimelineRenderer.render(timeline, to: target.partialPath, options: RenderOptions(title: title))
        try target.commit()
    }
}
