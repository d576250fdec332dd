import CWeftSupport

/// Monotonic nanoseconds (CLOCK_MONOTONIC, 20 ns).
@inline(__always) func monotonicNanoseconds() -> UInt64 { cweft_monotonic_ns() }

extension Duration {
    /// The duration in whole nanoseconds, 0 if negative.
    var wholeNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        if seconds < 0 { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}
