import Testing
import WeftAnalysis
@testable import WeftRender

/// The verdict atop a contrast picture: its headline bold, its detail lighter under it, every line inside the canvas.
@Suite("Contrast: the verdict's layout")
struct VerdictLayoutTests {
    static let verdict = VerdictText(
        headline: "On 2 cores, multiplexed (2 pool threads) ran main in 2.32 ms and thread-per-task in 2.97 ms (the drawn "
            + "runs): thread-per-task took 650 µs longer, as each of its 19 hand-offs woke another OS thread, and the woken "
            + "tasks waited a median 30.3 µs to run (441 µs of the wall time in all), where the pool handed the task on in "
            + "a median 1.26 µs. Start-up and ending outside main took 1.40 ms and 1.23 ms, so the whole runs took about as "
            + "long (medians of 5 runs: 3.72 ms vs 4.20 ms).",
        detail: "Rank test p = 0.095, medians 12.9% apart: Weft calls it a win only when the runs differ in rank (p < 0.05) "
            + "and the medians by more than 15%. Thread-per-task used 5 OS threads instead of 3 and about the same peak "
            + "memory (medians 26.23 MiB vs 26.17 MiB).")

    @Test("at every width, each line of the verdict lies within the canvas; the headline is bold, the detail regular and lighter")
    func withinCanvas() throws {
        let measurer = try TextMeasurer()
        for width in [400, 800, 1000, 1600] {
            var a = Fixtures.small()
            var b = Fixtures.small()
            a.facts.scheduler = "multiplexed"
            b.facts.scheduler = "thread-per-task"
            var options = RenderOptions(width: width)
            options.verdict = Self.verdict
            let scene = try TimelineLayout.contrast(a, b, options: options, measurer: measurer)
            let outside = scene.texts.filter { (text: TextItem) in text.box.x < 0 || text.box.maxX > scene.width }
            #expect(outside.isEmpty, "width \(width): \(outside.map { $0.text })")
            // Every word of the verdict is drawn: nothing cut off with an ellipsis.
            let bold = scene.texts.filter { (text: TextItem) in text.weight == FontWeight.bold && text.size == Metrics.verdictSize }
            let light = scene.texts.filter { (text: TextItem) in text.size == Metrics.verdictDetailSize }
            #expect(bold.map { $0.text }.joined(separator: " ") == Self.verdict.headline)
            #expect(light.map { $0.text }.joined(separator: " ") == Self.verdict.detail)
            #expect(light.allSatisfy { (text: TextItem) in text.weight == FontWeight.regular && text.color == Theme.light.secondaryText })
            #expect(bold.count >= 2 && light.first.map { first in bold.allSatisfy { $0.box.maxY <= first.box.y } } == true)
        }
    }
}
