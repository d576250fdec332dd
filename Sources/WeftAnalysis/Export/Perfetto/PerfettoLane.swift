/// One Perfetto packet sequence: the events one OS thread recorded, in the order it recorded them.
///
/// A sequence has its own incremental state (Perfetto scopes interning, clocks and defaults to a sequence): the
/// strings it has interned, a sequence-scoped incremental clock whose value is the time of the last packet written
/// on it (so that each packet's timestamp is a small delta, never negative, since one thread's events are in time
/// order), and defaults naming its thread's track, so that its events need no `track_uuid`.
struct PerfettoLane {
    /// `trusted_packet_sequence_id`.
    let sequenceID: UInt64
    /// The track its events go on unless they name another (thread lanes), or nil (task lanes).
    let defaultTrack: UInt64?
    /// Whether the sequence's first packet (state cleared, clock, defaults) is written.
    var started = false
    /// The incremental clock's value: the time of the last packet written with a delta.
    var clock: UInt64 = 0
    var interning: PerfettoInterning
    /// Interned ids by an integer key, so that the hot path hashes no strings (see `PerfettoTraceWriter.cachedIID`).
    var cachedIIDs: [UInt64: UInt64] = [:]
    /// The same, by index, for the keys of event kinds' names and their arguments' names (0: not interned yet):
    /// the commonest lookups, which hash nothing at all.
    var fixedIIDs = [UInt64](repeating: 0, count: PerfettoLane.fixedSlots)
    static let fixedSlots = 256 + 256 * 8

    /// The slot of a key in `fixedIIDs`: 1 << 56 | kind (a kind's name), 2 << 56 | kind << 8 | i (its argument i's
    /// name, i < 8); nil for other keys.
    @inline(__always)
    static func fixedSlot(_ key: UInt64) -> Int? {
        switch key >> 56 {
        case 1 where key & ~(1 << 56) < 256: Int(key & 0xFF)
        case 2 where key & 0x00FF_FFFF_FFFF_0000 == 0 && key & 0xFF < 8: 256 + Int(key >> 8 & 0xFF) * 8 + Int(key & 0xFF)
        default: nil
        }
    }

    init(sequenceID: UInt64, defaultTrack: UInt64?, internCap: Int) {
        self.sequenceID = sequenceID
        self.defaultTrack = defaultTrack
        interning = PerfettoInterning(cap: internCap)
    }

    /// Forgets the incremental state (the thread stopped): the next packet clears it again on the same sequence.
    mutating func reset() {
        started = false
        clock = 0
        interning = PerfettoInterning(cap: interning.cap)
        cachedIIDs = [:]
        fixedIIDs = [UInt64](repeating: 0, count: Self.fixedSlots)
    }
}
