import Testing
import WeftRuntime
import WeftTestSupport
import WeftTrace

@Suite(.serialized) struct CancellationTests {
    @Test(arguments: primitiveSchedulers)
    func cancelEndsTheWaitItIsBlockedInAndEveryLaterOne(_ scheduler: SchedulerKind) async throws {
        let (receiveCancelled, sleepCancelled, laterCancelled, flag) = try await runProgram(scheduler) { rt in
            let silent = rt.channel(of: Int.self, name: "silent")
            let receiver = rt.spawn("receiver") { _ = try await silent.receive() }
            let sleeper = rt.spawn("sleeper") {
                do {
                    try await rt.sleep(for: .seconds(3600))
                } catch is CancellationError {
                    // a cancelled task may go on, but every later wait throws at once
                    do { try await rt.sleep(for: .milliseconds(1)) } catch is CancellationError { return (true, rt.isCancelled) }
                    return (false, rt.isCancelled)
                }
                return (false, false)
            }
            try await rt.sleep(for: .milliseconds(1))
            receiver.cancel()
            sleeper.cancel()
            sleeper.cancel()  // again: nothing more
            var receiveCancelled = false
            do { try await receiver.value } catch is CancellationError { receiveCancelled = true }
            let (later, flag) = try await sleeper.value
            return (receiveCancelled, true, later, flag && sleeper.isCancelled)
        }
        #expect(receiveCancelled)
        #expect(sleepCancelled)
        #expect(laterCancelled)
        #expect(flag)
    }

    @Test(arguments: primitiveSchedulers)
    func cancellingAnEndedTaskDoesNothing(_ scheduler: SchedulerKind) async throws {
        let trace = try await RecordedTrace.record(scheduler, name: "cancel-ended") { rt in
            let quick = rt.spawn("quick") { 7 }
            _ = try await quick.value
            quick.cancel()
            guard !quick.isCancelled else { throw TestFailure("an ended task was marked cancelled") }
        }
        #expect(trace.failure == nil, "\(String(describing: trace.failure))")
        #expect(trace.count(.taskCancel) == 0)
    }

    @Test("a cancellation is recorded by the canceller, before the cancelled task's unblock")
    func cancellationIsTraced() async throws {
        let trace = try await RecordedTrace.record(virtualTime, name: "cancel") { rt in
            let lock = rt.mutex("held")
            try await lock.lock()
            let waiter = rt.spawn("waiter") { try await lock.lock() }
            try await rt.sleep(for: .milliseconds(1))
            waiter.cancel()
            _ = try? await waiter.value
            lock.unlock()
        }
        let cancels = trace.of(.taskCancel)
        let waiter = try #require(trace.tasks(named: "waiter").first)
        #expect(cancels.count == 1)
        #expect(TaskCancelEvent(cancels[0])?.task == waiter)
        let cancelIndex = try #require(trace.events.firstIndex { $0.kind == .taskCancel })
        let unblockIndex = try #require(trace.events.firstIndex { UnblockEvent($0)?.task == waiter })
        #expect(cancelIndex < unblockIndex)
        let end = try #require(trace.of(.taskEnd).compactMap(TaskEndEvent.init).first { $0.task == waiter })
        #expect(end.outcome == .threw)
    }
}
