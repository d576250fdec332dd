/// The messages sent so far on every channel, as the reader's causal checks need them: whether message `seq` of a
/// channel was sent, and each message sent once.
///
/// Per channel, every message up to a contiguous mark was sent; the few sent beyond it wait in a set of their own
/// (sends of one channel may be emitted out of order when their threads' clocks disagree). The common path, a
/// channel's next message, reads and writes one integer per channel: no collection is copied or retained per event.
struct SentLedger {
    /// Per channel raw id, the mark: every message up to it was sent (absent: none).
    private var contiguous = DenseTable<UInt64>()
    /// Per channel raw id, the messages sent beyond its mark + 1 (only channels that have some).
    private var beyond: [UInt64: Set<UInt64>] = [:]

    /// Whether message `seq` was sent on `channel` (message 0, "no message", always counts as sent).
    @inline(__always)
    func contains(channel: UInt64, message seq: UInt64) -> Bool {
        if seq <= contiguous[channel] ?? 0 { return true }
        return !beyond.isEmpty && beyond[channel]?.contains(seq) == true
    }

    /// Notes message `seq` as sent on `channel`.
    /// - Returns: false when it was sent before (message 0 always was).
    @inline(__always)
    mutating func insert(channel: UInt64, message seq: UInt64) -> Bool {
        var mark = contiguous[channel] ?? 0
        if seq <= mark { return false }
        if seq != mark + 1 { return beyond[channel, default: []].insert(seq).inserted }
        mark = seq
        if !beyond.isEmpty, var later = beyond.removeValue(forKey: channel) {
            while later.remove(mark + 1) != nil { mark += 1 }
            if !later.isEmpty { beyond[channel] = later }
        }
        contiguous[channel] = mark
        return true
    }
}
