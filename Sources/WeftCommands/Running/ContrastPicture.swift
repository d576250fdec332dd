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
    ///   - runs: each scheduler's runs, multiplexed first (`weft compare`); nil when drawn from saved traces alone.
    ///     Drawn as the runs strip only when both drawn runs completed.
    static func draw(_ multiplexed: Timeline, _ threadPerTask: Timeline, from inputs: [String], to base: String,
                     title: String, description: String? = nil, verdict: VerdictText? = nil,
                     runs: [RepeatedRuns]? = nil) throws -> [String] {
        let options = self.options(title: title, description: description, verdict: verdict,
                                   runs: racedRuns(multiplexed, threadPerTask, runs))
        var written: [String] = []
        for format in formats {
            let target = try OutputFile("\(base).\(format)", inputs: inputs, what: "picture", createFolder: true)
            try ContrastRenderer.render(a: multiplexed, b: threadPerTask, to: target.partialPath, options: options)
            try target.commit()
            written.append(target.path)
        }
        return written
    }

    /// `runs` when both drawn runs completed, else nil: a run that ended badly (a deadlock, a failure) is not a race,
    /// as the verdict says, so its picture gets no runs strip.
    static func racedRuns(_ multiplexed: Timeline, _ threadPerTask: Timeline, _ runs: [RepeatedRuns]?) -> [RepeatedRuns]? {
        let completed = [multiplexed, threadPerTask].allSatisfy { ($0.run.outcome ?? .completed) == .completed }
        return completed ? runs : nil
    }

    /// The picture's options: its title, description and verdict, and every run's wall time under each scheduler
    /// when there were several (the runs strip under the verdict), taken from the runs the table's wall-time row and
    /// the verdict's rank test read (`RepeatedRuns.wallTimes`).
    static func options(title: String, description: String?, verdict: VerdictText?, runs: [RepeatedRuns]?) -> RenderOptions {
        var options = RenderOptions(title: title)
        options.description = description
        options.verdict = verdict
        if let runs, runs.count == 2 { options.wallTimeRuns = runs.map(\.wallTimes) }
        return options
    }
}
