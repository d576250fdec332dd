import Foundation
import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// `weft render` builds its model with a `PictureDetail`: every piece until the lanes hold a budget of them, then
/// pieces shorter than a time cell joined per cell and a pair's repeated messages and wake-ups counted into one.
/// Under the budget the model must be the model; over it, every task's time in each state, every thread's time per
/// task, and every pair's messages and wake-ups must still add up exactly, and what is held must stop growing.
@Suite("Models built for a picture")
struct PictureDetailTests {
    static let folder = CommittedTraces.folder

    static var recorded: [String] {
        CommittedTraces.names
    }

    /// The model of `make()`'s events, exact and with `detail`.
    static func both(_ detail: PictureDetail, _ make: () throws -> any EventStream) throws -> (exact: Timeline, picture: Timeline) {
        (try TimelineBuilder.build(from: make()), try TimelineBuilder.build(from: make(), detail: detail))
    }

    /// Whether two models hold the same lanes, messages and wake-ups.
    static func sameLanes(_ a: Timeline, _ b: Timeline) -> Bool {
        a.tasks == b.tasks && a.threads == b.threads && a.flows.elements == b.flows.elements && a.wakes == b.wakes
    }

    /// Pieces a model's lanes hold (what the budget counts).
    static func pieces(_ timeline: Timeline) -> Int {
        timeline.tasks.reduce(0) { $0 + $1.intervals.elements.count }
            + timeline.threads.reduce(0) { $0 + $1.slices.elements.count + $1.wakes.elements.count }
            + timeline.flows.elements.count + timeline.wakes.count
    }

    @Test("under the budget, every recorded trace's model is the exact one (the pictures of traces/ do not change)")
    func recordedTracesUnchanged() throws {
        #expect(!Self.recorded.isEmpty)
        for name in Self.recorded {
            let path = Self.folder.appendingPathComponent(name).path
            let (exact, picture) = try Self.both(PictureDetail()) { try TraceReader(path: path) }
            #expect(Self.sameLanes(exact, picture), "\(name)")
        }
    }

    @Test("over the budget, each task's time per state, each thread's time per task and each pair's messages add up")
    func totalsKept() throws {
        let detail = PictureDetail(budget: 4_000, finestShare: 1 << 10)
        let (exact, picture) = try Self.both(detail) { Self.pingPong(rounds: 20_000) }
        #expect(Self.pieces(picture) * 4 < Self.pieces(exact), "\(Self.pieces(picture)) of \(Self.pieces(exact))")
        #expect(exact.tasks.map(\.id) == picture.tasks.map(\.id))
        for (a, b) in zip(exact.tasks, picture.tasks) {
            #expect(Self.timePerState(a) == Self.timePerState(b), "\(a.id)")
            // Still one state at a time, end to end, from its creation to its end.
            let spans = b.intervals.elements
            #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.end == $1.start }, "\(b.id)")
            #expect(spans.first?.start == a.intervals.elements.first?.start && spans.last?.end == a.intervals.elements.last?.end)
        }
        for (a, b) in zip(exact.threads, picture.threads) {
            #expect(Self.timePerTask(a) == Self.timePerTask(b), "\(a.id)")
            let slices = b.slices.elements
            #expect(zip(slices, slices.dropFirst()).allSatisfy { $0.end <= $1.start }, "\(b.id)")
            #expect(a.wakes.elements.reduce(0) { $0 + $1.duration } == b.wakes.elements.reduce(0) { $0 + $1.duration })
        }
        #expect(Self.messagesPerPair(exact) == Self.messagesPerPair(picture))
        #expect(Self.wakesPerPair(exact) == Self.wakesPerPair(picture))
        #expect(picture.flows.elements.count < exact.flows.elements.count)
    }

    @Test("what a model for a picture holds stops growing with the events")
    func flat() throws {
        let detail = PictureDetail(budget: 4_000, finestShare: 1 << 10)
        let small = try TimelineBuilder.build(from: Self.pingPong(rounds: 5_000), detail: detail)
        let large = try TimelineBuilder.build(from: Self.pingPong(rounds: 20_000), detail: detail)
        let exactLarge = try TimelineBuilder.build(from: Self.pingPong(rounds: 20_000))
        // Four times the events: the exact model holds about four times the pieces, the picture's about the same.
        #expect(Double(Self.pieces(large)) < 1.5 * Double(Self.pieces(small)),
                "\(Self.pieces(small)) → \(Self.pieces(large)) (exact \(Self.pieces(exactLarge)))")
    }

    @Test("over the budget, a pair's messages and wake-ups are one per cell, and the model says the cell")
    func onePerCell() throws {
        let detail = PictureDetail(budget: 4_000, finestShare: 1 << 10)
        let exact = try TimelineBuilder.build(from: Self.pingPong(rounds: 20_000))
        let picture = try TimelineBuilder.build(from: Self.pingPong(rounds: 20_000), detail: detail)
        #expect(exact.joinedCell == 0)
        let cell = picture.joinedCell
        try #require(cell > 0)
        var flows: [String: Int] = [:]
        for flow in picture.flows.elements { flows["\(flow.sender)→\(flow.receiver)@\(flow.start / cell)", default: 0] += 1 }
        #expect(flows.values.allSatisfy { $0 == 1 }, "\(flows.values.filter { $0 > 1 }.count) cells hold a pair's messages apart")
        var wakes: [String: Int] = [:]
        for wake in picture.wakes { wakes["\(wake.waker)→\(wake.wakee)@\(wake.time / cell)", default: 0] += 1 }
        #expect(wakes.values.allSatisfy { $0 == 1 }, "\(wakes.values.filter { $0 > 1 }.count) cells hold a pair's wake-ups apart")
    }

    /// A ping-pong whose pieces are all far shorter than the run, as in `weft run pingpong`.
    static func pingPong(rounds: Int) -> EventList { JitteredPingPong.events(rounds: rounds) }

    static func timePerState(_ task: TaskTimeline) -> [TaskState: UInt64] {
        var out: [TaskState: UInt64] = [:]
        for interval in task.intervals.elements { out[interval.state, default: 0] += interval.end - interval.start }
        return out
    }

    static func timePerTask(_ thread: ThreadTimeline) -> [TaskID: UInt64] {
        var out: [TaskID: UInt64] = [:]
        for slice in thread.slices.elements { out[slice.task, default: 0] += slice.end - slice.start }
        return out
    }

    static func messagesPerPair(_ timeline: Timeline) -> [String: UInt64] {
        var out: [String: UInt64] = [:]
        for flow in timeline.flows.elements { out["\(flow.sender)→\(flow.receiver)", default: 0] += UInt64(flow.count) }
        return out
    }

    static func wakesPerPair(_ timeline: Timeline) -> [String: UInt64] {
        var out: [String: UInt64] = [:]
        for wake in timeline.wakes { out["\(wake.waker)→\(wake.wakee)", default: 0] += UInt64(wake.count) }
        return out
    }
}
