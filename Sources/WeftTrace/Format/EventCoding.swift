/// How this version of Weft encodes each kind's arguments: the count (which must match `EventSpec.all`, checked by a
/// test) and which argument is delta-encoded. Written as switches so that the recorder's hot path folds them away.
public enum EventCoding {
    /// The most bytes one encoded event takes: code, time delta, four arguments.
    public static let maxEventBytes = 1 + Varint.maxBytes * (1 + EventSpec.maxArguments)

    /// The number of arguments `kind` carries in the file.
    @inlinable @inline(__always)
    public static func argumentCount(_ kind: EventKind) -> Int {
        switch kind {
        case .threadStop: 0
        case .runBegin, .threadWake, .close, .lockRequest, .lockAcquire, .lockRelease, .waitGroupWait, .conditionWait, .sleep,
             .regionBegin, .regionEnd, .unblock, .sendFailed, .readRequest, .onceBegin, .onceEnd, .tickerStop, .timerFire,
             .timerStop, .taskCancel, .trySendMiss, .tryReceiveMiss, .actorJobBegin, .actorJobEnd:
            1
        case .metadata, .runFinish, .sample, .threadCPU, .runEnd, .block, .send, .receive, .mutexMake, .waitGroupMake,
             .waitGroupDone, .conditionSignal, .conditionBroadcast, .log, .selectWait, .rwMutexMake, .readAcquire,
             .readRelease, .onceMake, .receiveTimeout, .actorMake, .actorSlice:
            2
        case .threadStart, .taskEnd, .channelMake, .select, .waitGroupAdd, .conditionMake, .semaphoreMake, .semaphoreAcquire,
             .semaphoreRelease, .tickerMake, .tick, .timerMake:
            3
        case .taskCreate: 4
        }
    }

    /// The delta slot of `kind`'s delta-encoded argument (always argument 1), or -1 when every argument is plain.
    /// Message sequence numbers grow by one per channel, so their differences fit a byte.
    @inlinable @inline(__always)
    public static func deltaSlot(_ kind: EventKind) -> Int {
        switch kind {
        case .send: 0
        case .receive: 1
        default: -1
        }
    }

    /// The number of delta slots.
    public static let deltaSlots = 2
    /// The argument index the delta slots refer to.
    public static let deltaArgument = 1

    /// How argument `index` of `kind` is encoded.
    public static func encoding(_ kind: EventKind, argument index: Int) -> TraceFormat.ArgumentEncoding {
        deltaSlot(kind) >= 0 && index == deltaArgument ? .delta : .plain
    }

    /// Per-thread encoder state: the previous time and the previous value of each delta-encoded argument.
    public struct State: Sendable, Equatable {
        public var time: UInt64
        public var deltas: (UInt64, UInt64)
        public init(time: UInt64 = 0) {
            self.time = time
            self.deltas = (0, 0)
        }
        public static func == (a: State, b: State) -> Bool { a.time == b.time && a.deltas == b.deltas }

        @inlinable @inline(__always)
        public mutating func exchange(slot: Int, _ value: UInt64) -> UInt64 {
            if slot == 0 {
                defer { deltas.0 = value }
                return deltas.0
            } else {
                defer { deltas.1 = value }
                return deltas.1
            }
        }
        /// The delta value of slot `slot`.
        public func delta(_ slot: Int) -> UInt64 { slot == 0 ? deltas.0 : deltas.1 }
    }

    /// Encodes one event at `offset` in raw memory (which has `maxEventBytes` of room) and returns the new offset.
    /// `time` is in the trace's time units; a time before the previous one is written as a zero delta.
    @inlinable @inline(__always)
    public static func encode(_ kind: EventKind, time: UInt64, _ a0: UInt64, _ a1: UInt64, _ a2: UInt64, _ a3: UInt64,
                              state: inout State, into memory: UnsafeMutableRawPointer, at offset: Int) -> Int {
        var o = offset
        memory.storeBytes(of: kind.rawValue, toByteOffset: o, as: UInt8.self)
        o &+= 1
        var dt: UInt64 = 0
        if time > state.time {
            dt = time &- state.time
            state.time = time
        }
        o = Varint.put(dt, memory, o)
        let count = argumentCount(kind)
        if count == 0 { return o }
        o = Varint.put(a0, memory, o)
        if count == 1 { return o }
        let slot = deltaSlot(kind)
        if slot >= 0 {
            let previous = state.exchange(slot: slot, a1)
            o = Varint.put(Event.zigzag(Int64(bitPattern: a1 &- previous)), memory, o)
        } else {
            o = Varint.put(a1, memory, o)
        }
        if count == 2 { return o }
        o = Varint.put(a2, memory, o)
        if count == 3 { return o }
        return Varint.put(a3, memory, o)
    }
}
