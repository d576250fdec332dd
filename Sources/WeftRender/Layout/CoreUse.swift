/// How many threads ran a task at once, against the machine's cores: more running than cores means that some of what
/// the trace records as running was a thread waiting for the OS to give it a CPU.
struct CoreUse {
    /// The most threads running a task at one instant.
    var peak = 0
    /// How long more threads ran than there were cores (ns).
    var oversubscribed: UInt64 = 0

    init(_ threads: [ThreadTrack], cores: Int) {
        // Fewer threads that ever ran than cores: nothing to count.
        guard threads.filter({ !$0.slices.isEmpty }).count > cores else { return }
        var edges: [(time: UInt64, delta: Int)] = []
        for thread in threads {
            for slice in thread.slices where slice.end > slice.start {
                edges.append((slice.start, 1))
                edges.append((slice.end, -1))
            }
        }
        // Ends before starts at one instant: a hand-over is not two at once.
        edges.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        var running = 0
        var since: UInt64 = 0
        for edge in edges {
            if running > cores { oversubscribed += edge.time - since }
            running += edge.delta
            since = edge.time
            peak = max(peak, running)
        }
    }
}
