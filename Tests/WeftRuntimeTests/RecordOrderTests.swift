import Foundation
import Testing
import WeftRuntime
import WeftTestSupport
import WeftTrace

/// The trace records things in the order they happened: read back, it never shows a channel holding more than its
/// capacity, and the task that closes a deadlock cycle ends its slice blocked before anything wakes it.
@Suite(.serialized) struct RecordOrderTests {
    /// The most messages a channel's buffer held at once, as its trace tells it: a send counts as buffered unless a
    /// receiver was blocked on the channel when it was recorded (then it was handed over); its receive takes it out.
    static func peakOccupancy(of channel: UInt64, in trace: RecordedTrace) -> Int {
        let consumers = trace.tasks(named: "consumer")
        var waitingReceivers = 0
        var buffered: Set<UInt64> = []
        var peak = 0
        for event in trace.events {
            switch event.kind {
            case .block where event.args.a0 == BlockReason.channelReceive.rawValue && event.args.a1 == channel:
                waitingReceivers += 1
            case .unblock:
                // Only the consumer ever blocks receiving in these programs: its unblock ends its wait.
                if waitingReceivers > 0, consumers.contains(TaskID(event.args.a0)) { waitingReceivers -= 1 }
            case .send where event.args.a0 == channel:
                if waitingReceivers == 0 { buffered.insert(event.args.a1) }
                peak = max(peak, buffered.count)
            case .receive where event.args.a0 == channel:
                buffered.remove(event.args.a1)
            default:
                break
            }
        }
        return peak
    }

    @Test(arguments: [SchedulerKind.multiplexed(workers: 2), .multiplexed(workers: 4), .threadPerTask], [1, 8])
    func aChannelNeverAppearsToHoldMoreThanItsCapacity(_ scheduler: SchedulerKind, capacity: Int) async throws {
        let path = temporaryTracePath("occupancy-\(capacity)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        for round in 0..<4 {
            _ = try await runProgram(scheduler, tracePath: path) { rt in
                let channel = rt.channel(of: Int.self, capacity: capacity, name: "jobs")
                let producers = (0..<8).map { p in
                    rt.spawn("producer \(p)") { for i in 0..<50 { try await channel.send(p * 1000 + i) } }
                }
                let consumer = rt.spawn("consumer") {
                    var received = 0
                    while received < 400, try await channel.receive() != nil { received += 1 }
                    return received
                }
                for producer in producers { try await producer.value }
                #expect(try await consumer.value == 400)
            }
            let trace = try RecordedTrace(path: path)
            let channel = try #require(trace.of(.channelMake).first).args.a0
            let peak = Self.peakOccupancy(of: channel, in: trace)
            #expect(peak <= capacity, "round \(round): a capacity-\(capacity) channel appears to hold \(peak)")
        }
    }

    @Test(arguments: allSchedulers)
    func theTaskClosingADeadlockCycleEndsItsSliceBlockedBeforeItIsWoken(_ scheduler: SchedulerKind) async throws {
        let path = temporaryTracePath("deadlock-order")
        defer { try? FileManager.default.removeItem(atPath: path) }
        for _ in 0..<3 {
            do {
                _ = try await runProgram(scheduler, tracePath: path, threeDeadlockingPhilosophers)
                Issue.record("expected a deadlock")
            } catch let error as RuntimeError {
                #expect(error.kind == .deadlock)
            }
            let trace = try RecordedTrace(path: path)
            let names = trace.taskNames
            // Every task blocked at the deadlock: after its last block, the next thing recorded about it is the end
            // of its slice (blocked), never a wake-up inside that slice.
            for (task, name) in names {
                guard let lastBlock = trace.events.lastIndex(where: { $0.kind == .block && $0.task == task }) else { continue }
                let next = trace.events[(lastBlock + 1)...].first {
                    ($0.kind == .runEnd && $0.args.a0 == task.rawValue) || ($0.kind == .unblock && $0.args.a0 == task.rawValue)
                }
                #expect(next?.kind == .runEnd, "\(task) \"\(name)\" was woken inside the slice in which it blocked")
                #expect(next.map { RunEndReason(rawValue: $0.args.a1) } == .blocked, "\(task) \"\(name)\"")
            }
        }
    }
}
