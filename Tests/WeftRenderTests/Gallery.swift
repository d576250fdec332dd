import Foundation
import Testing
import WeftAnalysis
import WeftRuntime
import WeftTrace
@testable import WeftRender
import WeftTestSupport

/// Pictures to look at: written only when WEFT_GALLERY names a folder (`WEFT_GALLERY=/tmp/g swift test --filter Gallery`).
@Suite("Gallery")
struct Gallery {
    static let folder = ProcessInfo.processInfo.environment["WEFT_GALLERY"]

    static func timeline(tasks: Int, bursts: Int, workers: Int?, sleep: UInt64 = 200_000) throws -> RenderTimeline {
        let events = SyntheticRun(tasks: tasks, bursts: bursts, workers: workers, sleep: sleep).events()
        return RenderTimeline(timeline: try TimelineBuilder.build(from: events))
    }

    @Test("writes pictures", .enabled(if: folder != nil))
    func pictures() throws {
        let dir = try #require(Self.folder)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let small = try Self.timeline(tasks: 6, bursts: 4, workers: 2, sleep: 40_000)
        try TimelineRenderer.render(small, to: "\(dir)/small.png")
        try TimelineRenderer.render(Fixtures.pacedWithPause(), to: "\(dir)/paced-pause.png", options: RenderOptions(width: 1200))
        try TimelineRenderer.render(Fixtures.periodic(), to: "\(dir)/periodic.png", options: RenderOptions(width: 900))
        try TimelineRenderer.render(DeadlockFixture.run(), to: "\(dir)/deadlock-fixture.png", options: RenderOptions(width: 1200))
        try TimelineRenderer.render(small, to: "\(dir)/small-dark.png", options: RenderOptions(theme: .dark))
        let smallPer = try Self.timeline(tasks: 6, bursts: 4, workers: nil, sleep: 40_000)
        try ContrastRenderer.render(a: small, b: smallPer, to: "\(dir)/small-contrast.png")
        let big = try Self.timeline(tasks: 2000, bursts: 5, workers: 2, sleep: 20_000_000)
        let bigPer = try Self.timeline(tasks: 2000, bursts: 5, workers: nil, sleep: 20_000_000)
        try TimelineRenderer.render(big, to: "\(dir)/big.png")
        try ContrastRenderer.render(a: big, b: bigPer, to: "\(dir)/big-contrast.png")
        try ContrastRenderer.render(a: big, b: bigPer, to: "\(dir)/big-contrast.svg")
        try ContrastRenderer.render(a: big, b: bigPer, to: "\(dir)/big-contrast.pdf")
        // numbers' runs strip: ten runs within 1.64 ms of 502 ms, their figures written rather than drawn on a scale.
        let numbers = ["multiplexed", "thread-per-task"].map { CommittedTraces.folder.appendingPathComponent("numbers-\($0).weft").path }
        if numbers.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) {
            let runs = try numbers.map { RenderTimeline(timeline: try TimelineBuilder.build(from: TraceReader(path: $0))) }
            var options = RenderOptions()
            options.wallTimeRuns = [WallTimeRuns([502_230_000, 502_040_000, 502_430_000, 502_100_000, 502_300_000])!,
                                    WallTimeRuns([502_400_000, 502_140_000, 503_680_000, 502_200_000, 502_500_000])!]
            try ContrastRenderer.render(a: runs[0], b: runs[1], to: "\(dir)/numbers-strip.png", options: options)
        }
    }
}

/// The blog's picture from real runs: 10,000 tasks that mostly sleep, on 2 workers and on 10,001 threads.
@Suite("Gallery of real runs", .serialized)
struct RealGallery {
    @Test("writes the contrast picture of 10,000 sleeping tasks", .enabled(if: Gallery.folder != nil))
    func tenThousand() async throws {
        let dir = try #require(Gallery.folder)
        let tasks = Int(ProcessInfo.processInfo.environment["WEFT_GALLERY_TASKS"] ?? "") ?? 10_000
        var paths: [String] = []
        for scheduler in [SchedulerKind.multiplexed(workers: 2), .threadPerTask] {
            let path = "\(dir)/sleepers-\(scheduler == .threadPerTask ? "thread-per-task" : "multiplexed").weft"
            _ = try await Weft.run(RunOptions(scheduler: scheduler, tracePath: path, programName: "sleepers")) { rt in
                let done = rt.channel(of: Int.self, capacity: 64, name: "done")
                for i in 0..<tasks {
                    rt.spawn("sleeper \(i + 1)") {
                        try await rt.sleep(for: .milliseconds(100))
                        var x = 0
                        for k in 0..<500 { x &+= k &* i }
                        try await done.send(x & 1)
                    }
                }
                var sum = 0
                for _ in 0..<tasks { sum += try await done.receive() ?? 0 }
                return sum
            }
            paths.append(path)
        }
        let a = try TimelineBuilder.build(from: TraceReader(path: paths[0]))
        let b = try TimelineBuilder.build(from: TraceReader(path: paths[1]))
        try ContrastRenderer.render(a: a, b: b, to: "\(dir)/sleepers-contrast.png",
                                    options: RenderOptions(title: "\(tasks) tasks that sleep 100 ms, then send"))
        try ContrastRenderer.render(a: a, b: b, to: "\(dir)/sleepers-contrast.svg")
    }
}
