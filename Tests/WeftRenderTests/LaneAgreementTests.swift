import Foundation
import Testing
import WeftAnalysis
import WeftTrace
@testable import WeftRender
import WeftTestSupport

/// A thread lane and a task lane never tell two stories: in every committed trace, wherever a thread lane draws a
/// task running (its own slices and its code on an actor), that task's lane draws it running, and the other way
/// round; and a thread is never drawn held by its waiting task while that task runs.
@Suite("Thread and task lanes agree")
struct LaneAgreementTests {
    /// Differences shorter than this (ns) are the few hundred nanoseconds between two events of one hand-over.
    static let slack: UInt64 = 2_000

    /// The parts of `a` outside `b` (both sorted and disjoint) longer than `slack`.
    static func outside(_ a: [TimeSpan], _ b: [TimeSpan]) -> [TimeSpan] {
        var out: [TimeSpan] = []
        for span in a {
            var cursor = span.start
            for other in b where other.end > cursor && other.start < span.end {
                if other.start > cursor { out.append(TimeSpan(cursor, other.start)) }
                cursor = max(cursor, other.end)
            }
            if span.end > cursor { out.append(TimeSpan(cursor, span.end)) }
        }
        return out.filter { $0.end - $0.start > slack }
    }

    /// The parts of `a` inside `b` (both sorted and disjoint) longer than `slack`.
    static func inside(_ a: [TimeSpan], _ b: [TimeSpan]) -> [TimeSpan] {
        var out: [TimeSpan] = []
        for span in a {
            for other in b where other.end > span.start && other.start < span.end {
                out.append(TimeSpan(max(span.start, other.start), min(span.end, other.end)))
            }
        }
        return out.filter { $0.end - $0.start > slack }
    }

    @Test("in every committed trace, thread lanes and task lanes agree on who runs when", arguments: CommittedTraces.names)
    func agree(_ name: String) throws {
        let path = CommittedTraces.folder.appendingPathComponent(name).path
        let run = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceReader(path: path)))
        let cancelledFrom = run.deadlock?.detected ?? .max
        var onThreads: [TaskID: [TimeSpan]] = [:]
        for thread in run.threads {
            for slice in thread.slices where slice.task != .none && slice.start < cancelledFrom {
                onThreads[slice.task, default: []].append(TimeSpan(slice.start, min(slice.end, cancelledFrom)))
            }
        }
        var running: [TaskID: [TimeSpan]] = [:]
        for task in run.tasks {
            let spans = task.spans.filter { $0.state.isRunning && $0.start < cancelledFrom }
            running[task.task] = SpanRelabel.merged(spans.map { TimeSpan($0.start, min($0.end, cancelledFrom)) })
        }
        for task in run.tasks {
            let threads = SpanRelabel.merged(onThreads[task.task] ?? [])
            let lane = running[task.task] ?? []
            let notOnLane = Self.outside(threads, lane), notOnThread = Self.outside(lane, threads)
            #expect(notOnLane.isEmpty, "\(name): \(task.label) runs on a thread lane but not on its lane at \(notOnLane.prefix(3))")
            #expect(notOnThread.isEmpty, "\(name): \(task.label) runs on its lane but on no thread lane at \(notOnThread.prefix(3))")
        }
        for thread in run.threads {
            guard let owner = thread.owner, let lane = running[owner] else { continue }
            let both = Self.inside(SpanRelabel.merged(thread.held), lane)
            #expect(both.isEmpty, "\(name): \(thread.label) is drawn held by \(owner) while it runs at \(both.prefix(3))")
        }
    }
}
