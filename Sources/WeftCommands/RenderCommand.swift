import ArgumentParser
import Foundation
import WeftAnalysis
import WeftRender
import WeftTrace

/// `weft render FILE [FILE2] -o OUT.png|.svg|.pdf`: draws a trace, or two traces on one time scale.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a .weft trace as a picture: thread lanes, task lanes, arrows (PNG, SVG or PDF).",
        discussion: """
            Thread lanes (one per OS thread) show which task ran when; task lanes (one per task) show each task's \
            state: running, runnable, blocked on a channel, mutex, wait group or condition, sleeping. Arrows link \
            each send to its receive, each spawn to its child, each unlock to the next holder. With two traces \
            (e.g. the same program under both schedulers) the picture stacks them on one shared time scale. \
            The format follows the output's extension. Bad options or unreadable traces exit with status 2.
            """)

    @Argument(help: "The trace to draw; a second trace draws both on one time scale.")
    var files: [String]

    @Option(name: [.short, .customLong("output")], help: "The picture to write: .png, .svg or .pdf.")
    var output: String

    @Option(help: "Which lanes: threads, tasks or both.")
    var view = "both"

    @Option(help: "Start of the time window, e.g. 10ms, 250us, 1.5s (default: the start).")
    var from: String?

    @Option(help: "End of the time window (default: the end of the trace).")
    var to: String?

    @Option(help: "Only tasks matching this, as stats --task: a glob with * and ? over the name or id (e.g. 'worker*'), a substring of the name, or an id (t7).")
    var tasks: String?

    @Option(help: "Picture width in pixels.")
    var width = 1600

    @Option(help: "light or dark.")
    var theme = "light"

    @Option(help: "Title of the picture (default: program and scheduler).")
    var title: String?

    @Option(help: "folded (long stretches where nothing changes drawn as narrow labelled breaks) or linear.")
    var time = "folded"

    init() {}

    func validate() throws {
        _ = try options()
    }

    /// The render options the flags describe; prints what is wrong and exits with status 2 otherwise.
    func options() throws -> RenderOptions {
        func fail(_ message: String) -> ExitCode {
            Diagnostics.error("render", message)
            return ExitCode(2)
        }
        guard (1...2).contains(files.count) else {
            throw fail("give one trace, or two to compare them (got \(files.count))")
        }
        do { _ = try OutputFormat(path: output) } catch { throw fail(error.description) }
        guard let view = TimelineView(rawValue: view.lowercased()) else {
            throw fail("--view must be threads, tasks or both (got '\(view)')")
        }
        guard let theme = Theme.named(theme) else { throw fail("--theme must be light or dark (got '\(theme)')") }
        guard (RenderOptions.minimumWidth...8_000).contains(width) else {
            throw fail("--width must be between \(RenderOptions.minimumWidth) and 8000 pixels (got \(width))")
        }
        var window: [UInt64?] = []
        for (name, value) in [("--from", from), ("--to", to)] {
            guard let value else { window.append(nil); continue }
            guard let ns = DurationFormat.parse(value) else {
                throw fail("\(name) '\(value)' is not a time; write a number with a unit: 10ms, 250us, 1.5s, 800ns, 2m")
            }
            window.append(ns)
        }
        if let a = window[0], let b = window[1], b <= a {
            throw fail("--to (\(DurationFormat.format(b))) must be after --from (\(DurationFormat.format(a)))")
        }
        if let tasks, tasks.isEmpty { throw fail("--tasks needs a pattern, e.g. 'worker*'") }
        guard let time = TimeAxisMode(rawValue: time.lowercased()) else {
            throw fail("--time must be folded or linear (got '\(time)')")
        }
        return RenderOptions(width: width, view: view, from: window[0], to: window[1], taskPattern: tasks,
                             theme: theme, title: title, time: time)
    }

    func run() throws {
        let options = try options()
        var timelines = try TraceLoader.timelines(files, command: "render", detail: Self.detail(options))
        try Self.checkWindow(options, timelines)
        let target: OutputFile
        do { target = try OutputFile(output, inputs: files, what: "picture") } catch {
            Diagnostics.error("render", error.description)
            throw ExitCode(error.status)
        }
        // Each model is handed over whole, so that it is let go part by part as the picture's lanes are copied from it.
        var drawables: [RenderTimeline] = []
        while !timelines.isEmpty { drawables.append(RenderTimeline(timeline: timelines.removeFirst())) }
        do {
            if drawables.count == 2 {
                try ContrastRenderer.render(a: drawables[0], b: drawables[1], to: target.partialPath, options: options)
            } else {
                try TimelineRenderer.render(drawables[0], to: target.partialPath, options: options)
            }
            try target.commit()
        } catch let error as OutputError {
            Diagnostics.error("render", error.description)
            throw ExitCode(error.status)
        } catch let error as RenderError {
            Diagnostics.error("render", "\(error)")
            throw ExitCode(error.isInputProblem ? ExitStatus.badInput : ExitStatus.cannotWrite)
        }
        print("wrote \(output)")
    }

    /// How much of each trace the picture needs: past a budget, lanes joined per time cell far finer than a pixel of
    /// the time drawn. With `--from` alone the time drawn is not known before reading, and every piece is kept.
    static func detail(_ options: RenderOptions) -> PictureDetail? {
        switch (options.from, options.to) {
        case (nil, nil): PictureDetail()
        case let (from, to?): PictureDetail(window: to - (from ?? 0))
        case (_?, nil): nil
        }
    }

    /// Checks that `--from` lies inside every trace (as docs/render.md says, a window past the end is bad input).
    /// - Throws: `ExitCode(2)` with the trace's length named.
    static func checkWindow(_ options: RenderOptions, _ timelines: [Timeline]) throws {
        guard let from = options.from else { return }
        let end = timelines.map(\.run.end).max() ?? 0
        if from >= end {
            Diagnostics.error("render", "--from \(DurationFormat.format(from)) is past the end of the trace (its last event is at \(DurationFormat.format(end))); choose a window inside it")
            throw ExitCode(ExitStatus.badInput)
        }
    }
}

extension RenderError {
    /// Whether the error is about what was asked (window, width, format) rather than about writing the file.
    var isInputProblem: Bool {
        switch self {
        case .cairo: false
        case .unsupportedFormat, .badSize, .emptyWindow: true
        }
    }
}
