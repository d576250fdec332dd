/// The distinct threads (by position) one task ran on, kept without a hash set: a bit per position below 64 and a
/// short list beyond, since a task runs on a handful of threads at most.
///
/// `RunStatsAccumulator` counts each thread's distinct tasks with it: a thread gains a task the first time that task
/// is seen there, so no thread keeps a set of the (possibly millions of) tasks that ran on it.
struct DistinctThreads: Sendable, Equatable {
    /// Positions 0 ..< 64, one bit each.
    private var low: UInt64 = 0
    /// Positions from 64 on, in the order first seen.
    private var high: [Int32] = []

    /// Adds thread position `position`; true when it was not there before.
    @inline(__always)
    mutating func insert(_ position: Int) -> Bool {
        if position < 64 {
            let bit: UInt64 = 1 << UInt64(position)
            guard low & bit == 0 else { return false }
            low |= bit
            return true
        }
        let p = Int32(truncatingIfNeeded: position)
        guard !high.contains(p) else { return false }
        high.append(p)
        return true
    }

    /// How many distinct positions it holds.
    var count: Int { low.nonzeroBitCount + high.count }

    /// Every position it holds: those below 64 in increasing order, then the others in the order first seen.
    var positions: [Int] {
        var result: [Int] = []
        var bits = low
        while bits != 0 {
            result.append(bits.trailingZeroBitCount)
            bits &= bits &- 1
        }
        return result + high.map { Int($0) }
    }
}
