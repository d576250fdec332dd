/// One batch being decoded.
struct BatchCursor {
    var bytes: [UInt8]
    /// File offset of `bytes[0]`.
    var fileOffset: Int
    var position: Int
    var remaining: Int
    var time: UInt64
    var deltas: [UInt64]
    /// The batch's events when the read-ahead thread decoded them (`remaining` then counts those not yet taken;
    /// emptied when the lane takes them all at once).
    var decoded: [PendingEvent] = []
    /// The bytes of the events decoded ahead (what the read-ahead thread's budget counts), 0 when not decoded.
    var decodedBytes = 0
    /// Those events by kind code, counted once the batch is used up.
    var decodedCounts: [(code: UInt8, events: UInt64)] = []
    var isDecoded = false
    /// The batch's payload bytes.
    var size: Int

    /// A batch to decode from its payload `bytes`, from `position` (after its header) on.
    init(bytes: [UInt8], fileOffset: Int, position: Int, remaining: Int, time: UInt64, deltas: [UInt64]) {
        self.bytes = bytes
        self.fileOffset = fileOffset
        self.position = position
        self.remaining = remaining
        self.time = time
        self.deltas = deltas
        size = bytes.count
    }

    /// A batch whose events were decoded ahead.
    init(decoded batch: DecodedBatch, fileOffset: Int) {
        bytes = []
        self.fileOffset = fileOffset
        position = 0
        remaining = batch.events.count
        time = 0
        deltas = []
        decoded = batch.events
        decodedBytes = batch.events.count * MemoryLayout<PendingEvent>.stride
        decodedCounts = batch.counts
        size = batch.size
        isDecoded = true
    }

    /// What stands in a lane while its cursor is being decoded.
    static let moved = BatchCursor(bytes: [], fileOffset: 0, position: 0, remaining: 0, time: 0, deltas: [])
}

/// An event decoded from a batch, waiting in its thread's lane: 48 bytes, two thirds of an `Event` and its offset,
/// since the lane knows the thread and the task is derived when the event is emitted.
struct PendingEvent {
    var time: UInt64
    var args: EventArguments
    /// The file offset of the event's first byte, shifted left by 8, with the kind's tag in the low byte. Offsets are
    /// distinct, so this orders events of equal time as the offsets do (earlier batches first).
    private var offsetAndKind: UInt64

    @inline(__always)
    init(kind: EventKind, time: UInt64, args: EventArguments, offset: Int) {
        self.time = time
        self.args = args
        offsetAndKind = UInt64(offset) << 8 | UInt64(unsafeBitCast(kind, to: UInt8.self))
    }

    /// The event's kind.
    var kind: EventKind {
        @inline(__always) get { unsafeBitCast(UInt8(truncatingIfNeeded: offsetAndKind), to: EventKind.self) }
    }

    /// File offset of the event's first byte.
    var offset: Int {
        @inline(__always) get { Int(offsetAndKind >> 8) }
    }

    /// Whether this event comes before one at (`time`, `offset`) in the merge: earlier, or as early and earlier in
    /// the file.
    @inline(__always)
    func precedes(time: UInt64, offset: Int) -> Bool {
        self.time != time ? self.time < time : self.offset < offset
    }

    /// The event as the reader yields it, recorded on `thread` while `task` ran there.
    @inline(__always)
    func event(thread: ThreadID, task: TaskID = .none) -> Event {
        Event(kind: kind, time: time, thread: thread, task: task, args: args)
    }
}

/// One thread's stream: the batches read so far, the next event, and what the thread is doing.
struct Lane {
    var thread: ThreadID
    var batches: [BatchCursor] = []
    var head = 0
    /// Events decoded ahead (a slice of the head batch, or the whole of it when the read-ahead thread decoded it),
    /// and the next one to emit.
    var ready: [PendingEvent] = []
    var readyIndex = 0
    /// A decoding error met while decoding ahead: thrown when the lane reaches it.
    var failure: TraceError?
    /// The task running on this thread now (derived from runBegin/runEnd).
    var running: TaskID = .none
    var stopped = false
    /// Whether the lane is in the heap, parked on a wait key, or neither.
    var queued = false

    init(thread: ThreadID) { self.thread = thread }

    var hasBatches: Bool { head < batches.count }

    /// Notes that the frontier was emitted, with `running` now on the thread (and the thread stopped when `stops`).
    /// Returns whether the next event is decoded already; the lane then counts as queued (the reader holds it as
    /// its current lane); otherwise it is not queued and the caller fills it.
    @inline(__always)
    mutating func emitted(running: TaskID, stops: Bool) -> Bool {
        self.running = running
        if stops { stopped = true }
        readyIndex += 1
        queued = readyIndex < ready.count
        return queued
    }

    mutating func dropConsumedBatch() {
        head += 1
        if head == batches.count {
            // Nothing left to read: give the memory back (a stopped thread's lane stays, at its smallest).
            batches = []
            head = 0
        } else if head > 16 && head * 2 > batches.count {
            batches.removeFirst(head)
            head = 0
        }
    }
}

/// A min-heap of lane indices ordered by their frontier event's (time, file offset).
struct LaneHeap {
    private(set) var items: [(time: UInt64, offset: Int, lane: Int)] = []
    /// The top's time and offset, kept beside the items (the greatest values when the heap is empty), so that the
    /// reader compares the lane it emits from with the top without reaching into the items: an event that precedes
    /// (`topTime`, `topOffset`) precedes every lane in the heap.
    private(set) var topTime = UInt64.max
    private(set) var topOffset = Int.max

    var isEmpty: Bool { items.isEmpty }
    var top: (time: UInt64, offset: Int, lane: Int)? { items.first }
    var count: Int { items.count }

    /// Copies the top's key beside the items.
    @inline(__always)
    private mutating func noteTop() {
        if let first = items.first {
            topTime = first.time
            topOffset = first.offset
        } else {
            topTime = .max
            topOffset = .max
        }
    }

    mutating func push(time: UInt64, offset: Int, lane: Int) {
        items.append((time, offset, lane))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if less(items[i], items[parent]) {
                items.swapAt(i, parent)
                i = parent
            } else {
                break
            }
        }
        noteTop()
    }

    mutating func pop() -> Int? {
        guard !items.isEmpty else { return nil }
        let top = items[0].lane
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            siftDownFromTop()
        }
        noteTop()
        return top
    }

    /// Pops the top and pushes (`time`, `offset`, `lane`) in one pass down the heap, for an entry that does not come
    /// before the top (the top is then what `pop` would return after the push).
    /// - Returns: the top's lane.
    mutating func replaceTop(time: UInt64, offset: Int, lane: Int) -> Int {
        guard !items.isEmpty else { return lane }
        let top = items[0].lane
        items[0] = (time, offset, lane)
        siftDownFromTop()
        noteTop()
        return top
    }

    /// Moves the top item down to its place.
    @inline(__always)
    private mutating func siftDownFromTop() {
        var i = 0
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var m = i
            if l < items.count && less(items[l], items[m]) { m = l }
            if r < items.count && less(items[r], items[m]) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
    }

    @inline(__always)
    private func less(_ a: (time: UInt64, offset: Int, lane: Int), _ b: (time: UInt64, offset: Int, lane: Int)) -> Bool {
        a.time != b.time ? a.time < b.time : a.offset < b.offset
    }
}
