import CWeftSupport
import Foundation

/// Turns SIGINT and SIGTERM (or other signals) into a call on a thread of its own, so that a command can stop its
/// work cleanly, finish its output and exit 130/143 instead of dying with half a file.
///
/// The C handler only writes the signal's number to a pipe (async-signal-safe); the watcher's thread reads the pipe
/// and calls `handler` there, where any Swift code may run. Each signal is caught once: after the first one its
/// default action is back, so a second Ctrl-C ends the process at once (the way out if a clean stop hangs).
/// Only one watcher may hold a given signal at a time; `stop()` (or `deinit`) gives the signals back.
///
/// - Warning: `handler` runs on the watcher's thread, concurrently with the rest of the program.
public final class SignalWatcher: @unchecked Sendable {
    /// Why the watcher could not start.
    public struct StartError: Error, CustomStringConvertible {
        /// The signal whose handler could not be installed, if any.
        public var signal: WatchedSignal?
        /// `errno` from the failed call.
        public var code: Int32
        public var description: String {
            let what = signal.map { "cannot catch \($0)" } ?? "cannot create the signal pipe"
            return "\(what): \(String(cString: strerror(code)))"
        }
    }

    private let signals: [WatchedSignal]
    private let readEnd: Int32
    private let writeEnd: Int32
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private let caught = FirstSignal()
    private var stopped = false

    /// Catches `signals` from now on and calls `handler` with each one caught, on the watcher's own thread.
    /// - Throws: `StartError` when the pipe or a handler cannot be set up (nothing stays installed then).
    public init(_ signals: [WatchedSignal] = [.interrupt, .terminate],
                handler: @escaping @Sendable (WatchedSignal) -> Void) throws(StartError) {
        // Everything that can fail happens before `self` exists, so a failed start leaves no watcher to stop.
        (readEnd, writeEnd) = try Self.install(signals)
        self.signals = signals
        // The thread holds only what it needs, never the watcher, so the watcher's `deinit` never runs on it.
        let thread = Thread { [readEnd, finished, caught] in
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                // 0 is the stop byte (no signal has number 0); end of file or an error also ends the watch.
                guard count == 1, byte != 0 else { break }
                let signal = WatchedSignal(Int32(byte))
                caught.note(signal)
                handler(signal)
            }
            finished.signal()
        }
        thread.start()
    }

    deinit { stop() }

    /// The first signal caught, if any.
    public var received: WatchedSignal? { caught.value }

    /// Gives the signals back (their dispositions from before `init`), waits for a handler call in progress to end,
    /// and closes the pipe. Calling it again does nothing. Do not call it from `handler`.
    public func stop() {
        lock.lock()
        let already = stopped
        stopped = true
        lock.unlock()
        guard !already else { return }
        for signal in signals { _ = cweft_signal_restore(signal.number) }
        var stopByte: UInt8 = 0
        while write(writeEnd, &stopByte, 1) < 0 && errno == EINTR {}
        finished.wait()
        close(readEnd)
        close(writeEnd)
    }

    /// Opens the pipe and points each signal's handler at it; on failure undoes what it did.
    private static func install(_ signals: [WatchedSignal]) throws(StartError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw StartError(signal: nil, code: errno) }
        // Neither end leaks into child processes; the reading end blocks (the thread waits on it), the writing end
        // never blocks a signal handler.
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        var installed: [WatchedSignal] = []
        for signal in signals {
            guard cweft_signal_to_pipe(signal.number, ends[1]) == 0 else {
                let code = errno
                for done in installed { _ = cweft_signal_restore(done.number) }
                close(ends[0])
                close(ends[1])
                throw StartError(signal: signal, code: code)
            }
            installed.append(signal)
        }
        return (ends[0], ends[1])
    }

}

/// The first signal a watcher caught, shared by its thread and its owner.
private final class FirstSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var first: WatchedSignal?

    var value: WatchedSignal? {
        lock.lock()
        defer { lock.unlock() }
        return first
    }

    func note(_ signal: WatchedSignal) {
        lock.lock()
        if first == nil { first = signal }
        lock.unlock()
    }
}
