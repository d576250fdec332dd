import CWeftSupport
import WeftTrace

/// The runtime's thread-local slots (see CWeftSupport.h): 1 = the task running on this thread, 2 = why its current
/// run slice will end, 3 = the scheduler's per-thread state (`Worker` under multiplexed), 4 = whether the slice must
/// check for a deadlock once it has ended, 5 = the helper record of the actor whose job this thread runs (traced runs).
enum ThreadLocals {
    /// The Weft task whose job this thread is running, if any.
    @inline(__always) static var currentTask: TaskRecord? {
        guard let raw = cweft_tls_get(1) else { return nil }
        return Unmanaged<TaskRecord>.fromOpaque(raw).takeUnretainedValue()
    }

    @inline(__always) static func setCurrentTask(_ record: TaskRecord?) {
        cweft_tls_set(1, record.map { Unmanaged.passUnretained($0).toOpaque() })
    }

    /// Why the running slice ends; `park` sets it just before suspending, the executor reads and resets it.
    @inline(__always) static var endReason: RunEndReason {
        get {
            let raw = UInt64(UInt(bitPattern: cweft_tls_get(2)))
            return raw == 0 ? .yielded : RunEndReason(rawValue: raw - 1) ?? .yielded
        }
        set { cweft_tls_set(2, UnsafeMutableRawPointer(bitPattern: UInt(newValue.rawValue + 1))) }
    }

    /// Why the running slice ends, if a Weft wait, yield or the task's end said so; nil when the task suspended on
    /// something else (or finished, for a plain Swift task).
    @inline(__always) static var endReasonIfSet: RunEndReason? {
        let raw = UInt64(UInt(bitPattern: cweft_tls_get(2)))
        return raw == 0 ? nil : RunEndReason(rawValue: raw - 1)
    }

    /// Forgets the slice's end reason (at the end of every slice).
    @inline(__always) static func clearEndReason() { cweft_tls_set(2, nil) }

    /// The scheduler's state for this thread (opaque to the core), if the scheduler set one.
    @inline(__always) static var schedulerThreadState: UnsafeMutableRawPointer? {
        get { cweft_tls_get(3) }
        set { cweft_tls_set(3, newValue) }
    }

    /// The helper record of the actor whose job this thread is running in a traced run (see
    /// `TaskRecord.runActorJob`), if any.
    @inline(__always) static var actorJobRecord: TaskRecord? {
        get {
            guard let raw = cweft_tls_get(5) else { return nil }
            return Unmanaged<TaskRecord>.fromOpaque(raw).takeUnretainedValue()
        }
        set { cweft_tls_set(5, newValue.map { Unmanaged.passUnretained($0).toOpaque() }) }
    }

    /// Set when a task parked in this slice in a way that may complete a deadlock: the check runs once the slice has
    /// ended (and `runEnd` is recorded), so the task that closes a cycle is seen blocked, like the others.
    @inline(__always) static var deadlockCheckPending: Bool {
        get { cweft_tls_get(4) != nil }
        set { cweft_tls_set(4, newValue ? UnsafeMutableRawPointer(bitPattern: 1) : nil) }
    }
}
