import Glibc

/// One worker of the multiplexed scheduler: an OS thread with its own run queue.
final class Worker: @unchecked Sendable {
    let index: Int
    let queue = JobQueue()
    var thread: pthread_t?
    /// Where this worker starts looking when it steals (varies so that workers do not all rob the same victim).
    var stealStart: Int

    init(index: Int) {
        self.index = index
        stealStart = index + 1
    }

    /// The worker running on the calling thread, if it is one.
    @inline(__always) static var current: Worker? {
        get {
            guard let raw = ThreadLocals.schedulerThreadState else { return nil }
            return Unmanaged<Worker>.fromOpaque(raw).takeUnretainedValue()
        }
        set { ThreadLocals.schedulerThreadState = newValue.map { Unmanaged.passUnretained($0).toOpaque() } }
    }
}
