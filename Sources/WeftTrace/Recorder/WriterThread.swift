import CWeftSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The recorder's background thread, named "weft-writer": runs a round every 10 ms, or sooner when woken.
final class WriterThread: @unchecked Sendable {
    static let interval: UInt64 = 10_000_000

    private let lock = PThreadLock()
    private var stopping = false
    private var stopped = false
    private var thread = pthread_t()
    private let round: @Sendable () -> Bool

    /// Starts the thread. `round` returns false when the thread should end (its recorder is gone).
    init(round: @escaping @Sendable () -> Bool) {
        self.round = round
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(&thread, nil, { raw in
            let me = Unmanaged<WriterThread>.fromOpaque(raw!).takeRetainedValue()
            WriterThread.nameCurrentThread("weft-writer")
            me.run()
            return nil
        }, context)
        if result != 0 {
            Unmanaged<WriterThread>.fromOpaque(context).release()
            stopped = true
        }
    }

    /// Names the calling thread (Glibc does not export pthread_setname_np; /proc's comm file does the same).
    static func nameCurrentThread(_ name: String) {
        let fd = open("/proc/self/task/\(cweft_gettid())/comm", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = Array(name.utf8.prefix(15)).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        _ = Glibc.close(fd)
    }

    private func run() {
        while true {
            let stop = lock.withLock { stopping }
            if stop || !round() { break }
            lock.withLock {
                if !stopping { lock.wait(nanoseconds: Self.interval) }
            }
        }
    }

    /// Wakes the thread for a round now.
    func wake() {
        lock.withLock { lock.signal() }
    }

    /// Ends the thread and waits for it (unless called from it).
    func stop() {
        let join: Bool = lock.withLock {
            if stopped { return false }
            stopped = true
            stopping = true
            lock.signal()
            return true
        }
        guard join else { return }
        if pthread_equal(pthread_self(), thread) != 0 {
            pthread_detach(thread)
        } else {
            pthread_join(thread, nil)
        }
    }
}

/// The recorders still open, so that normal process exit can finish them.
enum LiveRecorders {
    nonisolated(unsafe) private static var live: [UInt64: Weak] = [:]
    private static let lock = PThreadLock()
    nonisolated(unsafe) private static var registered = false

    struct Weak { weak var recorder: TraceRecorder? }

    static func add(_ recorder: TraceRecorder) {
        lock.withLock {
            live[recorder.serial] = Weak(recorder: recorder)
            if !registered {
                registered = true
                atexit { LiveRecorders.finishAll() }
            }
        }
    }

    static func remove(_ serial: UInt64) {
        lock.withLock { live[serial] = nil }
    }

    static func isLive(_ serial: UInt64) -> Bool {
        lock.withLock { live[serial] != nil }
    }

    static func finishAll() {
        let recorders = lock.withLock { live.values.compactMap(\.recorder) }
        for r in recorders { _ = try? r.finish() }
    }
}
