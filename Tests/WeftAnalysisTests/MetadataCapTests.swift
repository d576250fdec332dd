import Testing
import WeftTrace
import WeftAnalysis

/// An endless stream of metadata must not grow the model without bound: past the cap facts are anomalies.
@Suite("Metadata is capped")
struct MetadataCapTests {
    @Test("10,000 metadata facts keep the first 4,096; each one past the cap is an anomaly that says so")
    func metadataCap() throws {
        let list = EventList()
        let key = list.intern("key")
        let value = list.intern("value")
        for i in 0..<10_000 {
            list.append(Event(kind: .metadata, time: UInt64(i), thread: ThreadID(1), args: EventArguments(key.rawValue, value.rawValue)))
        }
        let timeline = try TimelineBuilder.build(from: list)
        #expect(timeline.run.metadata.count == 4_096)
        #expect(timeline.run.anomalyCount == 10_000 - 4_096)
        #expect(timeline.run.anomalies.count <= 100)
        #expect(timeline.run.anomalies.first?.message.contains("more than 4096 metadata facts") == true,
                "\(String(describing: timeline.run.anomalies.first))")
    }
}
