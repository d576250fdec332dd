import CWeftSupport
import Glibc

/// Monotonic nanoseconds (CLOCK_MONOTONIC, 20 ns).
@inline(__always) func monotonicNanoseconds() -> UInt64 { cweft_monotonic_ns() }

/// CPU time the calling thread has used so far (CLOCK_THREAD_CPUTIME_ID), in nanoseconds: unlike the monotonic clock,
/// it stands still while the thread waits for a CPU.
@inline(__always) func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
}

extension Duration {
    /// The duration in whole nanoseconds, 0 if negative.
    var wholeNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        if seconds < 0 { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}
