/// Small flow ids, reused once a flow has ended, so that each takes one or two bytes as a varint.
///
/// Perfetto lets a flow id be used again after an event listed it in `terminating_flow_ids`. Perfetto orders
/// events by time before it joins flows, so an id freed at time t is handed out again only to a flow that starts
/// strictly after t; ids are reused oldest-freed first.
struct PerfettoFlowIDs {
    private var next: UInt64 = 1
    private var free: [(id: UInt64, freedAt: UInt64)] = []
    private var head = 0

    /// An id for a flow starting at `time`.
    mutating func take(at time: UInt64) -> UInt64 {
        if head < free.count, free[head].freedAt < time {
            let id = free[head].id
            head += 1
            if head > 1024 && head * 2 > free.count {
                free.removeFirst(head)
                head = 0
            }
            return id
        }
        defer { next += 1 }
        return next
    }

    /// Gives back the id of a flow that ended at `time`.
    mutating func give(_ id: UInt64, at time: UInt64) { free.append((id, time)) }

    /// How many ids were ever handed out fresh (the largest id).
    var highest: UInt64 { next - 1 }
}
