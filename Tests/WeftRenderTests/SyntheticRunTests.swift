import Testing
import WeftAnalysis
import WeftTrace
@testable import WeftRender
import WeftTestSupport

@Suite("Synthetic run")
struct SyntheticRunTests {
    @Test("builds a consistent timeline under both schedulers")
    func consistent() throws {
        for workers in [2, nil] as [Int?] {
            let events = SyntheticRun(tasks: 20, bursts: 5, workers: workers).events()
            let timeline = try TimelineBuilder.build(from: events)
            #expect(timeline.run.anomalyCount == 0, "\(timeline.run.anomalies.prefix(5))")
            #expect(timeline.tasks.count == 22)
            #expect(timeline.threads.count == (workers.map { $0 + 1 } ?? 23))
            #expect(timeline.flows.count == 100)
            #expect(timeline.flows.allSatisfy { $0.received != nil })
        }
    }
}
