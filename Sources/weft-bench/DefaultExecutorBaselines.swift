// The same operations as the runtime suite's, on Swift's default executor with Swift's own tools, so that each Weft
// figure is printed beside its baseline from the same run (the machine's load changes from minute to minute).
import CWeftSupport
import Synchronization

/// Spawn and await `tasks` no-op tasks on the default executor.
func defaultSpawnAndAwait(_ tasks: Int) async -> UInt64 {
    let start = cweft_monotonic_ns()
    var handles: [Task<Void, Never>] = []
    handles.reserveCapacity(tasks)
    for _ in 0..<tasks { handles.append(Task {}) }
    for handle in handles { await handle.value }
    return cweft_monotonic_ns() - start
}

/// `rounds` round trips between two tasks through two `AsyncStream`s (each side waits for the other every round).
func defaultPingPong(_ rounds: Int) async -> UInt64 {
    let (ping, pingIn) = AsyncStream.makeStream(of: Int.self)
    let (pong, pongIn) = AsyncStream.makeStream(of: Int.self)
    let echo = Task {
        for await value in ping { pongIn.yield(value) }
        pongIn.finish()
    }
    let start = cweft_monotonic_ns()
    var replies = pong.makeAsyncIterator()
    for i in 0..<rounds {
        pingIn.yield(i)
        _ = await replies.next()
    }
    let elapsed = cweft_monotonic_ns() - start
    pingIn.finish()
    await echo.value
    return elapsed
}

/// `messages` messages from one task to another through an `AsyncStream` (unbounded: Swift has no bounded one).
func defaultProducerConsumer(_ messages: Int) async -> UInt64 {
    let (stream, input) = AsyncStream.makeStream(of: Int.self)
    let start = cweft_monotonic_ns()
    let producer = Task {
        for i in 0..<messages { input.yield(i) }
        input.finish()
    }
    var sum = 0
    for await value in stream { sum &+= value }
    await producer.value
    precondition(sum == messages * (messages - 1) / 2)
    return cweft_monotonic_ns() - start
}

/// A counter under `Synchronization.Mutex`, shared by reference.
private final class LockedCounter: Sendable {
    let value = Mutex(0)
}

/// `tasks` tasks each incrementing a counter under `Synchronization.Mutex` `increments` times.
func defaultMutexCounter(tasks: Int, increments: Int) async -> UInt64 {
    let counter = LockedCounter()
    let start = cweft_monotonic_ns()
    await withTaskGroup(of: Void.self) { group in
        for _ in 0..<tasks {
            group.addTask {
                for _ in 0..<increments { counter.value.withLock { $0 += 1 } }
            }
        }
    }
    precondition(counter.value.withLock { $0 } == tasks * increments)
    return cweft_monotonic_ns() - start
}
