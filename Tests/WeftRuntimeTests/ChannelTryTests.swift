import Testing
import WeftRuntime
import WeftTestSupport
import WeftTrace

@Suite(.serialized) struct ChannelTryTests {
    @Test(arguments: primitiveSchedulers)
    func trySendTryReceiveCountAndIsClosed(_ scheduler: SchedulerKind) async throws {
        let seen = try await runProgram(scheduler) { rt in
            let box = rt.channel(of: Int.self, capacity: 2, name: "box")
            var seen: [String] = []
            seen.append("send 1: \(try box.trySend(1)), send 2: \(try box.trySend(2)), send 3: \(try box.trySend(3))")
            seen.append("count \(box.count), closed \(box.isClosed)")
            seen.append("receive \(box.tryReceive() ?? -1), count \(box.count)")
            box.close()
            var closedSend = false
            do { _ = try box.trySend(4) } catch { closedSend = true }
            seen.append("closed \(box.isClosed), send after close throws \(closedSend)")
            seen.append("receive \(box.tryReceive() ?? -1), then \(box.tryReceive() ?? -1)")
            let empty = rt.channel(of: Int.self, capacity: 0, name: "empty")
            seen.append("unbuffered, nobody waiting: send \(try empty.trySend(9)), receive \(empty.tryReceive() ?? -1)")
            return seen
        }
        #expect(seen == ["send 1: true, send 2: true, send 3: false", "count 2, closed false", "receive 1, count 1",
                         "closed true, send after close throws true", "receive 2, then -1",
                         "unbuffered, nobody waiting: send false, receive -1"])
    }

    @Test(arguments: primitiveSchedulers)
    func trySendHandsToAWaitingReceiver(_ scheduler: SchedulerKind) async throws {
        let got = try await runProgram(scheduler) { rt in
            let handoff = rt.channel(of: Int.self, capacity: 0, name: "handoff")
            let receiver = rt.spawn("receiver") { try await handoff.receive() }
            while !(try handoff.trySend(42)) { await rt.yield() }
            return try await receiver.value
        }
        #expect(got == 42)
    }

    @Test(arguments: primitiveSchedulers)
    func receiveWithTimeout(_ scheduler: SchedulerKind) async throws {
        let (quiet, delivered, closed) = try await runProgram(scheduler) { rt in
            let quiet = rt.channel(of: Int.self, name: "quiet")
            let timedOut = try await quiet.receive(timeout: .milliseconds(2))
            let busy = rt.channel(of: Int.self, name: "busy")
            rt.spawn("sender") { try await busy.send(7) }
            let delivered = try await busy.receive(timeout: .seconds(3600))
            quiet.close()
            let closed = try await quiet.receive(timeout: .seconds(3600))
            let late = try await busy.receive(timeout: .zero)
            return ("\(timedOut)", delivered.value, "\(closed) \(late)")
        }
        #expect(quiet == "timedOut")
        #expect(delivered == 7)
        #expect(closed == "closed timedOut")
    }

    @Test("a receive that times out waits exactly its timeout in virtual time, and a later send still arrives")
    func timeoutOnVirtualTime() async throws {
        let trace = try await RecordedTrace.record(virtualTime, name: "timeout") { rt in
            let late = rt.channel(of: Int.self, capacity: 1, name: "late")
            let start = rt.now
            guard case .timedOut = try await late.receive(timeout: .milliseconds(5)) else { throw TestFailure("no timeout") }
            let waited = rt.now - start
            guard waited >= .milliseconds(5) && waited < .milliseconds(5) + .microseconds(100) else { throw TestFailure("waited \(waited)") }
            try await late.send(1)  // the timed-out waiter left the queue: the message goes to the buffer
            guard try await late.receive() == 1 else { throw TestFailure("lost message") }
            _ = late.tryReceive()
        }
        #expect(trace.failure == nil, "\(String(describing: trace.failure))")
        #expect(trace.of(.receiveTimeout).compactMap(ReceiveTimeoutEvent.init).map(\.timeout) == [5_000_000])
        #expect(trace.count(.tryReceiveMiss) == 1)
    }
}

/// A check inside a Weft program that failed.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
