import Foundation
import Testing
import WeftAnalysis
import WeftRuntime
import WeftTrace
@testable import WeftRender

/// Pictures of real runs recorded by the runtime, under both schedulers.
@Suite("Real runs", .serialized)
struct RealRunTests {
    /// A fan-out program: producers sleep, compute under a mutex now and then, send results; one consumer sums them.
    static func record(_ scheduler: SchedulerKind, tasks: Int, rounds: Int, to path: String) async throws {
        _ = try await Weft.run(RunOptions(scheduler: scheduler, tracePath: path, programName: "fan-out")) { rt in
            let results = rt.channel(of: Int.self, capacity: 8, name: "results")
            let stats = rt.mutex("stats")
            let group = rt.waitGroup("producers")
            group.add(tasks)
            let consumer = rt.spawn("consumer") {
                var sum = 0
                while let value = try await results.receive() { sum += value }
                return sum
            }
            for i in 0..<tasks {
                rt.spawn("producer \(i + 1)") {
                    for round in 0..<rounds {
                        try await rt.sleep(for: .microseconds(300 + (i * 37 + round * 11) % 400))
                        var x = 0
                        for k in 0..<(2_000 + i * 100) { x &+= k &* k }
                        if round % 2 == 0 { try await stats.withLock { x &+= 1 } }
                        try await results.send(x & 0xFF)
                    }
                    group.done()
                }
            }
            try await group.wait()
            results.close()
            return try await consumer.value
        }
    }

    @Test("a recorded run draws every thread, task and message without text problems")
    func drawsRealRuns() async throws {
        let dir = try Gallery.folder ?? Fixtures.temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { if Gallery.folder == nil { try? FileManager.default.removeItem(atPath: dir) } }
        let a = "\(dir)/real-multiplexed.weft", b = "\(dir)/real-thread-per-task.weft"
        try await Self.record(.multiplexed(workers: 2), tasks: 12, rounds: 4, to: a)
        try await Self.record(.threadPerTask, tasks: 12, rounds: 4, to: b)
        let ta = try TimelineBuilder.build(from: TraceReader(path: a))
        let tb = try TimelineBuilder.build(from: TraceReader(path: b))
        #expect(ta.run.anomalyCount == 0 && tb.run.anomalyCount == 0)
        let ra = RenderTimeline(timeline: ta), rb = RenderTimeline(timeline: tb)
        #expect(ra.facts.scheduler == "multiplexed" && rb.facts.scheduler == "thread-per-task")
        #expect(ra.links.filter { $0.kind == .message }.count == 48)
        #expect(ra.links.filter { $0.kind == .spawn }.count == 13)
        let measurer = try TextMeasurer()
        let one = try TimelineLayout.scene(ra, options: RenderOptions(width: 1400), measurer: measurer)
        let both = try TimelineLayout.contrast(ra, rb, options: RenderOptions(width: 1400), measurer: measurer)
        #expect(SceneChecks.textProblems(one).isEmpty)
        #expect(SceneChecks.textProblems(both).isEmpty)
        #expect(one.texts.contains { $0.text == "pool thread 1" } && both.texts.contains { $0.text.hasPrefix("thread of t") })
        try ScenePainter.write(one, to: "\(dir)/real-multiplexed.png")
        try ScenePainter.write(both, to: "\(dir)/real-contrast.png")
        #expect(FileManager.default.fileExists(atPath: "\(dir)/real-contrast.png"))
    }
}
