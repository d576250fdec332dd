import Glibc

/// One worker of the multiplexed scheduler: an OS thread with its own run queue.
final class Worker: @unchecked Sendable {
    let index: Int
    let queue = JobQueue()
    var thread: pthread_t?
    /// Where this worker starts looking when it steals (varies so that workers do not all rob the same victim).
    var stealStart: Int
    /// How many jobs each worker's owner had taken from its queue (`JobQueue.ownerTakes`) before this worker's last
    /// nap, by worker index: a lone job is stolen only from a queue whose owner took nothing meanwhile.
    var takesBeforeNap: [UInt64] = []

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
