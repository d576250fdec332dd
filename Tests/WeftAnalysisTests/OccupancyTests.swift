import Foundation
import Testing
import WeftRuntime
import WeftTrace
import WeftAnalysis

/// A channel never holds more messages than its capacity: real runs keep it, and a trace that breaks it is flagged.
@Suite("Channel occupancy within capacity", .serialized)
struct OccupancyTests {
    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 2), .multiplexed(workers: 4), .threadPerTask]

    @Test("8 producers on a capacity-1 and a capacity-8 channel: the peak never exceeds the capacity, no anomaly",
          arguments: schedulers)
    func eightProducers(_ scheduler: SchedulerKind) async throws {
        for capacity in [1, 8] {
            for round in 0..<3 {
                let (timeline, failure) = try await tracedTimeline(scheduler, name: "occupancy") { rt in
                    let channel = rt.channel(of: Int.self, capacity: capacity, name: "narrow")
                    let producers = rt.waitGroup("producers")
                    producers.add(8)
                    for p in 0..<8 {
                        rt.spawn("producer \(p)") {
                            defer { producers.done() }
                            for i in 0..<50 { try await channel.send(p * 100 + i) }
                        }
                    }
                    rt.spawn("closer") {
                        try await producers.wait()
                        channel.close()
                    }
                    var received = 0
                    while try await channel.receive() != nil {
                        received += 1
                        if received % 7 == 0 { await rt.yield() }
                    }
                }
                let context = "\(scheduler) capacity \(capacity) round \(round)"
                #expect(failure == nil, "\(context): \(String(describing: failure))")
                let channel = try #require(timeline.channels.first { $0.name == "narrow" })
                #expect(channel.sends == 400 && channel.receives == 400, "\(context)")
                #expect(channel.peakOccupancy <= capacity, "\(context): peak \(channel.peakOccupancy)")
                #expect(timeline.run.anomalyCount == 0, "\(context): \(timeline.run.anomalies.prefix(3))")
            }
        }
    }

    @Test("a trace whose capacity-1 channel holds 2 messages gets an anomaly naming the channel")
    func aboveCapacityIsAnAnomaly() throws {
        let text = """
            0 T1 - channelMake channel=ch1 capacity=1 name="narrow"
            1 T1 - send channel=ch1 seq=1
            2 T1 - send channel=ch1 seq=2
            3 T1 - receive channel=ch1 seq=1
            4 T1 - receive channel=ch1 seq=2

            """
        let timeline = try TimelineBuilder.build(from: TraceText.parse(text))
        #expect(timeline.channels.first?.peakOccupancy == 2)
        #expect(timeline.run.anomalyCount == 1, "\(timeline.run.anomalies)")
        let message = try #require(timeline.run.anomalies.first?.message)
        #expect(message.contains("ch1 holds 2 messages, above its capacity 1"), "\(message)")

        let within = text.replacingOccurrences(of: "capacity=1", with: "capacity=2")
        #expect(try TimelineBuilder.build(from: TraceText.parse(within)).run.anomalyCount == 0)
    }
}
