import Testing
import WeftAnalysis
import WeftTrace
@testable import WeftRender

/// Crowds of marks on a lane stand apart: no "×N" count touches another or another crowd's marker.
@Suite("Mark crowds stand apart")
struct MarkSpacingTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    @Test("crowds keep the spacing between their summaries, wider than the gap inside one")
    func crowdsKeepTheirSpacing() {
        var crowds = MarkCrowds(markerSize: 5, gap: 1.5, spacing: 5) { Double("×\($0)".count) * 5 }
        // Marks every 3 px of two kinds alternating, then every 9 px: the old 1.5 px rule made a crowd of each.
        var x = 0.0
        for i in 0..<60 {
            crowds.add(x: x, kind: i % 2 == 0 ? .send : .receive)
            x += i < 30 ? 3 : 9
        }
        let all = crowds.finish()
        #expect(all.count > 1)
        for (a, b) in zip(all, all.dropFirst()) {
            #expect(b.firstX - 2.5 - a.right >= 5, "\(a) then \(b)")
        }
        #expect(all.reduce(0) { $0 + $1.items.reduce(0) { $0 + $1.count } } == 60)
    }

    @Test("on a busy lane no two ×N counts overlap or come within the spacing, and none covers a marker")
    func countsNeverMeet() throws {
        // Main sends, receives and wakes every 2 µs for 400 µs of a 1 ms run: hundreds of marks a few pixels apart.
        let us: UInt64 = 1_000
        var marks: [Mark] = []
        for round in 0..<200 {
            let t = 100 * us + UInt64(round) * 2 * us
            marks += [Mark(time: t, kind: .send), Mark(time: t + 300, kind: .receive), Mark(time: t + 600, kind: .wake)]
        }
        let facts = RunFacts(program: "busy", scheduler: "multiplexed", workers: 1, taskCount: 1, threadCount: 1,
                             wallTime: 1_000 * us, eventCount: 600)
        let run = RenderTimeline(facts: facts, threads: [], tasks: [
            TaskTrack(task: TaskID(1), name: "main", spans: [StateSpan(start: 0, end: 1_000 * us, state: .running)], marks: marks),
        ])
        for width in [700, 1000, 1600] {
            let scene = try TimelineLayout.scene(run, options: RenderOptions(width: width, view: .tasks), measurer: measurer)
            let counts = scene.layer("markers")!.items.compactMap { item -> TextItem? in
                if case let .text(t) = item, t.text.hasPrefix("×") { t } else { nil }
            }.sorted { $0.box.x < $1.box.x }
            #expect(counts.count > 1)
            for (a, b) in zip(counts, counts.dropFirst()) {
                #expect(a.box.maxX + Metrics.markerGap <= b.box.x, "\(a.text) \(a.box) meets \(b.text) \(b.box)")
            }
            let markers: [Rect] = scene.layer("markers")!.items.compactMap {
                if case let .marker(_, c, size, _) = $0 { Rect(x: c.x - size / 2, y: c.y - size / 2, width: size, height: size) }
                else { nil }
            }
            for count in counts {
                #expect(!markers.contains { $0.intersects(count.box) }, "\(count.text) \(count.box) covers a marker")
            }
            #expect(SceneChecks.textProblems(scene).isEmpty)
        }
    }
}
