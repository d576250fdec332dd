import Dispatch
import Foundation

/// Runs `work` on a task of its own and waits for it at most `seconds`: nil when it has not finished by then (it is
/// left running), so that a run that never ends fails its test instead of hanging the whole suite.
func finishing<T: Sendable>(within seconds: Int,
                            _ work: @escaping @Sendable () async throws -> T) async throws -> T? {
    let race = FirstOutcome<Result<T, any Error>>()
    Task.detached {
        do { race.settle(.success(try await work())) } catch { race.settle(.failure(error)) }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) { race.settle(nil) }
    return try await race.value()?.get()
}

/// The first of several outcomes to arrive (a result, or nil for "too late"); the later ones are dropped.
private final class FirstOutcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var settled = false
    private var outcome: Value?
    private var waiter: CheckedContinuation<Value?, Never>?

    func settle(_ value: Value?) {
        lock.lock()
        guard !settled else {
            lock.unlock()
            return
        }
        settled = true
        outcome = value
        let resumed = waiter
        waiter = nil
        lock.unlock()
        resumed?.resume(returning: value)
    }

    func value() async -> Value? {
        await withCheckedContinuation { continuation in
            lock.lock()
            if settled {
                let value = outcome
                lock.unlock()
                continuation.resume(returning: value)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}

/// A value handed from the task that made it to the one that waited for it, and never touched by the first again.
struct Handed<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
