import Foundation
import WeftAnalysis
import WeftRender
import WeftTrace

/// Runs bytes through the whole pipeline: reader, timeline model, stats, lints, critical path, diff, export and
/// the layout of every picture (the scene, not the pixels). Whatever the bytes, every step must end with a result
/// or a typed error: never a crash, a hang, or unbounded memory.
///
/// The events the reader yields before an error are analysed too: they are what a consumer sees, so every one of
/// them must be safe for the analysis.
enum PipelineCheck {
    /// The text measurer is built once: it holds a Cairo surface.
    nonisolated(unsafe) static let measurer = try? TextMeasurer()

    static func run(_ bytes: [UInt8]) {
        guard let reader = try? TraceReader(bytes: bytes, path: "fuzz") else { return }
        let list = EventList()
        var failure: TraceError?
        do {
            while let event = try reader.next() {
                list.append(event)
                _ = TraceText.format(event, strings: reader.string)
            }
        } catch {
            precondition(error.byteOffset != nil || error.eventIndex != nil, "an error without a place: \(error)")
            failure = error
        }
        _ = reader.warnings
        let strings = reader.stringTable
        func stream() -> EventList { EventList(events: list.events, strings: strings) }
        analyse(stream, failure: failure)
    }

    static func analyse(_ stream: () -> EventList, failure: TraceError?) {
        guard let run = try? TracedRun.build(from: stream()) else { preconditionFailure("an event list cannot fail") }
        let timeline = run.timeline
        let stats = RunStats(timeline)
        _ = StatsReport().render(stats)
        _ = try? JSONEncoder().encode(stats)
        for lint in allLints() { _ = lint.run(timeline) }
        _ = WaitForGraph(timeline)
        _ = CriticalPath(timeline).timeByTask()

        let diff = TraceDiff(a: run, b: run)
        _ = DiffReport().render(diff)
        _ = try? JSONEncoder().encode(diff)
        let empty = (try? TracedRun.build(from: EventList())) ?? run
        let against = TraceDiff(a: empty, b: run)
        _ = DiffReport().render(against)

        _ = try? ChromeTrace.export(stream(), to: JSONOutput())
        _ = try? ChromeTrace.export(stream(), options: ChromeTraceOptions(lanes: .tasks, instants: false), to: JSONOutput())
        _ = try? JSONLinesExport.export(stream(), to: JSONOutput())

        guard let measurer else { return }
        let picture = RenderTimeline(timeline: timeline)
        for view in TimelineView.allCases {
            _ = try? TimelineLayout.scene(picture, options: RenderOptions(width: 900, view: view), measurer: measurer).dump()
        }
        _ = try? TimelineLayout.contrast(picture, RenderTimeline(timeline: empty.timeline), options: RenderOptions(width: 900),
                                         measurer: measurer)
        _ = try? DiffRenderer.scene(diff, a: timeline, b: timeline, options: DiffPictureOptions(width: 900, timelines: true))
        _ = failure
    }
}
