import Foundation
import WeftAnalysis
import WeftRender
import WeftTrace
import WeftTestSupport

/// Drawing a 10-million-event trace: PNG in ≤ 5 s and ≤ 1 GB RSS, SVG in ≤ 10 s and ≤ 20 MB.
///
/// The trace is `SyntheticRun` (10,000 producers on 2 workers), written once to a .weft file in the temporary folder
/// and reused. Each run times reading + building the model (as `weft render` does), adapting it for drawing, layout,
/// and painting; peak RSS is measured from a reset high-water mark, so trace generation does not count.
/// `WEFT_BENCH_EVENTS` scales the trace (default 10,000,000); `WEFT_BENCH_DETAIL=every` builds the model keeping every
/// piece (see `PictureDetail`).
let renderSuite = BenchmarkSuite(name: "render") {
    let target = Int(ProcessInfo.processInfo.environment["WEFT_BENCH_EVENTS"] ?? "") ?? 10_000_000
    let runs = Int(ProcessInfo.processInfo.environment["WEFT_BENCH_RUNS"] ?? "") ?? 3
    // As `weft render` builds its model (lanes joined past a budget), or with WEFT_BENCH_DETAIL=every keeping every
    // piece, as it did before, to compare the two on one build.
    let detail: PictureDetail? = ProcessInfo.processInfo.environment["WEFT_BENCH_DETAIL"] == "every" ? nil : PictureDetail()
    let tasks = 10_000
    // About 7.5 events per producer burst.
    let bursts = max(target * 2 / (tasks * 15), 1)
    let path = NSTemporaryDirectory() + "weft-bench-render-\(tasks)x\(bursts).weft"
    if !FileManager.default.fileExists(atPath: path) {
        let start = ContinuousClock.now
        let list = SyntheticRun(tasks: tasks, bursts: bursts, workers: 2, sleep: 100_000_000).events()
        try TraceFileWriter.write(list, to: path)
        print("generated \(list.events.count) events into \(path) in \(RenderBench.since(start)) s")
    }
    let folder = NSTemporaryDirectory() + "weft-bench-render-out"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

    var load: [Double] = [], adapt: [Double] = [], layoutTimes: [Double] = [], png: [Double] = [], svg: [Double] = []
    var pngTotal: [Double] = [], pngRSS: [Int] = [], svgTotal: [Double] = [], svgBytes = 0, items = 0, events = 0
    var pngWall: [Double] = [], svgWall: [Double] = [], modelRSS: [Int] = []
    for run in 0..<(2 * runs) {
        let toSVG = run % 2 == 1
        RenderBench.resetPeakRSS()
        RenderBench.wall.value = 0
        var timeline: Timeline!
        load.append(try RenderBench.seconds { timeline = try TimelineBuilder.build(from: TraceReader(path: path), detail: detail) })
        events = timeline.run.totalEvents
        if !toSVG { modelRSS.append(RenderBench.peakRSSMegabytes()) }
        var drawable: RenderTimeline!
        adapt.append(RenderBench.seconds { drawable = RenderTimeline(timeline: timeline) })
        timeline = nil
        var scene: Scene!
        layoutTimes.append(try RenderBench.seconds {
            scene = try TimelineLayout.scene(drawable, options: RenderOptions(), measurer: TextMeasurer())
        })
        items = scene.itemCount
        let out = "\(folder)/render.\(toSVG ? "svg" : "png")"
        let paint = try RenderBench.seconds { try ScenePainter.write(scene, to: out) }
        if toSVG {
            svg.append(paint)
            svgTotal.append(load.last! + adapt.last! + layoutTimes.last! + paint)
            svgWall.append(RenderBench.wall.value)
            svgBytes = (try FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? -1
        } else {
            png.append(paint)
            pngTotal.append(load.last! + adapt.last! + layoutTimes.last! + paint)
            pngWall.append(RenderBench.wall.value)
            pngRSS.append(RenderBench.peakRSSMegabytes())
        }
    }
    let m = RenderBench.median
    let f = RenderBench.format
    print("trace: \(events) events (\(path)); scene: \(items) items; medians of \(runs) runs, CPU seconds of the one thread that works")
    print("read + build model   \(f(m(load))) s")
    print("adapt for drawing    \(f(m(adapt))) s")
    print("layout (scene)       \(f(m(layoutTimes))) s")
    print("paint PNG            \(f(m(png))) s")
    print("paint SVG            \(f(m(svg))) s")
    print("PNG end to end       \(f(m(pngTotal))) s  (target ≤ 5 s; wall \(f(m(pngWall))) s on this shared machine)")
    print("PNG render only      \(f(m(adapt) + m(layoutTimes) + m(png))) s  (adapt + layout + paint, from the model in memory)")
    print("PNG peak RSS         \(pngRSS.sorted()[pngRSS.count / 2]) MB  (target ≤ 1024 MB); of which reading and "
        + "building the model alone peak at \(modelRSS.sorted()[modelRSS.count / 2]) MB")
    print("SVG render only      \(f(m(adapt) + m(layoutTimes) + m(svg))) s")
    print("SVG end to end       \(f(m(svgTotal))) s  (target ≤ 10 s; wall \(f(m(svgWall))) s); file \(f(Double(svgBytes) / 1e6)) MB (target ≤ 20 MB)")
}

/// Timing and memory helpers of the render suite.
enum RenderBench {
    /// CPU seconds the calling thread spends in `body` (the work is single-threaded; on a shared machine this is its
    /// cost without the time spent waiting for a core). The wall time goes to `wall`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        let cpu = threadCPUTime()
        try body()
        wall.value += since(start)
        return threadCPUTime() - cpu
    }

    final class Total: @unchecked Sendable { var value = 0.0 }
    /// Wall seconds of every `seconds` call since it was last reset.
    static let wall = Total()

    static func threadCPUTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func since(_ start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Resets the kernel's peak-RSS mark (VmHWM) to the current RSS.
    static func resetPeakRSS() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// VmHWM from /proc/self/status, in MB.
    static func peakRSSMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1) / 1024
        }
        return -1
    }
}
