/// The messages of one channel still waiting for their partner (a send for its receive, or the reverse), by
/// sequence number. Messages pair mostly in order, so this is a sliding array, not a hash table; a number far from
/// the window (a gap of more than `reach`, as a damaged or hostile trace may hold) goes to a small hash table instead,
/// so that memory follows the messages waiting, never the size of a number.
struct SeqWindow {
    /// How far beyond (or before) the window a number may be and still widen it.
    static let reach: UInt64 = 1 << 16
    /// Flow positions of numbers far from the window.
    private var far: [UInt64: Int32] = [:]
    /// The sequence number of `slots[head]`.
    private var base: UInt64 = 1
    private var head = 0
    /// Flow positions; -1 for none.
    private var slots: [Int32] = []

    /// Removes and returns the flow waiting under `seq`, if any.
    mutating func take(_ seq: UInt64) -> Int? {
        if !far.isEmpty, let flow = far.removeValue(forKey: seq) { return Int(flow) }
        guard seq >= base, seq - base < UInt64(slots.count - head) else { return nil }
        let i = head + Int(seq - base)
        guard slots[i] >= 0 else { return nil }
        let flow = Int(slots[i])
        slots[i] = -1
        while head < slots.count && slots[head] < 0 {
            head += 1
            base += 1
        }
        if head == slots.count {
            slots.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 && head * 2 > slots.count {
            slots.removeFirst(head)
            head = 0
        }
        return flow
    }

    /// Stores `flow` under `seq` (messages of one channel may arrive out of order, from different threads).
    mutating func put(_ seq: UInt64, _ flow: Int) {
        if !slots.isEmpty && (seq < base ? base - seq > Self.reach : seq - base >= UInt64(slots.count - head) + Self.reach) {
            far[seq] = Int32(flow)
            return
        }
        if slots.isEmpty {
            head = 0
            base = seq
        } else if seq < base {
            // Grow the window downwards: reuse freed slots before `head`, else insert at the front.
            let extra = Int(base - seq)
            if head >= extra {
                head -= extra
            } else {
                slots.insert(contentsOf: repeatElement(-1, count: extra - head), at: 0)
                head = 0
            }
            base = seq
        }
        let i = head + Int(seq - base)
        if i >= slots.count { slots.append(contentsOf: repeatElement(-1, count: i + 1 - slots.count)) }
        slots[i] = Int32(flow)
    }
}
