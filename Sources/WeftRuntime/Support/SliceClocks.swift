import CWeftSupport
import WeftTrace

/// The CPU clocks of the threads inside a run slice of one traced run, for the sampler to read (`threadCPU` events).
///
/// A thread enters when its slice begins and leaves when it ends (`TaskRecord.runSlice`): at most one entry per thread
/// in a slice, in a fixed table of `CWEFT_SLICE_CLOCK_SLOTS` slots, so that a tick of the sampler costs one clock
/// read per thread in a slice (about 1 µs each here: a system call), whatever the number of threads the run made.
final class SliceClocks: @unchecked Sendable {
    private let table: OpaquePointer

    /// A new, empty table; nil when it could not be allocated (the run is then traced without CPU samples).
    init?() {
        guard let table = cweft_slice_clocks_create() else { return nil }
        self.table = table
    }

    deinit { cweft_slice_clocks_destroy(table) }

    /// Puts the calling thread, numbered `thread` in the trace, in the table. Returns its slot for `leave`, or -1
    /// when the table is full.
    @inline(__always)
    func enter(_ thread: ThreadID) -> Int32 { cweft_slice_clocks_enter(table, UInt32(truncatingIfNeeded: thread.rawValue)) }

    /// Takes the calling thread out of the table (the slot `enter` returned).
    @inline(__always)
    func leave(_ slot: Int32) { cweft_slice_clocks_leave(table, slot) }

    /// Reads the clock of every thread in the table and records each as a `threadCPU` event on the calling thread,
    /// right after its read.
    func record(into tracer: TraceRecorder) {
        var thread: UInt32 = 0
        var cpu: UInt64 = 0
        for slot in 0 ..< Int32(CWEFT_SLICE_CLOCK_SLOTS) where cweft_slice_clocks_read(table, slot, &thread, &cpu) {
            tracer.record(ThreadCPUEvent(thread: ThreadID(UInt64(thread)), cpu: cpu))
        }
    }
}
