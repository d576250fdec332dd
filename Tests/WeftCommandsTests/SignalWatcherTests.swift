import Foundation
import Testing
@testable import WeftCommands

/// The signal watcher turns a signal into a call on its own thread and gives the signal back when stopped.
@Suite("signal watcher", .serialized)
struct SignalWatcherTests {
    @Test("a signal sent to the process reaches the handler on the watcher's thread, once per signal")
    func deliversSignal() throws {
        let caught = Caught()
        let watcher = try SignalWatcher([WatchedSignal(SIGUSR1), WatchedSignal(SIGUSR2)]) { signal in
            caught.add(signal, thread: pthread_self())
        }
        defer { watcher.stop() }
        #expect(watcher.received == nil)
        kill(getpid(), SIGUSR2)
        #expect(caught.waitForCount(1))
        kill(getpid(), SIGUSR1)
        #expect(caught.waitForCount(2))
        #expect(caught.signals == [WatchedSignal(SIGUSR2), WatchedSignal(SIGUSR1)])
        let me = pthread_self()
        #expect(caught.threads.allSatisfy { pthread_equal($0, me) == 0 })
        #expect(watcher.received == WatchedSignal(SIGUSR2))
    }

    @Test("stop puts back the disposition from before, and a second stop does nothing")
    func restores() throws {
        let before = signal(SIGUSR2, SIG_IGN)
        defer { _ = signal(SIGUSR2, before) }
        let caught = Caught()
        let watcher = try SignalWatcher([WatchedSignal(SIGUSR2)]) { caught.add($0, thread: pthread_self()) }
        watcher.stop()
        watcher.stop()
        // Ignored again: the process survives it and the stopped watcher hears nothing.
        kill(getpid(), SIGUSR2)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(caught.signals.isEmpty)
        #expect(address(signal(SIGUSR2, SIG_IGN)) == address(SIG_IGN))
    }

    @Test("a signal that cannot be caught is a start error naming it, and nothing stays installed")
    func refusesKill() throws {
        #expect(throws: SignalWatcher.StartError.self) {
            _ = try SignalWatcher([WatchedSignal(SIGUSR1), WatchedSignal(SIGKILL)]) { _ in }
        }
        let error = #expect(throws: SignalWatcher.StartError.self) {
            _ = try SignalWatcher([WatchedSignal(SIGKILL)]) { _ in }
        }
        #expect(error?.description.contains("cannot catch signal 9") == true)
        let before = signal(SIGUSR1, SIG_IGN)
        #expect(address(before) == address(SIG_DFL))
        _ = signal(SIGUSR1, before)
    }

    @Test("exit statuses and names follow the shell's spelling")
    func spelling() {
        #expect(WatchedSignal.interrupt.exitStatus == 130)
        #expect(WatchedSignal.terminate.exitStatus == 143)
        #expect(WatchedSignal.interrupt.description == "SIGINT")
        #expect(WatchedSignal.terminate.description == "SIGTERM")
    }
}

/// A signal disposition as a number, to compare C function pointers.
private func address(_ handler: __sighandler_t?) -> Int { unsafeBitCast(handler, to: Int.self) }

/// Signals seen by a handler, from the watcher's thread.
private final class Caught: @unchecked Sendable {
    private let condition = NSCondition()
    private var seen: [(WatchedSignal, pthread_t)] = []

    func add(_ signal: WatchedSignal, thread: pthread_t) {
        condition.lock()
        seen.append((signal, thread))
        condition.broadcast()
        condition.unlock()
    }

    /// Waits up to 10 s (a generous bound on a loaded machine, not a speed test) for `count` signals.
    func waitForCount(_ count: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(10)
        while seen.count < count { if !condition.wait(until: deadline) { return false } }
        return true
    }

    var signals: [WatchedSignal] { condition.lock(); defer { condition.unlock() }; return seen.map(\.0) }
    var threads: [pthread_t] { condition.lock(); defer { condition.unlock() }; return seen.map(\.1) }
}
