import WeftAnalysis
import WeftRender

/// The contrast picture `weft compare` draws: the multiplexed run above the thread-per-task run, on one time scale.
enum ContrastPicture {
    /// The formats written, as file extensions.
    static let formats = ["png", "svg"]

    /// Draws the two traces into `base.png` and `base.svg`, each written beside its name and renamed into place.
    /// - Returns: the files written.
    /// - Throws: `ExitCode(2)` when a trace cannot be read (the loader said why), `OutputError` when a file cannot
    ///   be written, `RenderError` when a picture cannot be drawn.
    static func draw(multiplexed: String, threadPerTask: String, to base: String, title: String) throws -> [String] {
        let timelines = try TraceLoader.timelines([multiplexed, threadPerTask], command: "compare")
        return try draw(timelines[0], timelines[1], from: [multiplexed, threadPerTask], to: base, title: title)
    }

    /// Draws two runs already read from `inputs` (never overwritten) into `base.png` and `base.svg`.
    /// - Returns: the files written.
    /// - Parameters:
    ///   - description: the line under the title that says what the program does.
    ///   - verdict: the sentences under it (`ContrastVerdict`); nil: the renderer's own from the two runs alone.
    static func draw(_ multiplexed: Timeline, _ threadPerTask: Timeline, from inputs: [String], to base: String,
                     title: String, description: String? = nil, verdict: String? = nil) throws -> [String] {
        var options = RenderOptions(title: title)
        options.description = description
        options.verdict = verdict
        var written: [String] = []
        for format in formats {
            let target = try OutputFile("\(base).\(format)", inputs: inputs, what: "picture", createFolder: true)
            try ContrastRenderer.render(a: multiplexed, b: threadPerTask, to: target.partialPath, options: options)
            try target.commit()
            written.append(target.path)
        }
        return written
    }
}
