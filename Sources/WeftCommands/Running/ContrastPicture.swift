import WeftAnalysis
import WeftRender
import WeftTrace

/// The contrast picture `weft compare` draws: the multiplexed run above the thread-per-task run, on one time scale.
enum ContrastPicture {
    /// The formats written, as file extensions.
    static let formats = ["png", "svg"]

    /// Draws the two traces into `base.png` and `base.svg`.
    /// - Returns: the files written.
    /// - Throws: `TraceError` when a trace cannot be read, `RenderError` when a picture cannot be drawn.
    static func draw(multiplexed: String, threadPerTask: String, to base: String, title: String) throws -> [String] {
        let a = try TimelineBuilder.build(from: TraceReader(path: multiplexed))
        let b = try TimelineBuilder.build(from: TraceReader(path: threadPerTask))
        var written: [String] = []
        for format in formats {
            let path = "\(base).\(format)"
            try ContrastRenderer.render(a: a, b: b, to: path, options: RenderOptions(title: title))
            written.append(path)
        }
        return written
    }
}
