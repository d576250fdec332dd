import CWeftSupport
import WeftTrace

/// The runtime's thread-local slots (see CWeftSupport.h): 1 = the task running on this thread, 2 = why its current
/// run slice will end, 3 = the multiplexed worker this thread is.
enum ThreadLocals {
    /// The Weft task whose job this thread is running, if any.
    @inline(__always) static var currentTask: TaskRecord? {
        guard let raw = cweft_tls_get(1) else { return nil }
        return Unmanaged<TaskRecord>.fromOpaque(raw).takeUnretainedValue()
    }

    @inline(__always) static func setCurrentTask(_ record: TaskRecord?) {
        cweft_tls_set(1, record.map { Unmanaged.passUnretained($0).toOpaque() })
    }

    /// Why the running slice ends; primitives set it just before suspending, the executor reads and resets it.
    @inline(__always) static var endReason: RunEndReason {
        get {
            let raw = UInt64(UInt(bitPattern: cweft_tls_get(2)))
            return raw == 0 ? .yielded : RunEndReason(rawValue: raw - 1) ?? .yielded
        }
        set { cweft_tls_set(2, UnsafeMutableRawPointer(bitPattern: UInt(newValue.rawValue + 1))) }
    }

    /// The multiplexed worker running on this thread, if any.
    @inline(__always) static var currentWorker: Worker? {
        guard let raw = cweft_tls_get(3) else { return nil }
        return Unmanaged<Worker>.fromOpaque(raw).takeUnretainedValue()
    }

    static func setCurrentWorker(_ worker: Worker?) {
        cweft_tls_set(3, worker.map { Unmanaged.passUnretained($0).toOpaque() })
    }
}
